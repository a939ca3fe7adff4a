/**
 * @module Random live states for the import round trip: a plain-data spec (fast-check arbitrary) of an
 * organization (nested OUs, tags, suspended and closing accounts, duplicate and odd account names), an
 * organization instance of Identity Center with permission sets carrying every attribute, users,
 * groups, memberships and assignments (many of them shaped like OU/tag/all rules, plus stray extra
 * accounts), materialised into a sandbox through its admin API (`sandbox.mutate` + the scenario
 * builders) — the same records the sandbox's own API writes.
 */

import { fc } from '@fast-check/vitest';
import { ADMINISTRATOR_ACCESS_ARN } from '../../src/model/desired.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import {
  addGroup,
  addMemberAccount,
  addMembership,
  addOu,
  addPermissionSet,
  addUser,
  assign,
  DAY_MS,
  enableOrganizationInstance,
  issueDefaultCredentials,
} from '../../src/sandbox/scenarios/builder.js';
import { buildManagement, MANAGEMENT_ACCOUNT_ID } from '../../src/sandbox/scenarios/org.js';
import { enableRootMfa } from '../../src/sandbox/services/iam/model.js';
import type { AccountStateName } from '../../src/sandbox/state.js';
import type { VirtualClock } from '../../src/util/clock.js';

export type AccountPick =
  | { kind: 'some'; accounts: number[] }
  | { kind: 'ou'; ou: number; extra: number[]; drop: boolean }
  | { kind: 'tag'; key: string; value: string; extra: number[] }
  | { kind: 'all'; extra: number[]; drop: boolean };

export interface LiveSpec {
  ous: { name: string; parent: number | null }[];
  accounts: { name: string; ou: number | null; state: AccountStateName; tags: Record<string, string> }[];
  customerKey: boolean;
  scim: boolean;
  permissionSets: {
    name: string;
    description?: string;
    sessionDuration: string;
    relayState?: string;
    managedPolicies: string[];
    customerPolicies: { name: string; path: string }[];
    inline?: Record<string, unknown>;
    boundary?: { managedPolicyArn: string } | { name: string; path: string };
    tags: Record<string, string>;
    owner: 'gatehouse' | 'none';
  }[];
  users: { userName: string; givenName: string; familyName: string; displayName?: string }[];
  groups: { name: string; description?: string; members: number[] }[];
  /** Principal: group index when `group`, else user index. Account indexes: -1 is the management account. */
  assignments: { group: boolean; principal: number; permissionSet: number; pick: AccountPick }[];
}

const OU_NAMES = ['Workloads', 'Dev', 'Prod', 'Security', 'Sandbox', 'Infra'];
/** Duplicates, a name that reads as a built-in target, one that reads as a pattern, one with spaces. */
const ACCOUNT_NAMES = [
  'dev',
  'prod',
  'staging',
  'shared',
  'log-archive',
  'dev',
  'Prod (EU)',
  'all',
  'ou:legacy',
  'management',
  'data',
];
const POLICIES = [
  ADMINISTRATOR_ACCESS_ARN,
  'arn:aws:iam::aws:policy/ReadOnlyAccess',
  'arn:aws:iam::aws:policy/PowerUserAccess',
  'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
  'arn:aws:iam::aws:policy/service-role/AWSConfigRole',
];
const INLINE_POLICIES: Record<string, unknown>[] = [
  {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }],
  },
  {
    Version: '2012-10-17',
    Statement: {
      Sid: 'DenyOutsideEu',
      Effect: 'Deny',
      NotAction: ['iam:*', 'sts:*'],
      Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] },
        NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
      },
    },
  },
  { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['ec2:Describe*'],
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': true } },
      },
    ],
  },
];
const USER_NAMES = ['ada', 'bob', 'carol', 'dave', 'eve', 'frank', 'grace', 'heidi'];
const GROUP_NAMES = ['Admins', 'Engineers', 'Ops', 'Readers'];
const PS_NAMES = ['Admin', 'PowerUser', 'ReadOnly', 'Billing', 'Deploy', 'Audit'];

const subsetOf = <T>(items: readonly T[], max = items.length) => fc.subarray([...items], { maxLength: max });
const indexes = (max: number) => fc.uniqueArray(fc.integer({ min: -1, max: Math.max(-1, max - 1) }), { maxLength: 4 });

const pickArb = (ous: number, accounts: number): fc.Arbitrary<AccountPick> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('some' as const),
      accounts: fc.uniqueArray(fc.integer({ min: -1, max: accounts - 1 }), { minLength: 1, maxLength: 6 }),
    }),
    ...(ous > 0
      ? [
          fc.record({
            kind: fc.constant('ou' as const),
            ou: fc.integer({ min: 0, max: ous - 1 }),
            extra: indexes(accounts),
            drop: fc.boolean(),
          }),
        ]
      : []),
    fc.record({
      kind: fc.constant('tag' as const),
      key: fc.constantFrom('env', 'team'),
      value: fc.constantFrom('dev', 'prod', 'a'),
      extra: indexes(accounts),
    }),
    fc.record({ kind: fc.constant('all' as const), extra: indexes(accounts), drop: fc.boolean() }),
  );

export const liveSpecArb: fc.Arbitrary<LiveSpec> = fc
  .record({
    ouCount: fc.integer({ min: 0, max: 5 }),
    accountCount: fc.integer({ min: 1, max: 9 }),
    psCount: fc.integer({ min: 1, max: 4 }),
    userCount: fc.integer({ min: 0, max: 6 }),
    groupCount: fc.integer({ min: 0, max: 4 }),
  })
  .chain(({ ouCount, accountCount, psCount, userCount, groupCount }) =>
    fc.record({
      ous: fc.tuple(
        ...Array.from({ length: ouCount }, (_, i) =>
          fc.record({
            name: fc.constantFrom(...OU_NAMES),
            parent: i === 0 ? fc.constant(null) : fc.option(fc.integer({ min: 0, max: i - 1 }), { nil: null }),
          }),
        ),
      ),
      accounts: fc.tuple(
        ...Array.from({ length: accountCount }, () =>
          fc.record({
            name: fc.constantFrom(...ACCOUNT_NAMES),
            ou: ouCount > 0 ? fc.option(fc.integer({ min: 0, max: ouCount - 1 }), { nil: null }) : fc.constant(null),
            state: fc.constantFrom<AccountStateName>(
              'ACTIVE',
              'ACTIVE',
              'ACTIVE',
              'ACTIVE',
              'SUSPENDED',
              'PENDING_CLOSURE',
            ),
            tags: fc.record(
              { env: fc.constantFrom('dev', 'prod'), team: fc.constantFrom('a', 'b') },
              { requiredKeys: [] },
            ),
          }),
        ),
      ),
      customerKey: fc.boolean(),
      scim: fc.constantFrom(false, false, false, true),
      permissionSets: fc.tuple(
        ...PS_NAMES.slice(0, psCount).map((name) =>
          fc.record(
            {
              name: fc.constant(name),
              description: fc.constantFrom('Founders / infra', 'Read-only access', 'Café & déjà vu, 100%'),
              sessionDuration: fc.constantFrom('PT1H', 'PT2H', 'PT4H', 'PT8H', 'PT12H', 'PT1H30M'),
              relayState: fc.constant('https://console.aws.amazon.com/s3/home?region=eu-west-1'),
              managedPolicies: subsetOf(POLICIES, 3),
              customerPolicies: subsetOf([
                { name: 'TeamAccess', path: '/' },
                { name: 'Deploy', path: '/ci/' },
              ]),
              inline: fc.constantFrom(...INLINE_POLICIES),
              boundary: fc.constantFrom<{ managedPolicyArn: string } | { name: string; path: string }>(
                { managedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
                { name: 'Boundary', path: '/team/' },
              ),
              tags: fc.record(
                { team: fc.constantFrom('a', 'b'), 'cost-center': fc.constant('42') },
                { requiredKeys: [] },
              ),
              owner: fc.constantFrom<'gatehouse' | 'none'>('gatehouse', 'none'),
            },
            { requiredKeys: ['name', 'sessionDuration', 'managedPolicies', 'customerPolicies', 'tags', 'owner'] },
          ),
        ),
      ),
      users: fc.tuple(
        ...USER_NAMES.slice(0, userCount).map((userName) =>
          fc.record(
            {
              userName: fc.constant(userName),
              givenName: fc.constantFrom('Ada', 'Zoë', 'Jean-Luc'),
              familyName: fc.constantFrom('Lovelace', "O'Neil", 'van Dijk'),
              displayName: fc.constantFrom('The Boss', 'Ops on call'),
            },
            { requiredKeys: ['userName', 'givenName', 'familyName'] },
          ),
        ),
      ),
      groups: fc.tuple(
        ...GROUP_NAMES.slice(0, groupCount).map((name) =>
          fc.record(
            {
              name: fc.constant(name),
              description: fc.constantFrom('People who run production', 'Everyone'),
              members: fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, userCount - 1) }), {
                maxLength: userCount,
              }),
            },
            { requiredKeys: ['name', 'members'] },
          ),
        ),
      ),
      assignments: fc.array(
        fc.record({
          group: groupCount === 0 ? fc.constant(false) : userCount === 0 ? fc.constant(true) : fc.boolean(),
          principal: fc.nat(),
          permissionSet: fc.integer({ min: 0, max: psCount - 1 }),
          pick: pickArb(ouCount, accountCount),
        }),
        { maxLength: userCount + groupCount === 0 ? 0 : 8 },
      ),
    }),
  )
  .map((spec) => ({
    ...spec,
    ous: [...spec.ous],
    accounts: [...spec.accounts],
    permissionSets: [...spec.permissionSets],
    users: [...spec.users],
    groups: [...spec.groups],
  }));

const memberId = (i: number) => `2000000000${String(i).padStart(2, '0')}`;
const accountId = (i: number) => (i < 0 ? MANAGEMENT_ACCOUNT_ID : memberId(i));

/** The concrete account ids of a pick (patterns: active non-management accounts, as AWS would have been told). */
export function pickAccounts(spec: LiveSpec, pick: AccountPick, ouPaths: string[]): string[] {
  const ids = new Set<string>();
  const active = spec.accounts.map((a, i) => ({ a, i })).filter(({ a }) => a.state === 'ACTIVE');
  const path = (ou: number | null) => (ou === null ? '/' : ouPaths[ou]!);
  let base: number[] = [];
  if (pick.kind === 'some') base = pick.accounts;
  else if (pick.kind === 'ou') {
    const root = ouPaths[pick.ou]!;
    base = active.filter(({ a }) => path(a.ou) === root || path(a.ou).startsWith(`${root}/`)).map(({ i }) => i);
  } else if (pick.kind === 'tag') base = active.filter(({ a }) => a.tags[pick.key] === pick.value).map(({ i }) => i);
  else base = active.map(({ i }) => i);
  if ('drop' in pick && pick.drop && base.length > 2) base = base.slice(1);
  for (const i of base) ids.add(accountId(i));
  if ('extra' in pick) for (const i of pick.extra) ids.add(accountId(i));
  return [...ids].filter((id) => id === MANAGEMENT_ACCOUNT_ID || spec.accounts[Number(id.slice(-2))] !== undefined);
}

export interface Materialized {
  sandbox: Sandbox;
  /** Live assignment tuples `permissionSet|principal|accountId` (principal `user:name` / `group:name`). */
  tuples: Set<string>;
}

/** Builds the spec into a fresh sandbox on `clock`; returns it with the assignment tuples it holds. */
export function materialize(spec: LiveSpec, clock: VirtualClock): Materialized {
  const sandbox = createSandbox({ clock, knobs: { rateLimits: { enabled: false } } });
  const tuples = new Set<string>();
  sandbox.mutate((world) => {
    const now = clock.now() - 10 * DAY_MS;
    buildManagement(world, now);
    enableRootMfa(world.account(MANAGEMENT_ACCOUNT_ID)!, 'virtual', now);
    const rootId = world.organization!.root.id;
    const ouIds: string[] = [];
    const ouPaths: string[] = [];
    const taken = new Set<string>();
    spec.ous.forEach((ou, i) => {
      const parentPath = ou.parent === null ? '' : ouPaths[ou.parent]!;
      let name = ou.name;
      // OU names are unique under one parent.
      while (taken.has(`${parentPath}/${name}`)) name = `${name}${i}`;
      taken.add(`${parentPath}/${name}`);
      ouIds.push(addOu(world, name, ou.parent === null ? rootId : ouIds[ou.parent]!, now));
      ouPaths.push(`${parentPath}/${name}`);
    });
    spec.accounts.forEach((a, i) => {
      addMemberAccount(world, {
        id: memberId(i),
        name: a.name,
        parentId: a.ou === null ? rootId : ouIds[a.ou]!,
        state: a.state,
        tags: a.tags,
        now,
      });
    });
    const index = enableOrganizationInstance(world, 'eu-west-1', now);
    if (spec.customerKey) {
      index.record.encryption.keyType = 'CUSTOMER_MANAGED_KEY';
      index.record.encryption.kmsKeyArn = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    }
    const by = `arn:aws:sts::${MANAGEMENT_ACCOUNT_ID}:assumed-role/Admin/gatehouse`;
    const sets = spec.permissionSets.map((p) => {
      const ps = addPermissionSet(world, index, {
        name: p.name,
        sessionDuration: p.sessionDuration,
        managedPolicies: p.managedPolicies,
        managed: p.owner === 'gatehouse',
        now,
        ...(p.description !== undefined ? { description: p.description } : {}),
        ...(p.inline ? { inlinePolicy: JSON.stringify(p.inline) } : {}),
      });
      ps.relayState = p.relayState ?? null;
      ps.customerManagedPolicies = p.customerPolicies.map((c) => ({ ...c }));
      ps.permissionsBoundary = p.boundary
        ? 'managedPolicyArn' in p.boundary
          ? { kind: 'managed', arn: p.boundary.managedPolicyArn }
          : { kind: 'customer', name: p.boundary.name, path: p.boundary.path }
        : null;
      ps.tags = { ...ps.tags, ...p.tags };
      return ps;
    });
    const external = (kind: string, i: number) => [{ Issuer: 'https://scim.example.com', Id: `${kind}-${i}` }];
    const userIds = spec.users.map((u, i) => {
      const id = addUser(world, index, {
        userName: u.userName,
        givenName: u.givenName,
        familyName: u.familyName,
        email: `${u.userName}@example.com`,
        now,
        by,
      });
      const record = index.record.identityStore.users[id]!;
      if (u.displayName) record.attributes.DisplayName = u.displayName;
      if (spec.scim) record.attributes.ExternalIds = external('user', i);
      return id;
    });
    const groupIds = spec.groups.map((g, i) => {
      const id = addGroup(world, index, {
        name: g.name,
        now,
        by,
        ...(g.description ? { description: g.description } : {}),
      });
      if (spec.scim) index.record.identityStore.groups[id]!.ExternalIds = external('group', i);
      for (const m of g.members) if (userIds[m]) addMembership(world, index, id, userIds[m], now, by);
      return id;
    });
    for (const a of spec.assignments) {
      const names = a.group ? spec.groups : spec.users;
      const ids = a.group ? groupIds : userIds;
      if (names.length === 0) continue;
      const i = a.principal % names.length;
      const ps = sets[a.permissionSet]!;
      const principal = a.group ? `group:${spec.groups[i]!.name}` : `user:${spec.users[i]!.userName}`;
      for (const accountId of pickAccounts(spec, a.pick, ouPaths)) {
        assign(index, { accountId, ps, principalType: a.group ? 'GROUP' : 'USER', principalId: ids[i]!, now });
        tuples.add(`${ps.name}|${principal}|${accountId}`);
      }
    }
    issueDefaultCredentials(
      world,
      MANAGEMENT_ACCOUNT_ID,
      { kind: 'assumed-role', roleName: 'Admin', sessionName: 'gatehouse' },
      clock.now(),
    );
  });
  return { sandbox, tuples };
}
