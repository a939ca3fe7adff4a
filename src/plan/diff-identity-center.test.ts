import { describe, expect, it } from 'vitest';
import {
  ADMIN_ARN,
  DEV,
  desiredState,
  group,
  INSTANCE,
  MGMT,
  permissionSet,
  rule,
  user,
} from '../../test/plan/builders.js';
import { action, expectValidOrder, planFor } from '../../test/plan/plan-helpers.js';

const dayOne = desiredState({
  organization: { featureSet: 'ALL', memberAccessRole: 'OrganizationAccountAccessRole' },
  permissionSets: [permissionSet('Admin', { managedPolicies: [ADMIN_ARN], sessionDuration: 'PT4H' })],
  users: [user('ismail')],
  groups: [group('Founders', ['ismail'])],
  assignments: [rule(0, 'group:Founders', 'Admin', ['management'])],
});

describe('the Identity Center instance', () => {
  it('a missing organization instance is a manual step that blocks every Identity Center action', () => {
    const plan = planFor(dayOne, { instance: null });
    const step = plan.manualSteps.find((s) => s.id === 'enable-organization-instance')!;
    expect(step.consoleSteps.join('\n')).toContain('Enable with AWS Organizations');
    expect(step.consoleSteps.join('\n')).toContain(
      'https://eu-west-1.console.aws.amazon.com/singlesignon/home?region=eu-west-1',
    );
    expect(step.blocks).toEqual(plan.actions.map((a) => a.id));
    expect(plan.actions.map((a) => a.type).sort()).toEqual([
      'assignment',
      'group',
      'membership',
      'permission-set',
      'user',
    ]);
    for (const a of plan.actions) {
      expect(a.applyable).toBe(false);
      expect(a.blockedBy).toEqual(['enable-organization-instance']);
    }
    expect(plan.identityCenter).toBeNull();
    expect(plan.summary.blocked).toBe(5);
    expectValidOrder(plan);
  });

  it('when the organization is created first, the manual step comes after it; the organization itself is not blocked', () => {
    const plan = planFor(dayOne, { organization: null, instance: null });
    const step = plan.manualSteps.find((s) => s.id === 'enable-organization-instance')!;
    expect(step.after).toEqual(['organization#create']);
    expect(action(plan, 'organization#create').applyable).toBe(true);
  });

  it('the config asking for an account instance gets the account-instance step', () => {
    const plan = planFor(desiredState({ identityCenter: { ...dayOne.identityCenter, instance: 'account' } }), {
      instance: null,
      organization: null,
    });
    expect(plan.manualSteps.map((s) => s.id)).toEqual(['enable-account-instance']);
    expect(plan.manualSteps[0]!.consoleSteps.join(' ')).toContain('Enable in only this AWS account');
  });

  it('an account instance where the organization instance is wanted is the known trap: a blocking step', () => {
    const plan = planFor(dayOne, { instance: { ...INSTANCE, ownerAccountId: DEV } });
    const step = plan.manualSteps.find((s) => s.id === 'replace-account-instance')!;
    expect(step.why).toContain(`account instance of ${DEV}`);
    expect(plan.actions.length).toBeGreaterThan(0);
    expect(plan.actions.every((a) => a.blockedBy.includes('replace-account-instance'))).toBe(true);
  });

  it('an organization instance owned by the management account blocks nothing', () => {
    const plan = planFor(dayOne);
    expect(plan.manualSteps).toEqual([]);
    expect(plan.identityCenter).toEqual({
      instanceArn: INSTANCE.arn,
      identityStoreId: INSTANCE.identityStoreId,
      region: 'eu-west-1',
    });
    expect(plan.actions.every((a) => a.applyable)).toBe(true);
  });

  it('switches the encryption key through UpdateInstance, and back', () => {
    const kms = `arn:aws:kms:eu-west-1:${MGMT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const toCustomer = planFor(
      desiredState({
        identityCenter: { ...dayOne.identityCenter, encryption: { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: kms } },
      }),
    );
    expect(action(toCustomer, 'identity-center#update')).toMatchObject({
      type: 'instance-encryption',
      before: { keyType: 'AWS_OWNED_KMS_KEY', kmsKeyArn: null },
      after: { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: kms },
      risk: 'neutral',
    });
    const toOwned = planFor(desiredState(), {
      instance: { ...INSTANCE, encryption: { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: kms } },
    });
    expect(action(toOwned, 'identity-center#update').after).toEqual({ keyType: 'AWS_OWNED_KMS_KEY', kmsKeyArn: null });
    expect(planFor(desiredState(), { instance: { ...INSTANCE, encryption: undefined } }).actions).toEqual([]);
  });
});
