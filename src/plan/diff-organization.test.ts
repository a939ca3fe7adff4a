import { describe, expect, it } from 'vitest';
import { DEV, desiredState, MGMT, ORGANIZATION } from '../../test/plan/builders.js';
import { action, expectValidOrder, ids, planFor } from '../../test/plan/plan-helpers.js';

const centralized = {
  mfa: 'required' as const,
  accessKeys: 'forbidden' as const,
  maxDaysSinceLastUse: 90,
  centralizedManagement: true,
};
const contact = { name: 'Sec Team', title: 'Security', email: 'sec@example.com', phone: '+1 555 0100' };

describe('organization', () => {
  it('creates the organization with all features when the config asks and none exists', () => {
    const plan = planFor(
      desiredState({ organization: { featureSet: 'ALL', memberAccessRole: 'OrganizationAccountAccessRole' } }),
      { organization: null },
    );
    expect(action(plan, 'organization#create')).toMatchObject({
      type: 'organization',
      kind: 'create',
      address: 'organization',
      risk: 'neutral',
      before: null,
      after: { featureSet: 'ALL' },
      reason: { code: 'missing' },
    });
    expect(plan.organizationId).toBeNull();
    expect(plan.managementAccountId).toBe(MGMT);
  });

  it('does nothing for an existing organization, or when the config does not manage it', () => {
    expect(ids(planFor(desiredState({ organization: { featureSet: 'ALL', memberAccessRole: 'x' } })))).toEqual([]);
    expect(ids(planFor(desiredState(), { organization: null }))).toEqual([]);
  });

  it('an organization with consolidated billing only needs a manual step that blocks centralized root access', () => {
    const plan = planFor(desiredState({ root: centralized }), {
      organization: { ...ORGANIZATION, featureSet: 'CONSOLIDATED_BILLING' },
    });
    const step = plan.manualSteps.find((s) => s.id === 'enable-all-features')!;
    expect(step.consoleSteps.join(' ')).toContain('Begin process to enable all features');
    expect(step.blocks).toEqual([
      'root-management/service-access#create',
      'root-management/RootCredentialsManagement#create',
      'root-management/RootSessions#create',
    ]);
    expect(plan.actions.every((a) => !a.applyable)).toBe(true);
  });
});

describe('centralized root access', () => {
  it('enables trusted access for IAM, then both features, in that order', () => {
    const plan = planFor(desiredState({ root: centralized }));
    expect(ids(plan)).toEqual([
      'root-management/service-access#create',
      'root-management/RootCredentialsManagement#create',
      'root-management/RootSessions#create',
    ]);
    expect(action(plan, 'root-management/service-access#create')).toMatchObject({
      servicePrincipal: 'iam.amazonaws.com',
      after: { servicePrincipal: 'iam.amazonaws.com' },
    });
    expect(action(plan, 'root-management/RootSessions#create').dependsOn).toEqual([
      'root-management/service-access#create',
    ]);
    expectValidOrder(plan);
  });

  it('enables only what is missing', () => {
    const plan = planFor(desiredState({ root: centralized }), {
      serviceAccess: ['iam.amazonaws.com'],
      rootFeatures: ['RootCredentialsManagement'],
    });
    expect(ids(plan)).toEqual(['root-management/RootSessions#create']);
    expect(action(plan, 'root-management/RootSessions#create').dependsOn).toEqual([]);
  });

  it('when the organization is created in the same plan, everything waits for it', () => {
    const plan = planFor(
      desiredState({ root: centralized, organization: { featureSet: 'ALL', memberAccessRole: 'x' } }),
      {
        organization: null,
      },
    );
    expect(ids(plan).slice(0, 2)).toEqual(['organization#create', 'root-management/service-access#create']);
    expect(action(plan, 'root-management/RootSessions#create').dependsOn).toEqual([
      'organization#create',
      'root-management/service-access#create',
    ]);
  });

  it('without an organization (and none to create) it is a warning, not an action', () => {
    const plan = planFor(desiredState({ root: centralized }), { organization: null });
    expect(plan.actions).toEqual([]);
    expect(plan.warnings.map((w) => w.code)).toEqual(['centralized-root-needs-organization']);
  });
});

describe('the root user (manual steps)', () => {
  it('asks for root MFA and deleting root access keys, with console steps and how to verify', () => {
    const plan = planFor(desiredState(), { accountSummary: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 } });
    expect(plan.manualSteps.map((s) => s.id)).toEqual(['enable-root-mfa', 'delete-root-access-keys']);
    const mfa = plan.manualSteps[0]!;
    expect(mfa.address).toBe('manual/enable-root-mfa');
    expect(mfa.consoleSteps[0]).toContain(`root user of account ${MGMT}`);
    expect(mfa.verify).toContain('AccountMFAEnabled = 1');
    expect(mfa.blocks).toEqual([]);
    expect(plan.manualSteps[1]!.consoleSteps.join(' ')).toContain('Actions → Delete');
  });

  it('root.mfa: hardware asks to replace a virtual device, or to add a hardware one', () => {
    const hardware = desiredState({ root: { ...centralized, centralizedManagement: false, mfa: 'hardware' } });
    const virtual = planFor(hardware, {
      virtualMfaDevices: [{ serialNumber: `arn:aws:iam::${MGMT}:mfa/root`, userArn: `arn:aws:iam::${MGMT}:root` }],
    });
    expect(virtual.manualSteps.map((s) => s.id)).toEqual(['replace-root-virtual-mfa']);
    const none = planFor(hardware, { accountSummary: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 0 } });
    expect(none.manualSteps[0]!.title).toContain('hardware MFA');
    expect(planFor(hardware).manualSteps).toEqual([]);
  });

  it('from a member account the management root cannot be judged: a warning, no step', () => {
    const plan = planFor(desiredState(), {
      caller: { accountId: DEV, arn: `arn:aws:sts::${DEV}:assumed-role/Admin/x`, userId: 'x' },
      accountSummary: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 },
    });
    expect(plan.manualSteps).toEqual([]);
    expect(plan.warnings.map((w) => w.code)).toEqual(['root-not-checked']);
  });
});

describe('alternate contacts', () => {
  it('creates a missing contact and updates a different one in the caller account', () => {
    const plan = planFor(desiredState({ contacts: { SECURITY: contact, BILLING: contact } }), {
      contacts: { SECURITY: null, BILLING: { ...contact, phone: '+1 555 0199' } },
    });
    expect(ids(plan)).toEqual(['contact/billing#update', 'contact/security#create']);
    expect(action(plan, 'contact/billing#update')).toMatchObject({
      contactType: 'BILLING',
      accountId: MGMT,
      before: { phone: '+1 555 0199' },
      after: contact,
      risk: 'neutral',
    });
  });

  it('leaves matching contacts and contact types the config does not name alone', () => {
    const plan = planFor(desiredState({ contacts: { SECURITY: contact } }), {
      contacts: { SECURITY: contact, OPERATIONS: { ...contact, name: 'Ops' } },
    });
    expect(plan.actions).toEqual([]);
  });
});
