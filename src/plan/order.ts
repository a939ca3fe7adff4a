/**
 * @module Ordering: the dependency graph between actions and a deterministic topological order.
 *
 * Edges (`dependsOn`), all derived from the actions themselves:
 * - organization → service access → root features;
 * - a permission set's create/update/replace → its provisioning → assignments that use it;
 * - user/group creates → memberships and assignments of that principal;
 * - a group's membership deletes → assignment creates for that group (a member the plan removes, e.g.
 *   one added out of band, never holds the new access, not even while apply runs);
 * - make before break: deleting an assignment waits for the creates of the same principal in the
 *   same account (a rename never leaves a gap) and for the set's provisioning (re-provisioning while
 *   assignments disappear fails in AWS);
 * - deletes in reverse: a permission set is deleted after its assignments (and, for a rename, after
 *   the new set exists); users and groups after their memberships and assignments.
 * Among ready actions the order follows phases (organization, contacts, encryption, principals,
 * permission sets, provisioning, memberships, assignment creates, assignment deletes, membership
 * deletes, permission-set deletes, principal deletes) and assignment actions go round-robin across
 * accounts, so no account sees two role updates in a row (AWS updates one role per account at a time).
 *
 * Manual steps block actions: a blocked action, and everything that depends on it, is `applyable: false`.
 */

import { InternalError } from '../errors.js';
import { principalKey } from '../model/address.js';
import type { DraftAction, ManualStep, PlanAction } from './actions.js';
import { byString, type ManualStepDraft } from './context.js';

function phase(a: DraftAction): number {
  switch (a.type) {
    case 'organization':
      return 0;
    case 'service-access':
      return 1;
    case 'root-feature':
      return 2;
    case 'alternate-contact':
      return 3;
    case 'instance-encryption':
      return 4;
    case 'user':
    case 'group':
      return a.kind === 'delete' ? 13 : 5;
    case 'permission-set':
      return a.kind === 'delete' ? 12 : 6;
    case 'permission-set-provision':
      return 7;
    case 'membership':
      return a.kind === 'delete' ? 11 : 8;
    case 'assignment':
      return a.kind === 'delete' ? 10 : 9;
  }
}

/** Which principal an assignment is for, as `user:<userName>` / `group:<name>`. */
function assignmentPrincipal(a: Extract<DraftAction, { type: 'assignment' }>): string {
  return principalKey({ type: a.principal.type, name: a.principal.name });
}

function push(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

/** Computes `dependsOn` for every action (ids, sorted). */
export function linkDependencies(actions: DraftAction[]): Map<string, string[]> {
  let orgCreate: string | undefined;
  let serviceAccess: string | undefined;
  const setChange = new Map<string, string>();
  const provision = new Map<string, string>();
  const principalCreate = new Map<string, string>();
  const replacedBy = new Map<string, string>();
  const assignmentCreates = new Map<string, string[]>();
  const assignmentDeletesBySet = new Map<string, string[]>();
  const assignmentDeletesByPrincipal = new Map<string, string[]>();
  const membershipDeletesByUser = new Map<string, string[]>();
  const membershipDeletesByGroup = new Map<string, string[]>();

  for (const a of actions) {
    switch (a.type) {
      case 'organization':
        orgCreate = a.id;
        break;
      case 'service-access':
        serviceAccess = a.id;
        break;
      case 'permission-set':
        if (a.kind !== 'delete') setChange.set(a.permissionSet.name, a.id);
        if (a.kind === 'replace') replacedBy.set(a.replaces.name, a.id);
        break;
      case 'permission-set-provision':
        provision.set(a.permissionSet.name, a.id);
        break;
      case 'user':
        if (a.kind === 'create') principalCreate.set(principalKey({ type: 'user', name: a.user.userName }), a.id);
        break;
      case 'group':
        if (a.kind === 'create') principalCreate.set(principalKey({ type: 'group', name: a.group.name }), a.id);
        break;
      case 'membership':
        if (a.kind === 'delete') {
          push(membershipDeletesByUser, a.user.userName, a.id);
          push(membershipDeletesByGroup, a.group.name, a.id);
        }
        break;
      case 'assignment':
        if (a.kind === 'create') push(assignmentCreates, `${assignmentPrincipal(a)}\u0000${a.accountId}`, a.id);
        else {
          push(assignmentDeletesBySet, a.permissionSet.name, a.id);
          push(assignmentDeletesByPrincipal, assignmentPrincipal(a), a.id);
        }
        break;
      default:
        break;
    }
  }

  const deps = new Map<string, string[]>();
  for (const a of actions) {
    const d: (string | undefined)[] = [];
    switch (a.type) {
      case 'service-access':
        d.push(orgCreate);
        break;
      case 'root-feature':
        d.push(orgCreate, serviceAccess);
        break;
      case 'permission-set':
        if (a.kind === 'delete') {
          d.push(...(assignmentDeletesBySet.get(a.permissionSet.name) ?? []), replacedBy.get(a.permissionSet.name));
        }
        break;
      case 'permission-set-provision':
        d.push(setChange.get(a.permissionSet.name));
        break;
      case 'membership':
        if (a.kind === 'create') {
          d.push(
            principalCreate.get(principalKey({ type: 'group', name: a.group.name })),
            principalCreate.get(principalKey({ type: 'user', name: a.user.userName })),
          );
        }
        break;
      case 'assignment':
        if (a.kind === 'create') {
          d.push(
            setChange.get(a.permissionSet.name),
            provision.get(a.permissionSet.name),
            principalCreate.get(assignmentPrincipal(a)),
            // Break before make for members: whoever the plan removes from a group never holds its new access.
            ...(a.principal.type === 'group' ? (membershipDeletesByGroup.get(a.principal.name) ?? []) : []),
          );
        } else {
          d.push(
            provision.get(a.permissionSet.name),
            ...(assignmentCreates.get(`${assignmentPrincipal(a)}\u0000${a.accountId}`) ?? []),
          );
        }
        break;
      case 'user':
        if (a.kind === 'delete') {
          d.push(
            ...(membershipDeletesByUser.get(a.user.userName) ?? []),
            ...(assignmentDeletesByPrincipal.get(principalKey({ type: 'user', name: a.user.userName })) ?? []),
          );
        }
        break;
      case 'group':
        if (a.kind === 'delete') {
          d.push(
            ...(membershipDeletesByGroup.get(a.group.name) ?? []),
            ...(assignmentDeletesByPrincipal.get(principalKey({ type: 'group', name: a.group.name })) ?? []),
          );
        }
        break;
      default:
        break;
    }
    deps.set(a.id, [...new Set(d.filter((x): x is string => x !== undefined && x !== a.id))].sort(byString));
  }
  return deps;
}

type SortKey = [number, number, string, string];

function compareKeys(a: SortKey, b: SortKey): number {
  return a[0] - b[0] || a[1] - b[1] || byString(a[2], b[2]) || byString(a[3], b[3]);
}

/** Phase, then round-robin round and account for assignments, then address. */
function sortKeys(actions: DraftAction[]): Map<string, SortKey> {
  const keys = new Map<string, SortKey>();
  const perAccount = new Map<string, DraftAction[]>();
  for (const a of actions) {
    if (a.type === 'assignment') {
      const group = `${a.kind}\u0000${a.accountId}`;
      const list = perAccount.get(group);
      if (list) list.push(a);
      else perAccount.set(group, [a]);
    } else {
      keys.set(a.id, [phase(a), 0, '', a.address]);
    }
  }
  for (const list of perAccount.values()) {
    list.sort((x, y) => byString(x.address, y.address));
    list.forEach((a, round) => {
      if (a.type === 'assignment') keys.set(a.id, [phase(a), round, a.accountId, a.address]);
    });
  }
  return keys;
}

/** A binary min-heap of action ids by sort key. */
class ReadyQueue {
  private readonly items: string[] = [];
  private readonly keyOf: (id: string) => SortKey;
  constructor(keyOf: (id: string) => SortKey) {
    this.keyOf = keyOf;
  }
  get size(): number {
    return this.items.length;
  }
  push(id: string): void {
    const items = this.items;
    items.push(id);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compareKeys(this.keyOf(items[i]!), this.keyOf(items[parent]!)) >= 0) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }
  pop(): string {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < items.length && compareKeys(this.keyOf(items[l]!), this.keyOf(items[smallest]!)) < 0) smallest = l;
        if (r < items.length && compareKeys(this.keyOf(items[r]!), this.keyOf(items[smallest]!)) < 0) smallest = r;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest]!, items[i]!];
        i = smallest;
      }
    }
    return top;
  }
}

/**
 * Orders the actions (dependencies first; among ready ones the phase order and the round-robin
 * across accounts) and fills in `dependsOn`, `blockedBy` and `applyable`; resolves the manual steps'
 * `blocks` and `after` to action ids.
 */
export function orderActions(
  drafts: DraftAction[],
  steps: ManualStepDraft[],
): { actions: PlanAction[]; manualSteps: ManualStep[] } {
  const deps = linkDependencies(drafts);
  const keys = sortKeys(drafts);
  const byId = new Map(drafts.map((a) => [a.id, a]));
  if (byId.size !== drafts.length) throw new InternalError('two plan actions share an id');

  const waiting = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const a of drafts) {
    const list = deps.get(a.id) ?? [];
    waiting.set(a.id, list.length);
    for (const d of list) push(dependents, d, a.id);
  }
  const queue = new ReadyQueue((id) => keys.get(id)!);
  for (const a of drafts) if (waiting.get(a.id) === 0) queue.push(a.id);

  const ordered: DraftAction[] = [];
  while (queue.size > 0) {
    const id = queue.pop();
    ordered.push(byId.get(id)!);
    for (const next of dependents.get(id) ?? []) {
      const left = waiting.get(next)! - 1;
      waiting.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  if (ordered.length !== drafts.length) throw new InternalError('the plan actions have a dependency cycle');

  const blockedBy = new Map<string, Set<string>>();
  const actions: PlanAction[] = ordered.map((a) => {
    const blocked = new Set<string>();
    for (const step of steps) if (step.blocks(a)) blocked.add(step.id);
    for (const d of deps.get(a.id) ?? []) for (const s of blockedBy.get(d) ?? []) blocked.add(s);
    blockedBy.set(a.id, blocked);
    const list = [...blocked].sort(byString);
    return { ...a, dependsOn: deps.get(a.id) ?? [], blockedBy: list, applyable: list.length === 0 } as PlanAction;
  });

  const manualSteps: ManualStep[] = steps.map((step) => {
    const { blocks: _blocks, after: _after, ...rest } = step;
    return {
      ...rest,
      blocks: actions.filter((a) => a.blockedBy.includes(step.id)).map((a) => a.id),
      after: ordered.filter((a) => step.after(a)).map((a) => a.id),
    };
  });
  return { actions, manualSteps };
}
