/**
 * @module Contract: `gatehouse apply` against moto over real HTTP (moto with the launcher's shims:
 * DescribeInstance, GetPermissionsBoundaryForPermissionSet and sso-admin ListTagsForResource, which
 * plan needs and moto lacks). examples/startup.yaml, adapted to moto's account, is applied to a new
 * organization; the next plan has nothing to do, and an independent client (boto3) sees what
 * gatehouse created.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/run-cli.js';
import { boto3, CLI_TEST_TIMEOUT_MS, describeRun, gatehouse, SETUP_TIMEOUT_MS, scratchDir } from './cli.js';
import { motoClient } from './differential/sides.js';
import { must } from './differential/steps.js';
import { type MotoServer, startMoto } from './moto-server.js';

let moto: MotoServer;
let managementId: string;
const scratch = scratchDir('apply');
const config = join(scratch.dir, 'gatehouse.yaml');

interface PlanDocument {
  actions: { address: string; kind: string }[];
  manualSteps: { id: string }[];
  drift: unknown[];
  summary: Record<string, number>;
}

/**
 * examples/startup.yaml for moto: the assignment names moto's management account by id (moto names
 * it `master`, not `management`). Everything else is the example as users get it.
 */
function adaptedExample(accountId: string): string {
  const example = readFileSync(join(import.meta.dirname, '../../examples/startup.yaml'), 'utf8');
  const adapted = example.replace('accounts: [management]', `accounts: ["${accountId}"]`);
  if (adapted === example) throw new Error('examples/startup.yaml no longer assigns to [management]: adapt this test');
  return adapted;
}

async function plan(file: string): Promise<PlanDocument> {
  const run = await gatehouse(moto, ['plan', '-c', file, '--format', 'json'], { cwd: scratch.dir });
  expect(run.code, describeRun(run)).toBe(0);
  return JSON.parse(run.stdout) as PlanDocument;
}

/** What is left once gatehouse has done everything: only the root MFA step, which moto can never satisfy. */
function expectOnlyRootMfaLeft(document: PlanDocument): void {
  expect(document.actions).toEqual([]);
  expect(document.drift).toEqual([]);
  // moto hard-codes AccountMFAEnabled 0 (moto-no-root-user): the console step stays pending forever.
  expect(document.manualSteps.map((m) => m.id)).toEqual(['enable-root-mfa']);
  expect(document.summary).toMatchObject({ add: 0, change: 0, destroy: 0, provision: 0, manual: 1 });
}

beforeAll(async () => {
  ensureBuilt();
  moto = await startMoto({ shims: true });
  const side = motoClient(moto.endpoint);
  try {
    const org = await must(side, 'organizations', 'CreateOrganization', { FeatureSet: 'ALL' });
    managementId = (org.Organization as { MasterAccountId: string }).MasterAccountId;
  } finally {
    side.close();
  }
  writeFileSync(config, adaptedExample(managementId));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await moto?.stop();
  scratch.remove();
});

describe('gatehouse apply against moto', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('runs with exactly the shims the launcher reports', () => {
    expect([...moto.shims].sort()).toEqual([
      'sso-admin:DescribeInstance',
      'sso-admin:GetPermissionsBoundaryForPermissionSet',
      'sso-admin:ListTagsForResource',
    ]);
  });

  it('plans the example on a new organization', async () => {
    const document = await plan(config);
    expect(document.actions.map((a) => `${a.kind} ${a.address}`).sort()).toEqual([
      `create assignment/Admin/user:ismail/${managementId}`,
      'create permission-set/Admin',
      'create permission-set/PowerUser',
      'create user/ismail',
    ]);
    const detailed = await gatehouse(moto, ['plan', '-c', config, '--detailed-exitcode'], { cwd: scratch.dir });
    expect(detailed.code, describeRun(detailed)).toBe(1);
  });

  it('applies it, after which the plan has nothing left to do', async () => {
    const run = await gatehouse(moto, ['apply', '-c', config, '--yes'], { cwd: scratch.dir });
    expect(run.code, describeRun(run)).toBe(0);
    expect(`${run.stdout}${run.stderr}`).toContain('Apply complete: 4 added, 0 changed, 0 destroyed');

    expectOnlyRootMfaLeft(await plan(config));
    // --detailed-exitcode counts pending manual steps as changes, so against moto it can only say 1.
    const detailed = await gatehouse(moto, ['plan', '-c', config, '--detailed-exitcode'], { cwd: scratch.dir });
    expect(detailed.code, describeRun(detailed)).toBe(1);
  });

  it('leaves what an independent client (boto3) sees as the example describes', async () => {
    const seen = (await boto3(
      moto,
      `
sso = client('sso-admin'); ids = client('identitystore')
instance = sso.list_instances()['Instances'][0]
arn, store = instance['InstanceArn'], instance['IdentityStoreId']
sets = {}
for ps in sso.list_permission_sets(InstanceArn=arn)['PermissionSets']:
    d = sso.describe_permission_set(InstanceArn=arn, PermissionSetArn=ps)['PermissionSet']
    policies = sso.list_managed_policies_in_permission_set(InstanceArn=arn, PermissionSetArn=ps)['AttachedManagedPolicies']
    assigned = sso.list_account_assignments(InstanceArn=arn, AccountId=${JSON.stringify(managementId)}, PermissionSetArn=ps)['AccountAssignments']
    # Tags are read through the ListTagsForResource shim: what moto stored from CreatePermissionSet.
    tags = sso.list_tags_for_resource(InstanceArn=arn, ResourceArn=ps)['Tags']
    sets[d['Name']] = {'description': d.get('Description'), 'session': d.get('SessionDuration'),
                       'policies': [p['Arn'] for p in policies], 'tags': tags,
                       'assigned': [(a['PrincipalType'], a['PrincipalId']) for a in assigned]}
users = ids.list_users(IdentityStoreId=store)['Users']
result = {'sets': sets, 'users': [{'id': u['UserId'], 'name': u['UserName'], 'display': u.get('DisplayName'),
          'emails': [e['Value'] for e in u.get('Emails', [])], 'given': u['Name']['GivenName'],
          'family': u['Name']['FamilyName']} for u in users]}
`,
    )) as {
      sets: Record<
        string,
        { description: string; session: string; policies: string[]; tags: unknown[]; assigned: [string, string][] }
      >;
      users: { id: string; name: string; display: string; emails: string[]; given: string; family: string }[];
    };
    expect(seen.users).toHaveLength(1);
    const ismail = seen.users[0];
    expect(ismail).toMatchObject({ name: 'ismail', given: 'Ismail', family: 'G', emails: ['ismail@example.com'] });
    expect(seen.sets).toEqual({
      Admin: {
        description: 'Founders / Infra',
        session: 'PT4H',
        policies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
        tags: [{ Key: 'managed-by', Value: 'gatehouse' }],
        assigned: [['USER', ismail?.id]],
      },
      PowerUser: {
        description: 'DevOps / Engineers',
        session: 'PT8H',
        policies: ['arn:aws:iam::aws:policy/PowerUserAccess'],
        tags: [{ Key: 'managed-by', Value: 'gatehouse' }],
        assigned: [],
      },
    });
  });

  it('applies a change to a permission set and converges again', async () => {
    const changed = join(scratch.dir, 'changed.yaml');
    writeFileSync(changed, readFileSync(config, 'utf8').replace('sessionDuration: PT4H', 'sessionDuration: PT2H'));
    const before = await plan(changed);
    expect(before.actions.map((a) => `${a.kind} ${a.address}`)).toEqual(['update permission-set/Admin']);
    const run = await gatehouse(moto, ['apply', '-c', changed, '--yes'], { cwd: scratch.dir });
    expect(run.code, describeRun(run)).toBe(0);
    expectOnlyRootMfaLeft(await plan(changed));
    const session = await boto3(
      moto,
      `
sso = client('sso-admin'); arn = sso.list_instances()['Instances'][0]['InstanceArn']
names = {sso.describe_permission_set(InstanceArn=arn, PermissionSetArn=p)['PermissionSet']['Name']: p
         for p in sso.list_permission_sets(InstanceArn=arn)['PermissionSets']}
result = sso.describe_permission_set(InstanceArn=arn, PermissionSetArn=names['Admin'])['PermissionSet']['SessionDuration']
`,
    );
    expect(session).toBe('PT2H');
  });
});
