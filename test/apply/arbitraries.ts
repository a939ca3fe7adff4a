/**
 * @module fast-check arbitraries for apply's convergence property, over the sandbox's `org`
 * scenario: random valid desired states (adapted from test/plan/arbitraries.ts to the scenario's
 * accounts, OUs and tags) and random starting states made through the real API (permission sets
 * managed or not, users, groups, memberships, assignments, provisioning drift).
 */

import fc from 'fast-check';
import type { AwsSession } from '../../src/aws/index.js';
import type { DesiredPermissionSet, DesiredState } from '../../src/model/desired.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { desiredState, group, permissionSet, rule, user } from '../plan/builders.js';

export const ACCOUNTS = [
  '111111111111',
  '222222222222',
  '333333333333',
  '444444444444',
  '555555555555',
  '666666666666',
];
export const SET_NAMES = ['Admin', 'PowerUser', 'ReadOnly', 'Billing', 'Dev'];
const USER_KEYS = ['ana', 'bob', 'carol', 'dave'];
const GROUP_NAMES = ['Founders', 'Engineers', 'Ops'];
const POLICIES = [
  'arn:aws:iam::aws:policy/AdministratorAccess',
  'arn:aws:iam::aws:policy/ReadOnlyAccess',
  'arn:aws:iam::aws:policy/PowerUserAccess',
  'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
];
/** Customer managed policies the setup creates in every account (provisioning needs them there). */
export const CUSTOMER_POLICIES = [
  { name: 'TeamPolicy', path: '/' },
  { name: 'Extra', path: '/team/' },
  { name: 'Cap', path: '/' },
];
const TARGETS = [
  'management',
  'log-archive',
  'security',
  'dev',
  'staging',
  'prod',
  '444444444444',
  'ou:/Workloads',
  'ou:/Workloads/Dev',
  'ou:/Security',
  'ou:/',
  'tag:env=prod',
  'tag:env=dev',
  'all',
];

const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Action: fc.oneof(
    fc.constantFrom('s3:GetObject', 'ec2:Describe*'),
    fc.uniqueArray(fc.constantFrom('s3:GetObject', 's3:PutObject', 'logs:GetLogEvents', 'iam:*'), {
      minLength: 1,
      maxLength: 3,
    }),
  ),
  Resource: fc.constantFrom('*', ['*'], ['arn:aws:s3:::bucket/*', '*']),
});

const permissionSetArb = (name: string): fc.Arbitrary<DesiredPermissionSet> =>
  fc
    .record({
      policies: fc.subarray(POLICIES),
      customer: fc.subarray(CUSTOMER_POLICIES.slice(0, 2)),
      session: fc.constantFrom('PT1H', 'PT4H', 'PT8H', 'PT12H'),
      description: fc.option(fc.constantFrom('Founders / infra', 'Engineers'), { nil: undefined }),
      relayState: fc.option(fc.constant('https://console.aws.amazon.com/'), { nil: undefined }),
      inline: fc.option(
        fc.record({
          Version: fc.constant('2012-10-17'),
          Statement: fc.array(statement, { minLength: 1, maxLength: 2 }),
        }),
        { nil: null },
      ),
      boundary: fc.option(
        fc.constantFrom(
          { managedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
          { customerManagedPolicy: { name: 'Cap', path: '/' } },
        ),
        { nil: null },
      ),
      tags: fc.dictionary(fc.constantFrom('team', 'cost-center'), fc.constantFrom('core', 'infra'), { maxKeys: 2 }),
    })
    .map((r) =>
      permissionSet(name, {
        managedPolicies: [...r.policies].sort(),
        customerManagedPolicies: r.customer,
        sessionDuration: r.session,
        ...(r.description !== undefined ? { description: r.description } : {}),
        ...(r.relayState !== undefined ? { relayState: r.relayState } : {}),
        inlinePolicy: r.inline,
        permissionsBoundary: r.boundary,
        tags: r.tags,
      }),
    );

interface RuleDraft {
  principal: string;
  set: string;
  targets: string[];
  exclude: string[];
}

/** A consistent config for the `org` scenario; `renamesFrom` lets sets name earlier sets as `formerNames`. */
export const desiredArb = (renamesFrom: string[] = []): fc.Arbitrary<DesiredState> =>
  fc
    .record({
      setNames: fc.subarray(SET_NAMES),
      users: fc.subarray(USER_KEYS),
      groupNames: fc.subarray(GROUP_NAMES),
      centralized: fc.boolean(),
      hardware: fc.boolean(),
      customerKey: fc.boolean(),
      contact: fc.boolean(),
    })
    .chain((base) => {
      const principals = [...base.users.map((u) => `user:${u}`), ...base.groupNames.map((g) => `group:${g}`)];
      return fc.record({
        base: fc.constant(base),
        sets: fc.tuple(...base.setNames.map(permissionSetArb)),
        renames: fc.tuple(
          ...base.setNames.map(() => {
            const others = renamesFrom.filter((n) => !base.setNames.includes(n));
            return others.length > 0 ? fc.subarray(others, { maxLength: 1 }) : fc.constant<string[]>([]);
          }),
        ),
        members: fc.tuple(...base.groupNames.map(() => fc.subarray(base.users))),
        rules:
          principals.length === 0 || base.setNames.length === 0
            ? fc.constant<RuleDraft[]>([])
            : fc.array<RuleDraft>(
                fc.record({
                  principal: fc.constantFrom(...principals),
                  set: fc.constantFrom(...base.setNames),
                  targets: fc.subarray(TARGETS, { minLength: 1, maxLength: 3 }),
                  exclude: fc.subarray(TARGETS, { maxLength: 1 }),
                }),
                { maxLength: 5 },
              ),
      });
    })
    .map(({ base, sets, renames, members, rules }) => {
      // A former name must not be a set of this config, nor claimed by two sets.
      const claimed = new Set<string>(base.setNames);
      const withRenames = sets.map((ps, i) => {
        const former = (renames[i] ?? []).filter((n) => !claimed.has(n));
        for (const n of former) claimed.add(n);
        return { ...ps, formerNames: former };
      });
      return desiredState({
        root: {
          mfa: base.hardware ? 'hardware' : 'required',
          accessKeys: 'forbidden',
          maxDaysSinceLastUse: 90,
          centralizedManagement: base.centralized,
        },
        contacts: base.contact
          ? { SECURITY: { name: 'Sec', title: 'CISO', email: 'sec@example.com', phone: '+1 555 0100' } }
          : {},
        identityCenter: {
          region: 'eu-west-1',
          instance: 'organization',
          encryption: base.customerKey
            ? {
                keyType: 'CUSTOMER_MANAGED_KEY',
                kmsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
              }
            : { keyType: 'AWS_OWNED_KMS_KEY' },
          requireMfa: true,
          identitySource: 'internal',
        },
        permissionSets: withRenames,
        users: base.users.map((k) => user(k, k === 'dave' ? { userName: 'dave@corp' } : {})),
        groups: base.groupNames.map((name, i) => group(name, members[i] ?? [])),
        accountAliases: {},
        assignments: rules.map((r, i) => rule(i, r.principal, r.set, r.targets, r.exclude)),
      });
    });

/** What the starting state holds before gatehouse runs. */
export interface StartingState {
  sets: { name: string; managed: boolean; policy: string }[];
  users: string[];
  groups: string[];
  memberships: [number, number][];
  assignments: { set: number; principal: number; account: number }[];
  /** Change a set's definition after its assignments, so its copies are outdated. */
  drift: boolean;
}

export const startingStateArb: fc.Arbitrary<StartingState> = fc.record({
  sets: fc.uniqueArray(
    fc.record({
      name: fc.constantFrom(...SET_NAMES, 'Legacy'),
      managed: fc.boolean(),
      policy: fc.constantFrom(...POLICIES),
    }),
    { selector: (s) => s.name, maxLength: 4 },
  ),
  users: fc.subarray(['ana', 'bob', 'eve', 'dave@corp']),
  groups: fc.subarray(['Founders', 'Engineers', 'Contractors']),
  memberships: fc.array(fc.tuple(fc.nat(9), fc.nat(9)), { maxLength: 4 }),
  assignments: fc.array(fc.record({ set: fc.nat(9), principal: fc.nat(9), account: fc.nat(5) }), { maxLength: 6 }),
  drift: fc.boolean(),
});

/** Makes the starting state through the real API (as a person or another tool would have). */
export async function buildStartingState(sandbox: Sandbox, session: AwsSession, start: StartingState): Promise<void> {
  const instance = Object.values(sandbox.state.instances).find((i) => i.kind === 'organization')!;
  const region = instance.region;
  const InstanceArn = instance.arn;
  const IdentityStoreId = instance.identityStoreId;
  sandbox.mutate((world) => {
    for (const id of ACCOUNTS) {
      for (const p of CUSTOMER_POLICIES) {
        world.state.accounts[id]!.iam.customerPolicies[`${p.path}${p.name}`] = { ...p, createdAt: 0 };
      }
    }
  });
  const sets: string[] = [];
  for (const s of start.sets) {
    const out = await session.call(
      'sso-admin',
      'CreatePermissionSet',
      {
        InstanceArn,
        Name: s.name,
        SessionDuration: 'PT2H',
        ...(s.managed ? { Tags: [{ Key: 'managed-by', Value: 'gatehouse' }] } : {}),
      },
      { region },
    );
    const arn = out.PermissionSet!.PermissionSetArn!;
    await session.call(
      'sso-admin',
      'AttachManagedPolicyToPermissionSet',
      { InstanceArn, PermissionSetArn: arn, ManagedPolicyArn: s.policy },
      { region },
    );
    sets.push(arn);
  }
  const userIds: string[] = [];
  for (const name of start.users) {
    const out = await session.call(
      'identitystore',
      'CreateUser',
      {
        IdentityStoreId,
        UserName: name,
        DisplayName: `${name} Old`,
        Name: { GivenName: name, FamilyName: 'Old' },
        Emails: [{ Value: `${name.replace('@', '.')}@old.example.com`, Type: 'work', Primary: true }],
      },
      { region },
    );
    userIds.push(out.UserId!);
  }
  const groupIds: string[] = [];
  for (const name of start.groups) {
    const out = await session.call('identitystore', 'CreateGroup', { IdentityStoreId, DisplayName: name }, { region });
    groupIds.push(out.GroupId!);
  }
  const seen = new Set<string>();
  for (const [g, u] of start.memberships) {
    const groupId = groupIds[g % Math.max(1, groupIds.length)];
    const userId = userIds[u % Math.max(1, userIds.length)];
    if (!groupId || !userId || seen.has(`${groupId}|${userId}`)) continue;
    seen.add(`${groupId}|${userId}`);
    await session.call(
      'identitystore',
      'CreateGroupMembership',
      { IdentityStoreId, GroupId: groupId, MemberId: { UserId: userId } },
      { region },
    );
  }
  const principals = [
    ...userIds.map((id) => ({ type: 'USER' as const, id })),
    ...groupIds.map((id) => ({ type: 'GROUP' as const, id })),
  ];
  const assigned = new Set<string>();
  for (const a of start.assignments) {
    const arn = sets[a.set % Math.max(1, sets.length)];
    const principal = principals[a.principal % Math.max(1, principals.length)];
    const accountId = ACCOUNTS[a.account]!;
    const key = `${arn}|${principal?.id}|${accountId}`;
    if (!arn || !principal || assigned.has(key)) continue;
    assigned.add(key);
    await session.call(
      'sso-admin',
      'CreateAccountAssignment',
      {
        InstanceArn,
        TargetId: accountId,
        TargetType: 'AWS_ACCOUNT',
        PermissionSetArn: arn,
        PrincipalType: principal.type,
        PrincipalId: principal.id,
      },
      { region, conflict: 'transient' },
    );
  }
  // Let the asynchronous work finish (one role update per account makes some wait their turn).
  await session.clock.sleep(60_000);
  sandbox.settle();
  if (start.drift && sets[0]) {
    await session.call(
      'sso-admin',
      'UpdatePermissionSet',
      { InstanceArn, PermissionSetArn: sets[0], SessionDuration: 'PT3H' },
      { region },
    );
  }
}
