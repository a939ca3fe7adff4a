/**
 * @module The independent minimum of a plan's reads (docs/performance.md): for a config's footprint,
 * the fewest calls AWS's API shapes allow (page sizes, what one call covers) and the time floor AWS's
 * rate limits put under them, counted from the sandbox's own state — not from gatehouse's code or
 * its snapshot. Shared by the benchmarks (bench/) and the performance gates (test/perf/).
 */

import type { SandboxState } from '../src/sandbox/state.js';

/** AWS's published rates (scale.md §0, §1); Organizations' is undocumented: the sandbox's assumed 5/s per API. */
export const RATES = { ssoAdmin: 20, identityStorePerApi: 20, organizationsPerApi: 5 } as const;

/** Page sizes (scale.md §1.4): 100 for sso-admin and Identity Store lists, 20 for Organizations lists. */
const pages = (items: number, size: number) => Math.max(1, Math.ceil(items / size));

/** The config's footprint, in its own names. */
export interface Footprint {
  /** Users (userName) and groups (display name) the config names. */
  users: string[];
  groups: string[];
  /** Permission sets the config names. */
  permissionSets: string[];
  /** `--prune`: it may delete anything the config does not name, so every assignment is read. */
  prune: boolean;
  /** false: ListAccountAssignmentsForPrincipal is unavailable (delegated admin): the config's sets by pair. */
  principalScan?: boolean;
}

export interface Minimum {
  /** Calls per rate bucket: `sso-admin` (shared), `identitystore:<Op>`, `organizations:<Op>`, `other`. */
  buckets: Record<string, number>;
  calls: number;
  /** Slowest bucket at AWS's rates: every bucket runs alongside the others. */
  floorSeconds: number;
  /** The assignment part alone (sso-admin calls that list assignments or provisioned sets per account). */
  assignmentCalls: number;
}

function add(buckets: Record<string, number>, key: string, n: number): void {
  buckets[key] = (buckets[key] ?? 0) + n;
}

function floorOf(buckets: Record<string, number>): number {
  let floor = 0;
  for (const [key, n] of Object.entries(buckets)) {
    const rate =
      key === 'sso-admin'
        ? RATES.ssoAdmin
        : key.startsWith('identitystore:')
          ? RATES.identityStorePerApi
          : key.startsWith('organizations:')
            ? RATES.organizationsPerApi
            : Number.POSITIVE_INFINITY;
    floor = Math.max(floor, n / rate);
  }
  return floor;
}

function organizationInstance(state: SandboxState) {
  const instance = Object.values(state.instances).find((i) => i.kind === 'organization');
  if (!instance) throw new Error('no organization instance');
  return instance;
}

/** Organizations: DescribeOrganization, ListRoots, and per parent one list of OUs and one of accounts. */
function organizationCalls(state: SandboxState, buckets: Record<string, number>): void {
  const org = state.organization;
  if (!org) return;
  add(buckets, 'organizations:DescribeOrganization', 1);
  add(buckets, 'organizations:ListRoots', 1);
  const parents = [org.root.id, ...Object.keys(org.ous)];
  for (const parent of parents) {
    const ous = Object.values(org.ous).filter((o) => o.parentId === parent).length;
    const accounts = Object.values(state.accounts).filter((a) => a.org?.parentId === parent).length;
    add(buckets, 'organizations:ListOrganizationalUnitsForParent', pages(ous, 20));
    add(buckets, 'organizations:ListAccountsForParent', pages(accounts, 20));
  }
}

/** Identity Store: the user and group lists, and each group's memberships (cheaper than per member). */
function identityStoreCalls(state: SandboxState, buckets: Record<string, number>): void {
  const store = organizationInstance(state).identityStore;
  const perGroup = new Map<string, number>();
  for (const m of Object.values(store.memberships)) perGroup.set(m.GroupId, (perGroup.get(m.GroupId) ?? 0) + 1);
  add(buckets, 'identitystore:ListUsers', pages(Object.keys(store.users).length, 100));
  add(buckets, 'identitystore:ListGroups', pages(Object.keys(store.groups).length, 100));
  for (const id of Object.keys(store.groups)) {
    add(buckets, 'identitystore:ListGroupMemberships', pages(perGroup.get(id) ?? 0, 100));
  }
}

/**
 * sso-admin without assignments: the instance, the set list, each set's definition (Describe, two
 * policy lists, inline, boundary, tags: AWS has no lookup by name or tag, so every set is read to
 * find the config's and the owned ones) and its provisioned and outdated account lists.
 */
function permissionSetCalls(state: SandboxState): number {
  const instance = organizationInstance(state);
  const sets = Object.values(instance.permissionSets);
  let calls = 1 + pages(sets.length, 100);
  for (const ps of sets) {
    const versions = Object.values(instance.provisioned[ps.arn] ?? {});
    const outdated = versions.filter((v) => v < ps.version).length;
    calls += 6 + pages(versions.length, 100) + pages(outdated, 100);
  }
  return calls;
}

/**
 * The assignments a plan must see: each named principal's assignments (ListAccountAssignmentsForPrincipal)
 * plus each owned set's provisioned pairs — or, without the principal scan, every provisioned pair of
 * the config's and owned sets (ListAccountAssignments per pair; the account lists are paid for above). Plus the management account's pairs (ListPermissionSetsProvisionedToAccount,
 * then one list per pair): the lockout guard needs every administrative path into it.
 */
function assignmentCalls(state: SandboxState, footprint: Footprint): number {
  const instance = organizationInstance(state);
  const management = state.organization?.managementAccountId;
  const sets = Object.values(instance.permissionSets);
  const owned = new Set(sets.filter((ps) => ps.tags['managed-by'] === 'gatehouse').map((ps) => ps.arn));
  const configNames = new Set(footprint.permissionSets);
  const configSets = new Set(sets.filter((ps) => configNames.has(ps.name)).map((ps) => ps.arn));
  const perPair = new Map<string, number>();
  const perPrincipal = new Map<string, number>();
  for (const a of Object.values(instance.assignments)) {
    const pair = `${a.accountId}|${a.permissionSetArn}`;
    perPair.set(pair, (perPair.get(pair) ?? 0) + 1);
    perPrincipal.set(a.principalId, (perPrincipal.get(a.principalId) ?? 0) + 1);
  }
  const provisionedPairs = (arns: Set<string>) =>
    Object.entries(instance.provisioned).flatMap(([arn, accounts]) =>
      arns.has(arn) ? Object.keys(accounts).map((accountId) => `${accountId}|${arn}`) : [],
    );
  const pairCost = (pairs: Iterable<string>) => {
    let n = 0;
    for (const p of pairs) n += pages(perPair.get(p) ?? 0, 100);
    return n;
  };
  const userNames = new Set(footprint.users);
  const groupNames = new Set(footprint.groups);
  const named = [
    ...Object.values(instance.identityStore.users)
      .filter((u) => userNames.has(u.UserName ?? ''))
      .map((u) => u.UserId),
    ...Object.values(instance.identityStore.groups)
      .filter((g) => groupNames.has(g.DisplayName ?? ''))
      .map((g) => g.GroupId),
  ];
  const managementPairs = management
    ? Object.entries(instance.provisioned).flatMap(([arn, accounts]) =>
        management in accounts ? [`${management}|${arn}`] : [],
      )
    : [];
  const withManagement = (pairs: string[]) => {
    const all = new Set([...pairs, ...managementPairs]);
    return (management ? pages(managementPairs.length, 100) : 0) + pairCost(all);
  };
  if (footprint.prune) return fullAssignmentCalls(state);
  if (footprint.principalScan === false) return withManagement(provisionedPairs(new Set([...configSets, ...owned])));
  return (
    named.reduce((n, id) => n + pages(perPrincipal.get(id) ?? 0, 100), 0) + withManagement(provisionedPairs(owned))
  );
}

/**
 * Which IAM users of the caller's account have a console password: IAM has no list of them, so one
 * ListUsers page per 100 users and one GetLoginProfile per user (NoSuchEntity answers "none").
 */
function consolePasswordCalls(state: SandboxState): number {
  const caller = state.organization?.managementAccountId;
  const users = caller ? Object.keys(state.accounts[caller]?.iam.users ?? {}).length : 0;
  return pages(users, 100) + users;
}

/**
 * The minimum of a plan of `footprint` on `state` (plus sts GetCallerIdentity, iam GetAccountSummary
 * and the caller account's console passwords).
 */
export function planMinimum(state: SandboxState, footprint: Footprint): Minimum {
  const buckets: Record<string, number> = {};
  organizationCalls(state, buckets);
  identityStoreCalls(state, buckets);
  const assignments = assignmentCalls(state, footprint);
  add(buckets, 'sso-admin', permissionSetCalls(state) + assignments);
  add(buckets, 'other', 2 + consolePasswordCalls(state));
  const calls = Object.values(buckets).reduce((a, b) => a + b, 0);
  return { buckets, calls, floorSeconds: floorOf(buckets), assignmentCalls: assignments };
}

/**
 * The minimum of an audit's Identity Center and Identity Store reads (the rate-bound part; the caller
 * account's IAM facts are a handful of calls on their own limits): the same fixed reads as a plan and
 * every assignment, at the cheaper of one list per principal (G + U calls + overflow) and one list
 * per provisioned pair (the pairs' account lists are already paid for).
 */
export function auditMinimum(state: SandboxState): Minimum {
  const buckets: Record<string, number> = {};
  identityStoreCalls(state, buckets);
  const assignments = fullAssignmentCalls(state);
  add(buckets, 'sso-admin', permissionSetCalls(state) + assignments);
  const calls = Object.values(buckets).reduce((a, b) => a + b, 0);
  return { buckets, calls, floorSeconds: floorOf(buckets), assignmentCalls: assignments };
}

/** Every assignment, at the cheaper of one list per principal and one list per provisioned pair. */
function fullAssignmentCalls(state: SandboxState): number {
  const instance = organizationInstance(state);
  const perPair = new Map<string, number>();
  const perPrincipal = new Map<string, number>();
  for (const a of Object.values(instance.assignments)) {
    const pair = `${a.accountId}|${a.permissionSetArn}`;
    perPair.set(pair, (perPair.get(pair) ?? 0) + 1);
    perPrincipal.set(a.principalId, (perPrincipal.get(a.principalId) ?? 0) + 1);
  }
  const principals = [...Object.keys(instance.identityStore.users), ...Object.keys(instance.identityStore.groups)];
  const byPrincipal = principals.reduce((n, id) => n + pages(perPrincipal.get(id) ?? 0, 100), 0);
  let byPair = 0;
  for (const [arn, accounts] of Object.entries(instance.provisioned)) {
    for (const accountId of Object.keys(accounts)) byPair += pages(perPair.get(`${accountId}|${arn}`) ?? 0, 100);
  }
  return Math.min(byPrincipal, byPair);
}

/** The same buckets from calls actually served (for the ratio against the minimum). */
export function bucketsOf(calls: readonly { service: string; operation: string }[]): Record<string, number> {
  const buckets: Record<string, number> = {};
  for (const c of calls) {
    const key =
      c.service === 'sso-admin'
        ? 'sso-admin'
        : c.service === 'identitystore' || c.service === 'organizations'
          ? `${c.service}:${c.operation}`
          : 'other';
    add(buckets, key, 1);
  }
  return buckets;
}

export { floorOf };
