import { describe, expect, test } from 'vitest';
import { parseConfigText } from '../config/load.js';
import { ConfigError, UsageError } from '../errors.js';
import {
  assignment,
  assignments,
  DEV,
  group,
  liveSnapshot,
  MGMT,
  member,
  OLD_DEV,
  PROD,
  PROD_EU,
  permissionSet,
  STAGING,
  user,
} from '../import/org.test-helpers.js';
import { computeConfigAccess, computeLiveAccess, configAccessFacts } from './compute.js';
import type { AccessEntry } from './model.js';
import { findUser, viewForUser } from './select-user.js';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const star = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

const short = (e: AccessEntry) =>
  `${e.userName} ${e.accountName} ${e.permissionSet} ${e.via === 'direct' ? 'direct' : `group:${e.group}`}${e.admin ? ' admin' : ''}`;

function live() {
  return liveSnapshot({
    permissionSets: [
      permissionSet('Admin', { managedPolicies: [ADMIN] }),
      permissionSet('Star', { inlinePolicy: star('*:*') }),
      permissionSet('ReadOnly', { managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }),
    ],
    users: [user('ada'), user('bob'), user('zed', { status: 'DISABLED' })],
    groups: [group('Ops'), group('Readers')],
    memberships: [member('Ops', 'ada'), member('Readers', 'ada'), member('Readers', 'bob'), member('Readers', 'zed')],
    assignments: [
      assignment('Admin', 'group:Ops', MGMT),
      assignment('Admin', 'user:ada', MGMT),
      ...assignments('ReadOnly', 'group:Readers', [DEV, PROD]),
      assignment('Star', 'user:bob', DEV),
      assignment('Admin', 'user:ghost', DEV),
    ],
  });
}

describe('computeLiveAccess', () => {
  test('direct and group paths, admin marked (AdministratorAccess or an inline *:*), sorted', () => {
    const view = computeLiveAccess(live());
    expect(view.source).toBe('live');
    expect(view.entries.map(short)).toEqual([
      'ada dev ReadOnly group:Readers',
      'ada management Admin direct admin',
      'ada management Admin group:Ops admin',
      'ada prod ReadOnly group:Readers',
      'bob dev ReadOnly group:Readers',
      'bob dev Star direct admin',
      'bob prod ReadOnly group:Readers',
    ]);
    expect(view.portalUrl).toBe('https://d-1111111111.awsapps.com/start');
    expect(view.identityCenterRegion).toBe('eu-west-1');
    expect(view.entries[0]).toEqual({
      userName: 'ada',
      displayName: 'Ada Example',
      userKey: 'ada',
      accountId: DEV,
      accountName: 'dev',
      accountState: 'ACTIVE',
      permissionSet: 'ReadOnly',
      via: 'group',
      group: 'Readers',
      admin: false,
    });
  });

  test('disabled users and orphaned assignments grant nothing', () => {
    const view = computeLiveAccess(live());
    expect(view.entries.some((e) => e.userName === 'zed' || e.userName === 'ghost')).toBe(false);
    expect(view.users.map((u) => u.userName)).toEqual(['ada', 'bob']);
  });

  test('without an instance: nobody, no portal', () => {
    const view = computeLiveAccess(liveSnapshot({ instance: null }));
    expect(view.entries).toEqual([]);
    expect(view.portalUrl).toBeUndefined();
  });
});

const CONFIG = `
version: 1
identityCenter: { region: eu-west-1, portalUrl: "https://acme.awsapps.com/start" }
permissionSets:
  Admin: { policies: [AdministratorAccess] }
  Dev: { inlinePolicy: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "*", Resource: "*", Condition: { Bool: { aws:MultiFactorAuthPresent: true } } }] } }
  ReadOnly: { policies: [ReadOnlyAccess] }
users:
  ada: { userName: ada.l, email: ada@example.com, givenName: Ada, familyName: Lovelace }
  bob: { email: bob@example.com, givenName: Bob, familyName: B }
groups:
  Engineers: { members: [ada, bob] }
assignments:
  - { principal: group:Engineers, permissionSet: ReadOnly, accounts: ["ou:/Workloads"], exclude: [prod-eu] }
  - { principal: user:ada, permissionSet: Admin, accounts: [management, old-dev] }
  - { principal: user:bob, permissionSet: Dev, accounts: ["tag:env=dev"] }
profiles: { sessionName: acme }
`;

describe('computeConfigAccess', () => {
  test('rules expanded as the plan expands them: recursive OUs, excludes, suspended accounts only by name', async () => {
    const { desired } = await parseConfigText(CONFIG, 'gatehouse.yaml');
    // The live identity store is empty: config mode answers from the config.
    const view = computeConfigAccess(desired, liveSnapshot());
    expect(view.source).toBe('config');
    expect(view.entries.map(short)).toEqual([
      'ada.l dev ReadOnly group:Engineers',
      'ada.l management Admin direct admin',
      'ada.l old-dev Admin direct admin',
      'ada.l prod ReadOnly group:Engineers',
      'ada.l staging ReadOnly group:Engineers',
      'bob dev Dev direct admin',
      'bob dev ReadOnly group:Engineers',
      'bob prod ReadOnly group:Engineers',
      'bob staging Dev direct admin',
      'bob staging ReadOnly group:Engineers',
    ]);
    expect(view.entries.find((e) => e.accountId === OLD_DEV)?.accountState).toBe('SUSPENDED');
    expect(view.entries.filter((e) => e.userName === 'ada.l').every((e) => e.userKey === 'ada')).toBe(true);
    expect(view.portalUrl).toBe('https://acme.awsapps.com/start');
    expect(view.ssoSessionName).toBe('acme');
    expect(view.users.map((u) => u.userKey)).toEqual(['ada', 'bob']);
  });

  test('config mode reads only the organization, the instance and (for tag rules) tags', async () => {
    const { desired } = await parseConfigText(CONFIG, 'gatehouse.yaml');
    expect(configAccessFacts(desired)).toEqual([
      'sts.caller-identity',
      'organizations.organization',
      'organizations.tree',
      'identity-center.instance',
      'organizations.account-tags',
    ]);
  });

  test('with an external identity source, members come from the live identity store', async () => {
    const { desired } = await parseConfigText(
      `version: 1
identityCenter: { identitySource: external }
permissionSets: { ReadOnly: { policies: [ReadOnlyAccess] } }
assignments: [{ principal: group:Readers, permissionSet: ReadOnly, accounts: [prod] }]
`,
      'gatehouse.yaml',
    );
    expect(configAccessFacts(desired)).toContain('identity-store.memberships');
    const view = computeConfigAccess(desired, live());
    expect(view.entries.map(short)).toEqual(['ada prod ReadOnly group:Readers', 'bob prod ReadOnly group:Readers']);
    expect(view.externalIdentitySource).toBe(true);
  });

  test('a rule that does not resolve stops it, as the plan would', async () => {
    const { desired } = await parseConfigText(
      `version: 1
permissionSets: { ReadOnly: { policies: [ReadOnlyAccess] } }
users: { ada: { email: a@example.com, givenName: A, familyName: L } }
assignments: [{ principal: user:ada, permissionSet: ReadOnly, accounts: [prodd] }]
`,
      'gatehouse.yaml',
    );
    expect(() => computeConfigAccess(desired, liveSnapshot())).toThrow(ConfigError);
  });
});

describe('--user', () => {
  test('by user name or config key; an unknown name suggests the closest', async () => {
    const { desired } = await parseConfigText(CONFIG, 'gatehouse.yaml');
    const view = computeConfigAccess(desired, liveSnapshot());
    expect(findUser(view, 'ada').userName).toBe('ada.l');
    expect(findUser(view, 'ada.l').userKey).toBe('ada');
    expect(findUser(view, 'BOB').userName).toBe('bob');
    expect(() => findUser(view, 'bobb')).toThrow(UsageError);
    expect(() => findUser(view, 'bobb')).toThrow('no user "bobb" in the config; did you mean "bob"?');
    const only = viewForUser(view, 'bob').view;
    expect(new Set(only.entries.map((e) => e.userName))).toEqual(new Set(['bob']));
    expect(only.users).toHaveLength(1);
  });

  test('live mode names the Identity Store', () => {
    expect(() => findUser(computeLiveAccess(live()), 'carol')).toThrow('no user "carol" in the Identity Store');
  });
});

test('entries that reach the same account twice the same way are listed once', () => {
  const view = computeLiveAccess(
    liveSnapshot({
      permissionSets: [permissionSet('Admin', { managedPolicies: [ADMIN] })],
      users: [user('ada')],
      groups: [group('Ops')],
      memberships: [member('Ops', 'ada'), { ...member('Ops', 'ada'), membershipId: 'dup' }],
      assignments: [assignment('Admin', 'group:Ops', PROD_EU), assignment('Admin', 'group:Ops', STAGING)],
    }),
  );
  expect(view.entries.map(short)).toEqual(['ada prod-eu Admin group:Ops admin', 'ada staging Admin group:Ops admin']);
});
