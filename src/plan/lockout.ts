/**
 * @module The lockout guard (pure): would applying this plan remove the last administrative path
 * into the management account, or the path the caller is signed in through? Apply refuses such a
 * plan unless `--allow-lockout`.
 *
 * An administrative path is an assignment on the management account of a permission set that
 * certainly grants administrator access (`isAdministrator`: the policy evaluator, Deny and boundary
 * included, a conditional Deny read as applying) to an enabled user, or to a group with at least one
 * enabled member. The state after the plan is simulated by replaying the plan's applyable actions on
 * the live state, by name.
 *
 * The caller's own path: an Identity Center session's ARN is
 * `arn:aws:sts::<account>:assumed-role/AWSReservedSSO_<PermissionSetName>_<hex>/<userName>`; if after
 * the plan that user no longer has that permission set (or the set it is renamed to) on that account,
 * directly or through a group, the caller locks themselves out. Other callers (IAM roles and users,
 * root) have no own path here.
 */

import { AwsAccessError } from '../errors.js';
import { principalKey } from '../model/address.js';
import { samePrincipalName } from '../model/principal-name.js';
import type { Evidence } from '../observe/evidence.js';
import { orgFact, type Snapshot } from '../observe/snapshot.js';
import { awsManagedPolicy, customerPolicyName } from '../policy/index.js';
import type { PermissionSetAttributes, PlanAction, PlanDocument } from './actions.js';
import { liveAttributes } from './diff-permission-sets.js';
import { isAdministrator } from './risk.js';

export interface Lockout {
  code: 'last-admin-path' | 'caller-path';
  message: string;
  /** Ids of the plan's actions that remove the path. */
  actions: string[];
}

/** Identity Center state by name: what the simulation changes. */
interface AccessState {
  sets: Map<string, PermissionSetAttributes>;
  /** userName → enabled. */
  users: Map<string, boolean>;
  groups: Set<string>;
  /** `group\0userName`. */
  memberships: Set<string>;
  /** `set\0principalKey\0accountId`. */
  assignments: Set<string>;
}

const SEP = '\u0000';

function read<T>(evidence: Evidence<T[]> | undefined, factId: string): T[] {
  if (!evidence || evidence.status === 'notApplicable') return [];
  if (evidence.status === 'ok') return evidence.value;
  throw new AwsAccessError(
    evidence.status === 'denied' ? 'access-denied' : 'service',
    `cannot check the plan for lockouts: ${factId} could not be read (${evidence.message})`,
  );
}

function liveState(snapshot: Snapshot): AccessState {
  const sets = read(orgFact(snapshot, 'identity-center.permission-sets'), 'identity-center.permission-sets');
  const users = read(orgFact(snapshot, 'identity-store.users'), 'identity-store.users');
  const groups = read(orgFact(snapshot, 'identity-store.groups'), 'identity-store.groups');
  const memberships = read(orgFact(snapshot, 'identity-store.memberships'), 'identity-store.memberships');
  const assignments = read(orgFact(snapshot, 'identity-center.assignments'), 'identity-center.assignments');
  const setName = new Map(sets.map((s) => [s.arn, s.name]));
  const userName = new Map(users.map((u) => [u.id, u.userName]));
  const groupName = new Map(groups.map((g) => [g.id, g.displayName]));
  const state: AccessState = {
    sets: new Map(sets.map((s) => [s.name, liveAttributes(s)])),
    users: new Map(users.map((u) => [u.userName, u.status !== 'DISABLED'])),
    groups: new Set(groups.map((g) => g.displayName)),
    memberships: new Set(),
    assignments: new Set(),
  };
  for (const m of memberships) {
    const g = groupName.get(m.groupId);
    const u = userName.get(m.userId);
    if (g !== undefined && u !== undefined) state.memberships.add(`${g}${SEP}${u}`);
  }
  for (const a of assignments) {
    const set = setName.get(a.permissionSetArn);
    const name = a.principalType === 'USER' ? userName.get(a.principalId) : groupName.get(a.principalId);
    if (set === undefined || name === undefined) continue;
    const principal = principalKey({ type: a.principalType === 'USER' ? 'user' : 'group', name });
    state.assignments.add(`${set}${SEP}${principal}${SEP}${a.accountId}`);
  }
  return state;
}

function afterPlan(live: AccessState, actions: PlanAction[]): AccessState {
  const s: AccessState = {
    sets: new Map(live.sets),
    users: new Map(live.users),
    groups: new Set(live.groups),
    memberships: new Set(live.memberships),
    assignments: new Set(live.assignments),
  };
  for (const a of actions) {
    if (!a.applyable) continue;
    switch (a.type) {
      case 'permission-set':
        if (a.kind === 'delete') s.sets.delete(a.permissionSet.name);
        else s.sets.set(a.permissionSet.name, a.after);
        break;
      case 'user':
        if (a.kind === 'create') s.users.set(a.user.userName, true);
        if (a.kind === 'delete') s.users.delete(a.user.userName);
        break;
      case 'group':
        if (a.kind === 'create') s.groups.add(a.group.name);
        if (a.kind === 'delete') s.groups.delete(a.group.name);
        break;
      case 'membership':
        if (a.kind === 'create') s.memberships.add(`${a.group.name}${SEP}${a.user.userName}`);
        else s.memberships.delete(`${a.group.name}${SEP}${a.user.userName}`);
        break;
      case 'assignment': {
        const view = a.kind === 'create' ? a.after : a.before;
        const key = `${view.permissionSet}${SEP}${view.principal}${SEP}${view.accountId}`;
        if (a.kind === 'create') s.assignments.add(key);
        else s.assignments.delete(key);
        break;
      }
      default:
        break;
    }
  }
  return s;
}

/** Whether a principal (`user:x` / `group:y`) reaches anything: an enabled user, or a group with an enabled member. */
function principalReaches(s: AccessState, principal: string, onlyUser?: string): boolean {
  const colon = principal.indexOf(':');
  const type = principal.slice(0, colon);
  const name = principal.slice(colon + 1);
  if (type === 'user')
    return s.users.get(name) === true && (onlyUser === undefined || samePrincipalName(name, onlyUser));
  if (!s.groups.has(name)) return false;
  for (const m of s.memberships) {
    const [group, user] = m.split(SEP) as [string, string];
    if (group === name && s.users.get(user) === true && (onlyUser === undefined || samePrincipalName(user, onlyUser)))
      return true;
  }
  return false;
}

/**
 * Policies a set gains whose documents gatehouse cannot read: they may hold a `Deny *`, so the
 * guard does not trust a path through them (a customer policy attached to the only admin set is
 * as dangerous as an inline Deny).
 */
function unreadableAdditions(before: PermissionSetAttributes | undefined, after: PermissionSetAttributes): Set<string> {
  const had = new Set([
    ...(before?.managedPolicies ?? []),
    ...(before?.customerManagedPolicies ?? []).map(customerPolicyName),
  ]);
  const added = [
    ...after.managedPolicies.filter((arn) => awsManagedPolicy(arn).kind === 'unknown'),
    ...after.customerManagedPolicies.map(customerPolicyName),
  ];
  return new Set(added.filter((name) => !had.has(name)));
}

/**
 * Administrative paths into `accountId`: `set → principal` strings. A set counts only when it is
 * certainly administrative (a conditional Deny may apply); with `baseline`, policies added since the
 * baseline that cannot be read are distrusted.
 */
function adminPaths(s: AccessState, accountId: string, baseline?: AccessState): string[] {
  const paths: string[] = [];
  // One judgement per set, however many assignments it has.
  const judged = new Map<string, boolean>();
  const administrative = (set: string): boolean => {
    const attributes = s.sets.get(set);
    if (!attributes) return false;
    let admin = judged.get(set);
    if (admin === undefined) {
      const distrust = baseline ? unreadableAdditions(baseline.sets.get(set), attributes) : undefined;
      admin = isAdministrator(attributes, distrust);
      judged.set(set, admin);
    }
    return admin;
  };
  for (const key of s.assignments) {
    const [set, principal, account] = key.split(SEP) as [string, string, string];
    if (account !== accountId || !administrative(set)) continue;
    if (principalReaches(s, principal)) paths.push(`${set} → ${principal}`);
  }
  return paths.sort();
}

/** Whether `userName` reaches `set` on `accountId`, directly or through a group. */
function hasPath(s: AccessState, set: string, userName: string, accountId: string): boolean {
  if (!s.sets.has(set)) return false;
  for (const key of s.assignments) {
    const [keySet, principal, account] = key.split(SEP) as [string, string, string];
    if (keySet === set && account === accountId && principalReaches(s, principal, userName)) return true;
  }
  return false;
}

/** `{ permissionSet, userName }` of an Identity Center session ARN, or undefined for any other caller. */
export function parseIdentityCenterCaller(arn: string): { permissionSet: string; userName: string } | undefined {
  const match = /^arn:aws[\w-]*:sts::\d{12}:assumed-role\/AWSReservedSSO_(.+)_([0-9a-fA-F]+)\/(.+)$/.exec(arn);
  return match ? { permissionSet: match[1]!, userName: match[3]! } : undefined;
}

/** The plan's actions that could take away a path (for the lockout message). */
function removingActions(
  actions: PlanAction[],
  sets: Set<string>,
  principals: Set<string>,
  account: string,
  onlyUser?: string,
): string[] {
  return actions
    .filter((a) => {
      if (!a.applyable) return false;
      switch (a.type) {
        case 'assignment':
          return (
            a.kind === 'delete' &&
            a.accountId === account &&
            sets.has(a.before.permissionSet) &&
            principals.has(a.before.principal)
          );
        case 'permission-set':
          return a.kind !== 'create' && sets.has(a.kind === 'replace' ? a.replaces.name : a.permissionSet.name);
        case 'membership':
          return (
            a.kind === 'delete' &&
            principals.has(principalKey({ type: 'group', name: a.group.name })) &&
            (onlyUser === undefined || samePrincipalName(a.user.userName, onlyUser))
          );
        case 'user':
          return a.kind === 'delete' && principals.has(principalKey({ type: 'user', name: a.user.userName }));
        case 'group':
          return a.kind === 'delete' && principals.has(principalKey({ type: 'group', name: a.group.name }));
        default:
          return false;
      }
    })
    .map((a) => a.id);
}

/** Every way applying `plan` to the state in `snapshot` would lock people out; empty when none. */
export function findLockouts(
  plan: PlanDocument,
  snapshot: Snapshot,
  caller: { accountId: string; arn: string },
): Lockout[] {
  const before = liveState(snapshot);
  const after = afterPlan(before, plan.actions);
  const lockouts: Lockout[] = [];
  const management = plan.managementAccountId;

  const pathsBefore = adminPaths(before, management);
  if (pathsBefore.length > 0 && adminPaths(after, management, before).length === 0) {
    const sets = new Set(pathsBefore.map((p) => p.split(' → ')[0]!));
    const principals = new Set(pathsBefore.map((p) => p.split(' → ')[1]!));
    lockouts.push({
      code: 'last-admin-path',
      message: `after this plan no one can reach the management account ${management} with administrator access (today: ${pathsBefore.join(', ')})`,
      actions: removingActions(plan.actions, sets, principals, management),
    });
  }

  const parsed = parseIdentityCenterCaller(caller.arn);
  // The session name is the user name as typed at sign-in: match it to the store's spelling.
  const session = parsed && {
    ...parsed,
    userName: [...before.users.keys()].find((u) => samePrincipalName(u, parsed.userName)) ?? parsed.userName,
  };
  if (session && hasPath(before, session.permissionSet, session.userName, caller.accountId)) {
    const renamed = plan.actions.find(
      (a) => a.type === 'permission-set' && a.kind === 'replace' && a.replaces.name === session.permissionSet,
    );
    const setAfter = renamed?.type === 'permission-set' ? renamed.permissionSet.name : session.permissionSet;
    if (!hasPath(after, setAfter, session.userName, caller.accountId)) {
      const principals = new Set([principalKey({ type: 'user', name: session.userName })]);
      for (const m of before.memberships) {
        const [group, user] = m.split(SEP) as [string, string];
        if (user === session.userName) principals.add(principalKey({ type: 'group', name: group }));
      }
      lockouts.push({
        code: 'caller-path',
        message: `this plan removes your own access: ${session.userName} would no longer reach ${session.permissionSet} in ${caller.accountId}`,
        actions: removingActions(
          plan.actions,
          new Set([session.permissionSet]),
          principals,
          caller.accountId,
          session.userName,
        ),
      });
    }
  }
  return lockouts;
}
