import { describe, expect, it } from 'vitest';
import { collectFromStub } from '../../../test/observe/helpers/collect-stub.js';
import {
  GROUP_ID,
  INSTANCE_ARN,
  PS_ADMIN,
  PS_READ,
  STORE_ID,
  stubWorld,
  USER_A,
  USER_B,
} from '../../../test/observe/helpers/stub-world.js';
import { SandboxServiceError } from '../../sandbox/endpoint.js';
import type { Evidence } from '../evidence.js';
import type { FactId } from '../snapshot.js';
import { ALL_FACT_IDS, FACT_READERS, iamActionsFor, isOrgFact, withNeeds } from './index.js';

async function evidenceOf(id: FactId, endpoint = stubWorld(), options: Parameters<typeof collectFromStub>[2] = {}) {
  const { snapshot, calls } = await collectFromStub(endpoint, [id], options);
  const e = (
    isOrgFact(id) ? snapshot.org[id as keyof typeof snapshot.org] : snapshot.accounts['111111111111']?.[id as never]
  ) as Evidence<unknown> | undefined;
  return { evidence: e, snapshot, calls, endpoint };
}

describe('fact registry', () => {
  it('has a reader for every fact id, with the id it is registered under', () => {
    for (const [id, reader] of Object.entries(FACT_READERS)) {
      expect(reader.id).toBe(id);
      expect(reader.iamActions.length).toBeGreaterThan(0);
      for (const action of reader.iamActions)
        expect(action).toMatch(/^(sso|identitystore|organizations|iam|sts|account):[A-Za-z]+$/);
      for (const need of reader.needs ?? []) expect(FACT_READERS[need].scope).toBe('organization');
    }
  });

  it('orders needs before the facts that need them', () => {
    expect(withNeeds(['identity-store.memberships'])).toEqual([
      'identity-center.instance',
      'identity-store.groups',
      'identity-store.memberships',
    ]);
  });

  it('lists the IAM actions of a set of facts with their needs', () => {
    expect(iamActionsFor(['identity-store.users'])).toEqual([
      'identitystore:ListUsers',
      'sso:DescribeInstance',
      'sso:ListInstances',
    ]);
  });
});

describe('every reader', () => {
  it.each(ALL_FACT_IDS)('%s: reads ok, calling only its declared actions', async (id) => {
    const { evidence, calls } = await evidenceOf(id);
    expect(evidence?.status).toBe('ok');
    const mine = calls.filter((c) => c.factId === id).map((c) => c.action);
    expect(mine.length).toBeGreaterThan(0);
    for (const action of mine) expect(FACT_READERS[id].iamActions).toContain(action);
  });

  it.each(ALL_FACT_IDS.filter((id) => id !== 'sts.caller-identity'))(
    '%s: is denied when the first action it calls is denied',
    async (id) => {
      const first = (await evidenceOf(id)).calls.find((c) => c.factId === id);
      const { evidence } = await evidenceOf(id, stubWorld().deny(first?.action ?? ''));
      expect(evidence).toMatchObject({ status: 'denied', action: first?.action });
    },
  );

  it.each(ALL_FACT_IDS)('%s: is an error when AWS keeps failing', async (id) => {
    const first = (await evidenceOf(id)).calls.find((c) => c.factId === id);
    const endpoint = stubWorld();
    const [service, operation] = [first?.service ?? 'iam', first?.operation ?? ''];
    endpoint.on(service, operation, () => {
      throw new SandboxServiceError(service === 'iam' ? 'ServiceFailure' : 'InternalServerException', 'boom', 500);
    });
    const { evidence } = await evidenceOf(id, endpoint);
    expect(evidence).toMatchObject({ status: 'error', code: 'service' });
  });
});

describe('not applicable', () => {
  it('organization facts outside an organization', async () => {
    for (const id of ['organizations.organization', 'organizations.tree', 'organizations.account-tags'] as const) {
      const { evidence } = await evidenceOf(id, stubWorld({ noOrganization: true }));
      expect(evidence).toEqual({ status: 'notApplicable', reason: 'the account is not a member of an organization' });
    }
  });

  it('Identity Center facts without an instance; the instance itself is ok(null)', async () => {
    const endpoint = stubWorld({ instanceRegions: [] });
    const { snapshot } = await collectFromStub(endpoint, [
      'identity-center.permission-sets',
      'identity-center.assignments',
      'identity-store.memberships',
    ]);
    expect(snapshot.org['identity-center.instance']).toEqual({
      status: 'ok',
      value: { instance: null, probedRegions: ['eu-west-1'] },
    });
    for (const id of [
      'identity-center.permission-sets',
      'identity-center.assignments',
      'identity-store.memberships',
    ] as const) {
      expect(snapshot.org[id]?.status).toBe('notApplicable');
    }
    expect(snapshot.identityCenterRegion).toBeUndefined();
  });

  it('centralized root access: no IAM trusted access reads as no feature enabled', async () => {
    const endpoint = stubWorld();
    endpoint.on('iam', 'ListOrganizationsFeatures', () => {
      throw new SandboxServiceError('ServiceAccessNotEnabledException', 'trusted access is not enabled', 400);
    });
    expect((await evidenceOf('iam.organizations-features', endpoint)).evidence).toEqual({
      status: 'ok',
      value: { enabledFeatures: [] },
    });
    const member = stubWorld();
    member.on('iam', 'ListOrganizationsFeatures', () => {
      throw new SandboxServiceError('AccountNotManagementOrDelegatedAdministratorException', 'no', 400);
    });
    // Not an error of the organization but of where gatehouse runs: notApplicable, the check says where to read it.
    expect((await evidenceOf('iam.organizations-features', member)).evidence).toMatchObject({
      status: 'notApplicable',
    });
  });

  it('caller location: management, Identity Center delegated administrator, other member, standalone', async () => {
    expect((await evidenceOf('organizations.caller-location')).evidence).toEqual({
      status: 'ok',
      value: {
        place: 'management',
        accountId: '111111111111',
        managementAccountId: '111111111111',
        identityCenterAdministrators: ['333333333333'],
      },
    });
    const standalone = await evidenceOf('organizations.caller-location', stubWorld({ noOrganization: true }));
    expect(standalone.evidence).toMatchObject({ status: 'ok', value: { place: 'standalone' } });
  });
});

describe('values', () => {
  it('organizations.tree walks OUs with paths, pages through empty pages, and reads State or Status', async () => {
    const { evidence } = await evidenceOf('organizations.tree');
    expect(evidence).toEqual({
      status: 'ok',
      value: {
        rootId: 'r-abcd',
        ous: [{ id: 'ou-abcd-11111111', name: 'Workloads', parentId: 'r-abcd', path: '/Workloads' }],
        accounts: [
          {
            id: '111111111111',
            name: 'management',
            email: 'root@example.com',
            state: 'ACTIVE',
            parentId: 'r-abcd',
            ouPath: '/',
          },
          {
            id: '222222222222',
            name: 'dev',
            email: 'dev@example.com',
            state: 'ACTIVE',
            parentId: 'ou-abcd-11111111',
            ouPath: '/Workloads',
          },
          {
            id: '333333333333',
            name: 'legacy',
            email: 'legacy@example.com',
            state: 'SUSPENDED',
            parentId: 'r-abcd',
            ouPath: '/',
          },
        ],
      },
    });
  });

  it('identity-center.permission-sets normalises policies, paths, boundary, inline document and tags', async () => {
    const { evidence } = await evidenceOf('identity-center.permission-sets');
    expect(evidence).toEqual({
      status: 'ok',
      value: [
        {
          arn: PS_ADMIN,
          name: 'Admin',
          sessionDuration: 'PT4H',
          createdDate: '2026-02-01T00:00:00.000Z',
          managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
          customerManagedPolicies: [],
          inlinePolicy: null,
          permissionsBoundary: null,
          tags: { 'managed-by': 'gatehouse' },
        },
        {
          arn: PS_READ,
          name: 'ReadOnly',
          description: 'Read',
          sessionDuration: 'PT8H',
          managedPolicies: [
            'arn:aws:iam::aws:policy/ReadOnlyAccess',
            'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
          ],
          customerManagedPolicies: [{ name: 'Extra', path: '/' }],
          inlinePolicy: '{"Version":"2012-10-17","Statement":[]}',
          permissionsBoundary: { customerManagedPolicy: { name: 'Boundary', path: '/limits/' } },
          tags: {},
        },
      ],
    });
  });

  it('identity-center.instance carries region, owner and encryption', async () => {
    const { evidence } = await evidenceOf('identity-center.instance');
    expect(evidence).toEqual({
      status: 'ok',
      value: {
        instance: {
          arn: INSTANCE_ARN,
          identityStoreId: STORE_ID,
          ownerAccountId: '111111111111',
          region: 'eu-west-1',
          status: 'ACTIVE',
          createdDate: '2026-01-01T00:00:00.000Z',
          encryption: { keyType: 'AWS_OWNED_KMS_KEY', status: 'ENABLED' },
        },
        probedRegions: ['eu-west-1'],
      },
    });
  });

  it('identity-center.provisioning lists provisioned and outdated accounts per permission set', async () => {
    const { evidence } = await evidenceOf('identity-center.provisioning');
    expect(evidence).toEqual({
      status: 'ok',
      value: [
        { permissionSetArn: PS_ADMIN, accounts: ['111111111111', '222222222222'], outdated: [] },
        { permissionSetArn: PS_READ, accounts: ['222222222222'], outdated: ['222222222222'] },
      ],
    });
  });

  it('identity-center.assignments keeps direct assignments only, sorted and unique', async () => {
    const { evidence } = await evidenceOf('identity-center.assignments');
    expect(evidence).toEqual({
      status: 'ok',
      value: [
        { accountId: '111111111111', permissionSetArn: PS_ADMIN, principalType: 'USER', principalId: USER_A },
        { accountId: '222222222222', permissionSetArn: PS_ADMIN, principalType: 'GROUP', principalId: GROUP_ID },
        { accountId: '222222222222', permissionSetArn: PS_READ, principalType: 'USER', principalId: USER_B },
      ],
    });
  });

  it('identity-center.assignments: principal scan and pair scan find the same assignments', async () => {
    // Many provisioned pairs and few principals: the principal scan is cheaper.
    const manyPairs = stubWorld();
    const accounts = Array.from({ length: 10 }, (_, i) => String(222222222222 + i));
    manyPairs.on('sso-admin', 'ListAccountsForProvisionedPermissionSet', (input) => ({
      AccountIds: input.ProvisioningStatus ? [] : ['111111111111', ...accounts],
    }));
    const byPrincipal = await evidenceOf('identity-center.assignments', manyPairs);
    expect(byPrincipal.calls.filter((c) => c.operation === 'ListAccountAssignmentsForPrincipal')).toHaveLength(3);
    expect(byPrincipal.calls.some((c) => c.operation === 'ListAccountAssignments')).toBe(false);

    // Without the identity store the pair scan is the only way.
    const byPairs = await evidenceOf('identity-center.assignments', stubWorld().deny('identitystore:ListUsers'));
    expect(byPairs.calls.filter((c) => c.operation === 'ListAccountAssignments')).toHaveLength(3);
    expect(byPairs.calls.some((c) => c.operation === 'ListAccountAssignmentsForPrincipal')).toBe(false);

    expect(byPairs.evidence).toEqual(byPrincipal.evidence);
    expect(byPairs.evidence?.status).toBe('ok');
  });

  it('identity-store users, groups and memberships', async () => {
    const { snapshot } = await collectFromStub(stubWorld(), ['identity-store.memberships', 'identity-store.users']);
    expect(snapshot.org['identity-store.users']).toEqual({
      status: 'ok',
      value: [
        { id: USER_A, userName: 'alice', status: 'ENABLED' },
        {
          id: USER_B,
          userName: 'bob',
          displayName: 'Bob B',
          givenName: 'Bob',
          familyName: 'B',
          email: 'bob@example.com',
        },
      ],
    });
    expect(snapshot.org['identity-store.groups']).toEqual({
      status: 'ok',
      value: [{ id: GROUP_ID, displayName: 'Founders' }],
    });
    expect(snapshot.org['identity-store.memberships']).toEqual({
      status: 'ok',
      value: [
        { membershipId: 'm-1', groupId: GROUP_ID, userId: USER_A },
        { membershipId: 'm-2', groupId: GROUP_ID, userId: USER_B },
      ],
    });
  });

  it('iam.credential-report polls on the clock while the report is generated', async () => {
    const endpoint = stubWorld({ reportNotReadyPolls: 3 });
    const { snapshot, elapsedMs } = await collectFromStub(endpoint, ['iam.credential-report']);
    const e = snapshot.accounts['111111111111']?.['iam.credential-report'];
    expect(e).toMatchObject({
      status: 'ok',
      value: {
        generatedTime: '2026-11-28T08:00:00.000Z',
        rows: [{ user: '<root_account>', mfaActive: true, passwordEnabled: 'not_supported' }],
      },
    });
    expect(endpoint.count('iam', 'GetCredentialReport')).toBe(4);
    expect(elapsedMs).toBe(4 * 2000);
  });

  it('account and IAM account facts', async () => {
    const { snapshot } = await collectFromStub(stubWorld(), [
      'account.alternate-contacts',
      'iam.virtual-mfa-devices',
      'iam.user-policies',
      'iam.account-summary',
      'organizations.account-tags',
      'organizations.service-access',
      'iam.organizations-features',
      'organizations.organization',
      'sts.caller-identity',
    ]);
    const account = snapshot.accounts['111111111111'];
    expect(account?.['account.alternate-contacts']).toEqual({
      status: 'ok',
      value: {
        BILLING: null,
        OPERATIONS: null,
        SECURITY: { name: 'Sec', title: 'CISO', email: 'sec@example.com', phone: '+1' },
      },
    });
    expect(account?.['iam.virtual-mfa-devices']).toEqual({
      status: 'ok',
      value: [
        {
          serialNumber: 'arn:aws:iam::111111111111:mfa/root',
          userArn: 'arn:aws:iam::111111111111:root',
          enableDate: '2026-01-02T00:00:00.000Z',
        },
      ],
    });
    expect(account?.['iam.user-policies']).toEqual({
      status: 'ok',
      value: [
        { userName: 'ci', attached: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], inline: ['inline-a', 'inline-b'] },
      ],
    });
    expect(account?.['iam.account-summary']).toEqual({
      status: 'ok',
      value: { AccountAccessKeysPresent: 0, AccountMFAEnabled: 1 },
    });
    expect(snapshot.org['organizations.account-tags']).toEqual({
      status: 'ok',
      value: { '111111111111': {}, '222222222222': { env: 'dev' }, '333333333333': {} },
    });
    expect(snapshot.org['organizations.service-access']).toEqual({
      status: 'ok',
      value: ['iam.amazonaws.com', 'sso.amazonaws.com'],
    });
    expect(snapshot.org['iam.organizations-features']).toEqual({
      status: 'ok',
      value: { organizationId: 'o-exampleorg1', enabledFeatures: ['RootCredentialsManagement', 'RootSessions'] },
    });
    expect(snapshot.org['organizations.organization']).toEqual({
      status: 'ok',
      value: {
        id: 'o-exampleorg1',
        arn: 'arn:aws:organizations::111111111111:organization/o-exampleorg1',
        featureSet: 'ALL',
        managementAccountId: '111111111111',
        managementAccountEmail: 'root@example.com',
      },
    });
    expect(snapshot.org['sts.caller-identity']).toEqual({
      status: 'ok',
      value: {
        accountId: '111111111111',
        arn: 'arn:aws:sts::111111111111:assumed-role/Admin/gatehouse',
        userId: 'AROAEXAMPLE:gatehouse',
      },
    });
  });
});

describe('identity-center.instance without a configured region', () => {
  it('probes every region and uses the one that answers', async () => {
    const endpoint = stubWorld({ instanceRegions: ['ap-southeast-2'] });
    const { snapshot, host } = await collectFromStub(endpoint, ['identity-center.instance'], {
      identityCenterRegion: undefined,
    });
    const e = snapshot.org['identity-center.instance'];
    expect(e?.status).toBe('ok');
    expect((e as { value: { instance: { region: string }; probedRegions: string[] } }).value.instance.region).toBe(
      'ap-southeast-2',
    );
    expect((e as { value: { probedRegions: string[] } }).value.probedRegions).toHaveLength(34);
    expect(endpoint.count('sso-admin', 'ListInstances')).toBe(34);
    expect(snapshot.identityCenterRegion).toBe('ap-southeast-2');
    expect(host.logs('info')).toEqual([
      'IAM Identity Center instance found in ap-southeast-2 (searched 34 regions); set identityCenter.region: ap-southeast-2 to skip the search',
    ]);
  });

  it('is an error naming the regions when instances answer in several', async () => {
    const endpoint = stubWorld();
    endpoint.on('sso-admin', 'ListInstances', (_i, call) => ({
      Instances:
        call.region === 'eu-west-1' || call.region === 'us-east-1'
          ? [
              {
                InstanceArn: `arn:aws:sso:::instance/ssoins-${call.region === 'eu-west-1' ? '1' : '2'}111111111111111`,
                IdentityStoreId: STORE_ID,
              },
            ]
          : [],
    }));
    const { snapshot } = await collectFromStub(endpoint, ['identity-center.instance'], {
      identityCenterRegion: undefined,
    });
    const e = snapshot.org['identity-center.instance'] as { status: string; code: string; message: string };
    expect(e.status).toBe('error');
    expect(e.code).toBe('multiple-instances');
    expect(e.message).toContain('us-east-1');
    expect(e.message).toContain('eu-west-1');
  });

  it('treats the same multi-region instance as one, read in its primary region', async () => {
    const endpoint = stubWorld();
    endpoint.on('sso-admin', 'ListInstances', (_i, call) => ({
      Instances: ['eu-west-1', 'eu-central-1'].includes(call.region)
        ? [{ InstanceArn: INSTANCE_ARN, IdentityStoreId: STORE_ID, PrimaryRegion: 'eu-central-1' }]
        : [],
    }));
    const { snapshot } = await collectFromStub(endpoint, ['identity-center.instance'], {
      identityCenterRegion: undefined,
    });
    expect(snapshot.identityCenterRegion).toBe('eu-central-1');
    expect(endpoint.calls.find((c) => c.operation === 'DescribeInstance')?.region).toBe('eu-central-1');
  });

  it('is denied when ListInstances is denied, and does not guess "no instance" when regions did not answer', async () => {
    const denied = await collectFromStub(stubWorld().deny('sso:ListInstances'), ['identity-center.instance'], {
      identityCenterRegion: undefined,
    });
    expect(denied.snapshot.org['identity-center.instance']).toMatchObject({
      status: 'denied',
      action: 'sso:ListInstances',
    });

    const endpoint = stubWorld({ instanceRegions: [] });
    endpoint.on('sso-admin', 'ListInstances', (_i, call) => {
      if (call.region === 'us-east-2') throw new SandboxServiceError('InternalServerException', 'down', 500);
      if (call.region === 'me-south-1')
        throw new SandboxServiceError(
          'UnrecognizedClientException',
          'The security token included in the request is invalid',
          400,
        );
      return { Instances: [] };
    });
    const partial = await collectFromStub(endpoint, ['identity-center.instance'], { identityCenterRegion: undefined });
    const e = partial.snapshot.org['identity-center.instance'] as { status: string; code: string; message: string };
    expect(e).toMatchObject({ status: 'error', code: 'region-probe-incomplete' });
    expect(e.message).toContain('us-east-2');
    expect(e.message).not.toContain('me-south-1');
  });
});
