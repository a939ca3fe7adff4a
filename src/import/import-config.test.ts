import { describe, expect, test } from 'vitest';
import { parseConfigText } from '../config/load.js';
import { renderConfigYaml } from '../config/render-yaml.js';
import { AwsAccessError } from '../errors.js';
import type { OrgAccount } from '../model/types.js';
import { ok } from '../observe/evidence.js';
import type { Snapshot } from '../observe/snapshot.js';
import { createPlan } from '../plan/plan.js';
import { importConfig } from './import-config.js';
import {
  ACCOUNTS,
  AUDIT,
  assignment,
  assignments,
  DEV,
  group,
  INSTANCE,
  LOG,
  liveSnapshot,
  MGMT,
  member,
  OLD_DEV,
  OUS,
  PROD,
  PROD_EU,
  permissionSet,
  psArn,
  STAGING,
  user,
} from './org.test-helpers.js';

async function roundTrip(snapshot: Snapshot) {
  const imported = importConfig(snapshot);
  const text = renderConfigYaml(imported.config, imported.comments);
  const { desired, warnings } = await parseConfigText(text, 'imported.yaml', { now: Date.parse(snapshot.observedAt) });
  const plan = createPlan(desired, snapshot, { now: snapshot.observedAt });
  const granted = plan.resolution
    .flatMap((r) => r.accounts.map((id) => `${r.permissionSet}|${r.principal}|${id}`))
    .sort();
  return { imported, text, desired, warnings, plan, granted };
}

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

function startup(): Snapshot {
  return liveSnapshot({
    permissionSets: [
      permissionSet('Admin', { description: 'Founders', sessionDuration: 'PT4H', managedPolicies: [ADMIN] }),
      permissionSet('ReadOnly', { managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], tags: {} }),
    ],
    users: [user('ada'), user('bob', { displayName: 'Bobby Tables' })],
    groups: [group('Ops', { description: 'On call' }), group('Readers')],
    memberships: [member('Ops', 'ada'), member('Ops', 'bob'), member('Readers', 'bob')],
    assignments: [
      ...assignments('Admin', 'group:Ops', [DEV, STAGING, PROD, PROD_EU, OLD_DEV]),
      ...assignments('ReadOnly', 'group:Readers', [DEV, STAGING, PROD, PROD_EU, AUDIT, LOG, MGMT]),
      assignment('Admin', 'user:ada', MGMT),
    ],
  });
}

describe('importConfig', () => {
  test('a startup organization: every section, rules compressed, and a plan with nothing to do', async () => {
    const { imported, plan, granted } = await roundTrip(startup());
    expect(imported.config).toEqual({
      version: 1,
      identityCenter: { region: 'eu-west-1', instance: 'organization', encryption: 'aws-owned-key' },
      permissionSets: {
        Admin: { description: 'Founders', sessionDuration: 'PT4H', policies: ['AdministratorAccess'] },
        ReadOnly: { sessionDuration: 'PT1H', policies: ['ReadOnlyAccess'], managed: false },
      },
      groups: { Ops: { description: 'On call', members: ['ada', 'bob'] }, Readers: { members: ['bob'] } },
      users: {
        ada: { email: 'ada@example.com', givenName: 'Ada', familyName: 'Example' },
        bob: { email: 'bob@example.com', givenName: 'Bob', familyName: 'Example', displayName: 'Bobby Tables' },
      },
      assignments: [
        { principal: 'group:Ops', permissionSet: 'Admin', accounts: ['ou:/Workloads', 'old-dev'] },
        { principal: 'group:Readers', permissionSet: 'ReadOnly', accounts: ['all', 'management'] },
        { principal: 'user:ada', permissionSet: 'Admin', accounts: ['management'] },
      ],
    });
    expect(imported.stats).toMatchObject({
      permissionSets: 2,
      references: 1,
      users: 2,
      groups: 2,
      memberships: 3,
      assignments: 13,
      rules: 3,
      aliases: 0,
      identitySource: 'internal',
      incompleteUsers: [],
      notExpressed: [],
    });
    expect(plan.actions).toEqual([]);
    expect(plan.manualSteps).toEqual([]);
    expect(plan.drift).toEqual([]);
    const live = startup().org['identity-center.assignments'];
    const expected =
      live?.status === 'ok'
        ? live.value.map((a) => {
            const ps = a.permissionSetArn === psArn('Admin') ? 'Admin' : 'ReadOnly';
            const principal =
              a.principalType === 'USER' ? `user:${a.principalId.slice(2)}` : `group:${a.principalId.slice(2)}`;
            return `${ps}|${principal}|${a.accountId}`;
          })
        : [];
    expect(granted).toEqual(expected.sort());
  });

  test('comments: the header, references, and what each pattern rule grants', async () => {
    const { imported, text } = await roundTrip(startup());
    expect(imported.comments['']).toMatch(
      /^Written by `gatehouse import` from organization o-example1234 \(management account 111111111111\)/,
    );
    expect(imported.comments['permissionSets.ReadOnly']).toMatch(/not tagged managed-by=gatehouse/);
    expect(imported.comments['assignments[0]']).toBe('5 accounts: dev, old-dev, prod, prod-eu, staging');
    expect(text).toContain('  # 5 accounts: dev, old-dev, prod, prod-eu, staging\n  - principal: group:Ops');
  });

  test('the same live state in any order gives the same text', async () => {
    const snapshot = startup();
    const shuffled = structuredClone(snapshot);
    for (const id of [
      'identity-center.permission-sets',
      'identity-center.assignments',
      'identity-store.users',
      'identity-store.groups',
      'identity-store.memberships',
    ] as const) {
      const e = shuffled.org[id];
      if (e?.status === 'ok') (e.value as unknown[]).reverse();
    }
    const tree = shuffled.org['organizations.tree'];
    if (tree?.status === 'ok') {
      tree.value.accounts.reverse();
      tree.value.ous.reverse();
    }
    expect((await roundTrip(shuffled)).text).toBe((await roundTrip(snapshot)).text);
  });

  test('orphaned assignments become comments, never rules', async () => {
    const snapshot = liveSnapshot({
      permissionSets: [permissionSet('Admin', { managedPolicies: [ADMIN] })],
      users: [user('ada')],
      assignments: [
        assignment('Admin', 'user:ada', DEV),
        assignment('Admin', 'user:ghost', DEV),
        { accountId: DEV, permissionSetArn: psArn('Deleted'), principalType: 'USER', principalId: 'u-ada' },
      ],
    });
    const { imported, plan } = await roundTrip(snapshot);
    expect(imported.config.assignments).toEqual([{ principal: 'user:ada', permissionSet: 'Admin', accounts: ['dev'] }]);
    expect(imported.stats.notExpressed.map((n) => [n.kind, n.subject])).toEqual([
      ['assignment', `assignment/Admin/user:u-ghost/${DEV}`],
      ['assignment', `assignment/${psArn('Deleted').split('/').at(-1)}/user:ada/${DEV}`],
    ]);
    expect(imported.comments['']).toContain(`- assignment/Admin/user:u-ghost/${DEV}: the user no longer exists`);
    expect(plan.actions).toEqual([]);
    expect(plan.drift.map((d) => d.code)).toEqual(['orphan-assignment', 'orphan-assignment']);
  });

  test('a user without an email is written without one; the plan leaves it alone', async () => {
    const snapshot = liveSnapshot({
      permissionSets: [permissionSet('Admin', { managedPolicies: [ADMIN] })],
      users: [user('ada'), user('noemail', { email: undefined })],
      groups: [group('Ops')],
      memberships: [member('Ops', 'ada'), member('Ops', 'noemail')],
      assignments: [assignment('Admin', 'group:Ops', DEV), assignment('Admin', 'user:noemail', PROD)],
    });
    const { imported, warnings, plan } = await roundTrip(snapshot);
    expect(warnings.map((w) => w.code)).toEqual(['user-without-email']);
    expect(imported.config.users?.noemail).toEqual({ givenName: 'Noemail', familyName: 'Example' });
    expect(imported.config.groups).toEqual({ Ops: { members: ['ada', 'noemail'] } });
    expect(imported.stats.incompleteUsers).toEqual([]);
    expect(plan.actions).toEqual([]);
  });

  test('a user without a family name is not invented: reported, left out of groups and rules, and the file still validates', async () => {
    const snapshot = liveSnapshot({
      permissionSets: [permissionSet('Admin', { managedPolicies: [ADMIN] })],
      users: [user('ada'), user('nofamily', { familyName: undefined })],
      groups: [group('Ops')],
      memberships: [member('Ops', 'ada'), member('Ops', 'nofamily')],
      assignments: [assignment('Admin', 'group:Ops', DEV), assignment('Admin', 'user:nofamily', PROD)],
    });
    const { imported, warnings } = await roundTrip(snapshot);
    expect(warnings).toEqual([]);
    expect(Object.keys(imported.config.users ?? {})).toEqual(['ada']);
    expect(imported.config.groups).toEqual({ Ops: { members: ['ada'] } });
    expect(imported.stats.incompleteUsers).toEqual(['nofamily']);
    expect(imported.stats.notExpressed.map((n) => n.kind)).toEqual(['user', 'membership', 'assignment']);
    expect(imported.comments['']).toMatch(
      /membership\/Ops\/nofamily: user nofamily is not written .* would remove it from Ops/,
    );
  });

  test('SCIM principals: identitySource external, only the principals rules name, no member lists', async () => {
    const scim = [{ issuer: 'https://scim.example.com', id: 'x' }];
    const snapshot = liveSnapshot({
      permissionSets: [permissionSet('Admin', { managedPolicies: [ADMIN] })],
      users: [
        user('ada', { externalIds: scim }),
        user('bob', { externalIds: scim }),
        user('nomail', { email: undefined, externalIds: scim }),
      ],
      groups: [group('Ops', { externalIds: scim }), group('Unused', { externalIds: scim })],
      memberships: [member('Ops', 'ada')],
      assignments: [assignment('Admin', 'group:Ops', DEV), assignment('Admin', 'user:nomail', PROD)],
    });
    const { imported, plan } = await roundTrip(snapshot);
    expect(imported.config.identityCenter).toMatchObject({ identitySource: 'external' });
    expect(imported.config.groups).toEqual({ Ops: {} });
    expect(Object.keys(imported.config.users ?? {})).toEqual(['nomail']);
    expect(imported.config.assignments).toEqual([
      { principal: 'group:Ops', permissionSet: 'Admin', accounts: ['dev'] },
      { principal: 'user:nomail', permissionSet: 'Admin', accounts: ['prod'] },
    ]);
    expect(imported.stats.identitySource).toBe('external');
    expect(imported.stats.notExpressed).toEqual([]);
    expect(imported.stats.incompleteUsers).toEqual([]);
    expect(plan.actions).toEqual([]);
  });

  test('no Identity Center instance: a minimal config and a header that says so', async () => {
    const { imported, plan } = await roundTrip(liveSnapshot({ instance: null }));
    expect(imported.config).toEqual({ version: 1 });
    expect(imported.comments['']).toMatch(/no IAM Identity Center instance \(searched 1 region\(s\)\)/);
    expect(plan.actions).toEqual([]);
    expect(plan.manualSteps.map((m) => m.id)).toEqual(['enable-organization-instance']);
  });

  test('a standalone account with an account instance; a customer managed key', async () => {
    const key = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const snapshot = liveSnapshot({
      organization: false,
      instance: { ...INSTANCE, encryption: { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: key } },
      permissionSets: [permissionSet('Admin', { managedPolicies: [ADMIN] })],
      users: [user('ada')],
      assignments: [assignment('Admin', 'user:ada', MGMT)],
    });
    const { imported, plan } = await roundTrip(snapshot);
    expect(imported.config.identityCenter).toEqual({
      region: 'eu-west-1',
      instance: 'account',
      encryption: { customerManagedKey: key },
    });
    expect(imported.config.assignments).toEqual([
      { principal: 'user:ada', permissionSet: 'Admin', accounts: ['management'] },
    ]);
    expect(imported.comments['']).toMatch(/from account 111111111111 \(no organization\)/);
    expect(plan.actions).toEqual([]);
  });

  test('accounts that share a name get aliases; the plan resolves them to the right accounts', async () => {
    const twins: OrgAccount[] = ACCOUNTS.map((a) => (a.id === PROD_EU ? { ...a, name: 'prod' } : a));
    const snapshot = liveSnapshot({
      permissionSets: [permissionSet('Admin', { managedPolicies: [ADMIN] })],
      users: [user('ada')],
      assignments: [assignment('Admin', 'user:ada', PROD_EU)],
    });
    snapshot.org['organizations.tree'] = ok({ rootId: 'r-root', ous: OUS, accounts: twins });
    const { imported, plan, granted } = await roundTrip(snapshot);
    expect(imported.config.accounts).toEqual({ 'prod-6666': PROD_EU });
    expect(imported.config.assignments).toEqual([
      { principal: 'user:ada', permissionSet: 'Admin', accounts: ['prod-6666'] },
    ]);
    expect(granted).toEqual([`Admin|user:ada|${PROD_EU}`]);
    expect(plan.actions).toEqual([]);
  });

  test('account tags that could not be read: no tag rules, and the header says why', async () => {
    const snapshot = liveSnapshot({
      tags: 'denied',
      permissionSets: [permissionSet('Admin', { managedPolicies: [ADMIN] })],
      users: [user('ada')],
      assignments: assignments('Admin', 'user:ada', [AUDIT, LOG]),
    });
    const { imported } = await roundTrip(snapshot);
    expect(imported.config.assignments).toEqual([
      { principal: 'user:ada', permissionSet: 'Admin', accounts: ['ou:/Security'] },
    ]);
    expect(imported.stats.notExpressed).toEqual([
      expect.objectContaining({ kind: 'tags', reason: expect.stringMatching(/no tag:key=value rules were written/) }),
    ]);
  });

  test('an assignment to an account outside the organization cannot be named: reported', async () => {
    const snapshot = liveSnapshot({
      permissionSets: [permissionSet('Admin', { managedPolicies: [ADMIN] })],
      users: [user('ada')],
      assignments: [assignment('Admin', 'user:ada', '123123123123'), assignment('Admin', 'user:ada', DEV)],
    });
    const { imported } = await roundTrip(snapshot);
    expect(imported.config.assignments).toEqual([{ principal: 'user:ada', permissionSet: 'Admin', accounts: ['dev'] }]);
    expect(imported.stats.notExpressed).toEqual([
      expect.objectContaining({
        subject: 'assignment/Admin/user:ada/123123123123',
        reason: expect.stringMatching(/not in the organization/),
      }),
    ]);
  });

  test('a fact that was denied stops the import (a partial file would plan deletions)', () => {
    const snapshot = liveSnapshot();
    snapshot.org['identity-center.assignments'] = {
      status: 'denied',
      action: 'sso:ListAccountAssignments',
      message: 'denied',
    };
    expect(() => importConfig(snapshot)).toThrow(AwsAccessError);
    expect(() => importConfig(snapshot)).toThrow(/access denied to sso:ListAccountAssignments/);
  });
});
