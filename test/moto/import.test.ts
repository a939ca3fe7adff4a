/**
 * @module Contract: the import round trip against moto over real HTTP (moto with the launcher's
 * shims). A state built with moto's own API — OUs and member accounts, permission sets with
 * managed, inline and customer managed policies, users, groups, memberships and assignments over
 * several accounts — is imported, and planning the imported file finds nothing to change.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ensureBuilt } from '../helpers/run-cli.js';
import { boto3, CLI_TEST_TIMEOUT_MS, describeRun, gatehouse, SETUP_TIMEOUT_MS, scratchDir } from './cli.js';
import { motoClient, type Side } from './differential/sides.js';
import { must } from './differential/steps.js';
import { type MotoServer, startMoto } from './moto-server.js';

let moto: MotoServer;
const scratch = scratchDir('import');
const imported = join(scratch.dir, 'imported.yaml');
const accounts: Record<string, string> = {};

const INLINE_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:ListAllMyBuckets'], Resource: '*' }],
});

async function buildOrganization(side: Side): Promise<void> {
  const org = await must(side, 'organizations', 'CreateOrganization', { FeatureSet: 'ALL' });
  accounts.management = (org.Organization as { MasterAccountId: string }).MasterAccountId;
  const root = ((await must(side, 'organizations', 'ListRoots')).Roots as { Id: string }[])[0]?.Id as string;
  const ous: Record<string, string> = {};
  for (const name of ['Workloads', 'Security']) {
    const out = await must(side, 'organizations', 'CreateOrganizationalUnit', { ParentId: root, Name: name });
    ous[name] = (out.OrganizationalUnit as { Id: string }).Id;
  }
  for (const [name, ou] of [
    ['dev', 'Workloads'],
    ['prod', 'Workloads'],
    ['log-archive', 'Security'],
  ] as const) {
    const out = await must(side, 'organizations', 'CreateAccount', {
      Email: `aws+${name}@example.com`,
      AccountName: name,
    });
    const id = (out.CreateAccountStatus as { AccountId: string }).AccountId;
    accounts[name] = id;
    await must(side, 'organizations', 'MoveAccount', {
      AccountId: id,
      SourceParentId: root,
      DestinationParentId: ous[ou],
    });
  }
}

/**
 * Two users, two groups, four permission sets. Four principals against four permission sets makes
 * gatehouse read assignments per principal (ListAccountAssignmentsForPrincipal). With more
 * principals it reads them per provisioned (account, permission set) pair, which moto does not
 * track for assignments (moto-provisioning-not-tracked): it would see none, and the round trip
 * would pass without a single assignment.
 */
async function buildIdentityCenter(side: Side): Promise<void> {
  const instance = (
    (await must(side, 'sso-admin', 'ListInstances')).Instances as { InstanceArn: string; IdentityStoreId: string }[]
  )[0];
  if (!instance) throw new Error('moto: no instance');
  const { InstanceArn, IdentityStoreId } = instance;
  const users: Record<string, string> = {};
  for (const [name, given, family] of [
    ['alice', 'Alice', 'Archer'],
    ['bob', 'Bob', 'Baker'],
  ] as const) {
    const out = await must(side, 'identitystore', 'CreateUser', {
      IdentityStoreId,
      UserName: name,
      DisplayName: `${given} ${family}`,
      Name: { GivenName: given, FamilyName: family },
      Emails: [{ Value: `${name}@example.com`, Type: 'work', Primary: true }],
    });
    users[name] = out.UserId as string;
  }
  const groups: Record<string, string> = {};
  for (const [name, members] of [
    ['Engineers', ['alice', 'bob']],
    ['Admins', ['bob']],
  ] as const) {
    const out = await must(side, 'identitystore', 'CreateGroup', { IdentityStoreId, DisplayName: name });
    groups[name] = out.GroupId as string;
    for (const member of members) {
      await must(side, 'identitystore', 'CreateGroupMembership', {
        IdentityStoreId,
        GroupId: groups[name],
        MemberId: { UserId: users[member] },
      });
    }
  }
  const sets: Record<string, string> = {};
  const createSet = async (name: string, input: Record<string, unknown>, policies: string[]) => {
    const out = await must(side, 'sso-admin', 'CreatePermissionSet', { InstanceArn, Name: name, ...input });
    const arn = (out.PermissionSet as { PermissionSetArn: string }).PermissionSetArn;
    sets[name] = arn;
    for (const policy of policies) {
      await must(side, 'sso-admin', 'AttachManagedPolicyToPermissionSet', {
        InstanceArn,
        PermissionSetArn: arn,
        ManagedPolicyArn: `arn:aws:iam::aws:policy/${policy}`,
      });
    }
    return arn;
  };
  await createSet(
    'Admin',
    { Description: 'Founders / Infra', SessionDuration: 'PT4H', Tags: [{ Key: 'managed-by', Value: 'gatehouse' }] },
    ['AdministratorAccess'],
  );
  const powerUser = await createSet(
    'PowerUser',
    { Description: 'DevOps / Engineers', SessionDuration: 'PT8H', Tags: [{ Key: 'managed-by', Value: 'gatehouse' }] },
    ['PowerUserAccess'],
  );
  await must(side, 'sso-admin', 'PutInlinePolicyToPermissionSet', {
    InstanceArn,
    PermissionSetArn: powerUser,
    InlinePolicy: INLINE_POLICY,
  });
  const readOnly = await createSet('ReadOnly', { Description: 'Auditors', SessionDuration: 'PT2H' }, [
    'ReadOnlyAccess',
  ]);
  await must(side, 'sso-admin', 'AttachCustomerManagedPolicyReferenceToPermissionSet', {
    InstanceArn,
    PermissionSetArn: readOnly,
    CustomerManagedPolicyReference: { Name: 'TeamReadOnly', Path: '/team/' },
  });
  await createSet('Audit', { Description: 'Security audit', SessionDuration: 'PT1H' }, ['SecurityAudit']);
  const assign = (set: string, type: 'USER' | 'GROUP', principal: string, account: string) =>
    must(side, 'sso-admin', 'CreateAccountAssignment', {
      InstanceArn,
      TargetId: accounts[account],
      TargetType: 'AWS_ACCOUNT',
      PermissionSetArn: sets[set],
      PrincipalType: type,
      PrincipalId: type === 'USER' ? users[principal] : groups[principal],
    });
  await assign('Admin', 'GROUP', 'Admins', 'management');
  await assign('PowerUser', 'GROUP', 'Engineers', 'dev');
  await assign('PowerUser', 'GROUP', 'Engineers', 'prod');
  await assign('ReadOnly', 'USER', 'alice', 'log-archive');
  await assign('ReadOnly', 'USER', 'alice', 'prod');
  await assign('Audit', 'USER', 'bob', 'management');
}

interface PlanDocument {
  actions: { kind: string; address: string }[];
  drift: unknown[];
  manualSteps: { id: string }[];
  resolution: { principal: string; permissionSet: string; accounts: string[] }[];
}

async function plan(): Promise<PlanDocument> {
  const run = await gatehouse(moto, ['plan', '-c', imported, '--format', 'json'], { cwd: scratch.dir });
  expect(run.code, describeRun(run)).toBe(0);
  return JSON.parse(run.stdout) as PlanDocument;
}

beforeAll(async () => {
  ensureBuilt();
  moto = await startMoto({ shims: true });
  const side = motoClient(moto.endpoint);
  try {
    await buildOrganization(side);
    await buildIdentityCenter(side);
  } finally {
    side.close();
  }
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await moto?.stop();
  scratch.remove();
});

describe('gatehouse import against moto', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('imports the live state into a valid config', async () => {
    // moto has an instance in every region (moto-instance-per-region): the region must be given.
    const run = await gatehouse(moto, ['import', '--region', 'eu-west-1', '-o', imported], { cwd: scratch.dir });
    expect(run.code, describeRun(run)).toBe(0);
    const validate = await gatehouse(moto, ['validate', '-c', imported], { cwd: scratch.dir });
    expect(validate.code, describeRun(validate)).toBe(0);

    const config = parse(readFileSync(imported, 'utf8')) as {
      permissionSets: Record<string, Record<string, unknown>>;
      users: Record<string, unknown>;
      groups: Record<string, { members: string[] }>;
      assignments: { principal: string; permissionSet: string; accounts: string[] }[];
    };
    expect(Object.keys(config.permissionSets).sort()).toEqual(['Admin', 'Audit', 'PowerUser', 'ReadOnly']);
    expect(config.permissionSets.PowerUser).toMatchObject({ sessionDuration: 'PT8H', policies: ['PowerUserAccess'] });
    expect(JSON.stringify(config.permissionSets.PowerUser)).toContain('s3:ListAllMyBuckets');
    expect(JSON.stringify(config.permissionSets.ReadOnly)).toContain('TeamReadOnly');
    // ReadOnly carries no managed-by=gatehouse tag: imported as not managed.
    expect(config.permissionSets.ReadOnly).toMatchObject({ managed: false });
    expect(Object.keys(config.users).sort()).toEqual(['alice', 'bob']);
    expect(config.groups.Engineers?.members.sort()).toEqual(['alice', 'bob']);
    expect(config.groups.Admins?.members).toEqual(['bob']);
    const rules = config.assignments.map((a) => `${a.principal} ${a.permissionSet} ${a.accounts.join(',')}`);
    expect(rules.sort()).toEqual([
      'group:Admins Admin management',
      'group:Engineers PowerUser ou:/Workloads',
      'user:alice ReadOnly log-archive,prod',
      'user:bob Audit management',
    ]);
  });

  it('round-trips: planning the imported file changes nothing', async () => {
    const document = await plan();
    expect(document.actions).toEqual([]);
    // The rules resolve to the accounts the state has (the plan did read the assignments).
    const resolved = document.resolution.map((r) => `${r.principal} ${r.permissionSet} ${r.accounts.length}`);
    expect(resolved.sort()).toEqual([
      'group:Admins Admin 1',
      'group:Engineers PowerUser 2',
      'user:alice ReadOnly 2',
      'user:bob Audit 1',
    ]);
    expect(document.drift).toEqual([]);
    // The imported file leaves root to the built-in baseline; moto reports no root MFA (moto-no-root-user).
    expect(document.manualSteps.map((m) => m.id)).toEqual(['enable-root-mfa']);
    const detailed = await gatehouse(moto, ['plan', '-c', imported, '--detailed-exitcode'], { cwd: scratch.dir });
    expect(detailed.code, describeRun(detailed)).toBe(1);
    expect(detailed.stdout).toContain('Plan: 0 to add, 0 to change, 0 to destroy, 0 to provision; 1 manual step.');
  });

  it('sees an assignment removed behind its back', async () => {
    await boto3(
      moto,
      `
sso = client('sso-admin'); ids = client('identitystore')
instance = sso.list_instances()['Instances'][0]
arn, store = instance['InstanceArn'], instance['IdentityStoreId']
alice = [u for u in ids.list_users(IdentityStoreId=store)['Users'] if u['UserName'] == 'alice'][0]['UserId']
row = sso.list_account_assignments_for_principal(InstanceArn=arn, PrincipalType='USER', PrincipalId=alice,
      Filter={'AccountId': ${JSON.stringify(accounts['log-archive'])}})['AccountAssignments'][0]
sso.delete_account_assignment(InstanceArn=arn, TargetId=row['AccountId'], TargetType='AWS_ACCOUNT',
      PermissionSetArn=row['PermissionSetArn'], PrincipalType='USER', PrincipalId=alice)
result = row['AccountId']
`,
    );
    const document = await plan();
    expect(document.actions.map((a) => `${a.kind} ${a.address}`)).toEqual([
      `create assignment/ReadOnly/user:alice/${accounts['log-archive']}`,
    ]);
  });
});
