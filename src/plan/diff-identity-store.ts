/**
 * @module Diff of the Identity Store: users (matched by user name), groups (by display name) and
 * memberships. Users and groups the config names are managed; others are left alone unless `prune`.
 * A managed group's member list is its truth: other members are removed. With
 * `identitySource: external` users and groups are read-only references: a missing one fails the
 * plan instead of creating a look-alike, and nothing in the store is ever changed.
 */

import { formatAddress, principalKey } from '../model/address.js';
import type { DesiredUser } from '../model/desired.js';
import { principalNameKey } from '../model/principal-name.js';
import type { GroupMembership, IdentityStoreGroup, IdentityStoreUser } from '../model/types.js';
import { actionId, type PrincipalRef, type UserAttribute, type UserAttributes } from './actions.js';
import { byString, configDiagnostic, type DiffContext } from './context.js';
import { fixedRisk } from './risk.js';

/** What the assignment diff needs to know about principals after this diff. */
export interface PrincipalOutcome {
  /** `user:<userName>` / `group:<name>` → the principal after the plan (id null: created by this apply). */
  refs: Map<string, PrincipalRef>;
  /** Principals this plan deletes (same keys). */
  deleted: Set<string>;
  /** Principals the config names (users, groups, assignment rule principals), same keys. */
  named: Set<string>;
  /** Live principal id → key. */
  keyById: Map<string, string>;
  /** A config principal (`user:<key>` as written in a rule) → its key (`user:<userName>`). */
  resolve(type: 'user' | 'group', name: string): string;
}

const USER_ATTRIBUTES: readonly UserAttribute[] = ['displayName', 'givenName', 'familyName', 'email'];

function liveUserAttributes(u: IdentityStoreUser): UserAttributes {
  return {
    userName: u.userName,
    displayName: u.displayName ?? '',
    givenName: u.givenName ?? '',
    familyName: u.familyName ?? '',
    email: u.email ?? '',
  };
}

/** A config without an email leaves the live one alone (and creates the user without one). */
function desiredUserAttributes(u: DesiredUser, live: IdentityStoreUser | undefined): UserAttributes {
  return {
    userName: u.userName,
    displayName: u.displayName,
    givenName: u.givenName,
    familyName: u.familyName,
    email: u.email ?? live?.email ?? '',
  };
}

export function diffIdentityStore(ctx: DiffContext): PrincipalOutcome {
  const { desired, facts } = ctx;
  const userNameByKey = new Map(desired.users.map((u) => [u.key, u.userName]));
  const liveUsers = new Map(facts.users.map((u) => [u.userName, u]));
  const liveGroups = new Map(facts.groups.map((g) => [g.displayName, g]));
  const outcome: PrincipalOutcome = {
    refs: new Map(),
    deleted: new Set(),
    named: new Set(),
    keyById: new Map(),
    resolve: (type, name) =>
      type === 'user' ? principalKey({ type, name: userNameByKey.get(name) ?? name }) : principalKey({ type, name }),
  };
  for (const u of facts.users) {
    const key = principalKey({ type: 'user', name: u.userName });
    outcome.keyById.set(u.id, key);
    outcome.refs.set(key, { type: 'user', name: u.userName, id: u.id });
  }
  for (const g of facts.groups) {
    const key = principalKey({ type: 'group', name: g.displayName });
    outcome.keyById.set(g.id, key);
    outcome.refs.set(key, { type: 'group', name: g.displayName, id: g.id });
  }
  for (const u of desired.users) outcome.named.add(principalKey({ type: 'user', name: u.userName }));
  for (const g of desired.groups) outcome.named.add(principalKey({ type: 'group', name: g.name }));
  for (const rule of desired.assignments) outcome.named.add(outcome.resolve(rule.principal.type, rule.principal.name));

  const lookalikes = refuseLookalikes(ctx);
  if (desired.identityCenter.identitySource === 'external') {
    checkExternalPrincipals(ctx, outcome, liveUsers, liveGroups, lookalikes);
    return outcome;
  }

  diffUsers(ctx, outcome, liveUsers);
  diffGroups(ctx, outcome, liveGroups);
  diffMemberships(ctx, outcome, userNameByKey);
  return outcome;
}

/**
 * A config principal whose name is not the live one's but is the same under the identity rule
 * (`founders` vs `Founders`, a full-width or Cyrillic look-alike) is never created beside it nor
 * adopted in silence: the plan is refused, naming the live principal and its members, until the
 * config either spells the live name exactly (then the plan manages it and shows each change to its
 * members) or picks a name that does not collide.
 */
function refuseLookalikes(ctx: DiffContext): Set<string> {
  const reported = new Set<string>();
  const { desired, facts } = ctx;
  const userNameById = new Map(facts.users.map((u) => [u.id, u.userName]));
  const membersOf = (groupId: string) =>
    facts.memberships
      .filter((m) => m.groupId === groupId)
      .map((m) => userNameById.get(m.userId) ?? m.userId)
      .sort(byString);
  const usersByKey = new Map(facts.users.map((u) => [principalNameKey(u.userName), u]));
  const groupsByKey = new Map(facts.groups.map((g) => [principalNameKey(g.displayName), g]));
  const advice = (kind: string, live: string) =>
    `gatehouse compares ${kind} names ignoring case, Unicode form and look-alike letters, and will not adopt it unseen: to manage it, write its exact name \`${live}\` in the config (the next plan lists every change to it); otherwise choose another name`;
  for (const u of desired.users) {
    const live = usersByKey.get(principalNameKey(u.userName));
    if (!live || live.userName === u.userName) continue;
    reported.add(principalKey({ type: 'user', name: u.userName }));
    ctx.errors.push(
      configDiagnostic(
        ctx,
        'error',
        'principal-lookalike',
        `user ${u.userName}: the Identity Store already has user ${live.userName}; ${advice('user', live.userName)}`,
        u.source,
        `users.${u.key}`,
      ),
    );
  }
  for (const g of desired.groups) {
    const live = groupsByKey.get(principalNameKey(g.name));
    if (!live || live.displayName === g.name) continue;
    reported.add(principalKey({ type: 'group', name: g.name }));
    const members = membersOf(live.id);
    const memberText = members.length > 0 ? `members: ${members.join(', ')}` : 'no members';
    ctx.errors.push(
      configDiagnostic(
        ctx,
        'error',
        'principal-lookalike',
        `group ${g.name}: the Identity Store already has group ${live.displayName} (${memberText}); ${advice('group', live.displayName)}`,
        g.source,
        `groups.${g.name}`,
      ),
    );
  }
  return reported;
}

/** External identity source: every principal the config names must already exist. */
function checkExternalPrincipals(
  ctx: DiffContext,
  outcome: PrincipalOutcome,
  liveUsers: Map<string, IdentityStoreUser>,
  liveGroups: Map<string, IdentityStoreGroup>,
  lookalikes: Set<string>,
): void {
  if (!ctx.facts.instance) return; // Nothing to look in yet: the instance manual step blocks everything.
  const missing = (what: string) =>
    `${what} is not in the external identity source; gatehouse will not create a look-alike (provision it through your identity provider, or fix the name)`;
  const reported = new Set<string>(lookalikes); // One message per cause: a look-alike is already explained.
  const report = (key: string, message: string, source: Parameters<typeof configDiagnostic>[4], path: string) => {
    if (reported.has(key)) return;
    reported.add(key);
    ctx.errors.push(configDiagnostic(ctx, 'error', 'external-principal-missing', message, source, path));
  };
  for (const u of ctx.desired.users) {
    if (!liveUsers.has(u.userName)) {
      report(
        principalKey({ type: 'user', name: u.userName }),
        missing(`user ${u.userName}`),
        u.source,
        `users.${u.key}`,
      );
    }
  }
  for (const g of ctx.desired.groups) {
    if (!liveGroups.has(g.name)) {
      report(principalKey({ type: 'group', name: g.name }), missing(`group ${g.name}`), g.source, `groups.${g.name}`);
    }
  }
  for (const rule of ctx.desired.assignments) {
    const key = outcome.resolve(rule.principal.type, rule.principal.name);
    if (!outcome.refs.has(key)) {
      report(
        key,
        missing(`${rule.principal.type} ${rule.principal.name}`),
        rule.source,
        `assignments.${rule.index}.principal`,
      );
    }
  }
}

function diffUsers(ctx: DiffContext, outcome: PrincipalOutcome, liveUsers: Map<string, IdentityStoreUser>): void {
  const wanted = new Set<string>();
  for (const d of [...ctx.desired.users].sort((a, b) => byString(a.userName, b.userName))) {
    wanted.add(d.userName);
    const key = principalKey({ type: 'user', name: d.userName });
    const address = formatAddress({ kind: 'user', userName: d.userName });
    const current = liveUsers.get(d.userName);
    const after = desiredUserAttributes(d, current);
    if (!current) {
      outcome.refs.set(key, { type: 'user', name: d.userName, id: null });
      ctx.actions.push({
        id: actionId(address, 'create'),
        type: 'user',
        kind: 'create',
        address,
        user: { userName: d.userName, id: null },
        reason: { code: 'missing', message: `user ${d.userName} does not exist` },
        risk: fixedRisk('user', 'create'),
        before: null,
        after,
      });
      continue;
    }
    const before = liveUserAttributes(current);
    const changes = USER_ATTRIBUTES.filter((a) => before[a] !== after[a]);
    if (changes.length === 0) continue;
    ctx.actions.push({
      id: actionId(address, 'update'),
      type: 'user',
      kind: 'update',
      address,
      user: { userName: d.userName, id: current.id },
      changes,
      reason: { code: 'changed', message: `differs from the config: ${changes.join(', ')}` },
      risk: fixedRisk('user', 'update'),
      before,
      after,
    });
  }
  for (const u of [...liveUsers.values()].sort((a, b) => byString(a.userName, b.userName))) {
    if (wanted.has(u.userName)) continue;
    const key = principalKey({ type: 'user', name: u.userName });
    const address = formatAddress({ kind: 'user', userName: u.userName });
    if (!ctx.prune) {
      if (!outcome.named.has(key)) {
        ctx.drift.push({
          code: 'unmanaged',
          address,
          message: `user ${u.userName} is not in the config (--prune deletes it)`,
        });
      }
      continue;
    }
    outcome.deleted.add(key);
    ctx.actions.push({
      id: actionId(address, 'delete'),
      type: 'user',
      kind: 'delete',
      address,
      user: { userName: u.userName, id: u.id },
      reason: { code: 'prune', message: `user ${u.userName} is not in the config (--prune)` },
      risk: fixedRisk('user', 'delete'),
      before: liveUserAttributes(u),
      after: null,
    });
  }
}

function diffGroups(ctx: DiffContext, outcome: PrincipalOutcome, liveGroups: Map<string, IdentityStoreGroup>): void {
  const wanted = new Set<string>();
  for (const d of [...ctx.desired.groups].sort((a, b) => byString(a.name, b.name))) {
    wanted.add(d.name);
    const key = principalKey({ type: 'group', name: d.name });
    const address = formatAddress({ kind: 'group', name: d.name });
    const after = { displayName: d.name, description: d.description ?? null };
    const current = liveGroups.get(d.name);
    if (!current) {
      outcome.refs.set(key, { type: 'group', name: d.name, id: null });
      ctx.actions.push({
        id: actionId(address, 'create'),
        type: 'group',
        kind: 'create',
        address,
        group: { name: d.name, id: null },
        reason: { code: 'missing', message: `group ${d.name} does not exist` },
        risk: fixedRisk('group', 'create'),
        before: null,
        after,
      });
      continue;
    }
    const before = { displayName: current.displayName, description: current.description ?? null };
    if (before.description === after.description) continue;
    ctx.actions.push({
      id: actionId(address, 'update'),
      type: 'group',
      kind: 'update',
      address,
      group: { name: d.name, id: current.id },
      reason: { code: 'changed', message: 'differs from the config: description' },
      risk: fixedRisk('group', 'update'),
      before,
      after,
    });
  }
  for (const g of [...liveGroups.values()].sort((a, b) => byString(a.displayName, b.displayName))) {
    if (wanted.has(g.displayName)) continue;
    const key = principalKey({ type: 'group', name: g.displayName });
    const address = formatAddress({ kind: 'group', name: g.displayName });
    if (!ctx.prune) {
      if (!outcome.named.has(key)) {
        ctx.drift.push({
          code: 'unmanaged',
          address,
          message: `group ${g.displayName} is not in the config (--prune deletes it)`,
        });
      }
      continue;
    }
    outcome.deleted.add(key);
    ctx.actions.push({
      id: actionId(address, 'delete'),
      type: 'group',
      kind: 'delete',
      address,
      group: { name: g.displayName, id: g.id },
      reason: { code: 'prune', message: `group ${g.displayName} is not in the config (--prune)` },
      risk: fixedRisk('group', 'delete'),
      before: { displayName: g.displayName, description: g.description ?? null },
      after: null,
    });
  }
}

function diffMemberships(ctx: DiffContext, outcome: PrincipalOutcome, userNameByKey: Map<string, string>): void {
  const { facts } = ctx;
  const userNameById = new Map(facts.users.map((u) => [u.id, u.userName]));
  const groupNameById = new Map(facts.groups.map((g) => [g.id, g.displayName]));
  const managedGroups = new Set(ctx.desired.groups.map((g) => g.name));
  const pair = (group: string, userName: string) => `${group}\u0000${userName}`;

  const wanted = new Map<string, { group: string; userName: string }>();
  for (const g of ctx.desired.groups) {
    for (const member of g.members) {
      const userName = userNameByKey.get(member) ?? member;
      wanted.set(pair(g.name, userName), { group: g.name, userName });
    }
  }

  const live = new Set<string>();
  const deletions: { m: GroupMembership; group: string; userName: string }[] = [];
  for (const m of facts.memberships) {
    const group = groupNameById.get(m.groupId);
    const userName = userNameById.get(m.userId);
    if (group === undefined || userName === undefined) continue;
    live.add(pair(group, userName));
    if (wanted.has(pair(group, userName))) continue;
    if (!managedGroups.has(group) && !ctx.prune) continue;
    deletions.push({ m, group, userName });
  }
  deletions.sort((a, b) => byString(pair(a.group, a.userName), pair(b.group, b.userName)));
  for (const { m, group, userName } of deletions) {
    const address = formatAddress({ kind: 'membership', group, userName });
    ctx.actions.push({
      id: actionId(address, 'delete'),
      type: 'membership',
      kind: 'delete',
      address,
      membershipId: m.membershipId,
      group: { name: group, id: m.groupId },
      user: { userName, id: m.userId },
      reason: managedGroups.has(group)
        ? { code: 'not-in-config', message: `${userName} is not a member of ${group} in the config` }
        : { code: 'prune', message: `group ${group} is not in the config (--prune)` },
      risk: fixedRisk('membership', 'delete'),
      before: { group, userName },
      after: null,
    });
  }

  const creations = [...wanted.entries()].filter(([k]) => !live.has(k)).sort(([a], [b]) => byString(a, b));
  for (const [, { group, userName }] of creations) {
    const address = formatAddress({ kind: 'membership', group, userName });
    const groupRef = outcome.refs.get(principalKey({ type: 'group', name: group }));
    const userRef = outcome.refs.get(principalKey({ type: 'user', name: userName }));
    ctx.actions.push({
      id: actionId(address, 'create'),
      type: 'membership',
      kind: 'create',
      address,
      group: { name: group, id: groupRef?.id ?? null },
      user: { userName, id: userRef?.id ?? null },
      reason: { code: 'missing', message: `${userName} is a member of ${group} in the config` },
      risk: fixedRisk('membership', 'create'),
      before: null,
      after: { group, userName },
    });
  }
}
