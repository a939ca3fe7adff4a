/**
 * @module The config access view: what the config grants once applied — every rule expanded exactly
 * as the plan expands it (src/plan/targets.ts) against the live organization. Pure.
 */

import { grantsAdministratorAccess } from '../checks/admin-access.js';
import { ConfigError, type Diagnostic } from '../errors.js';
import { requiredFact } from '../import/facts.js';
import type { DesiredPermissionSet, DesiredState } from '../model/desired.js';
import type { PermissionSetState } from '../model/types.js';
import { orgFact, type Snapshot } from '../observe/snapshot.js';
import { expandRule } from '../plan/targets.js';
import { type AccessEntry, type AccessUser, type AccessView, portalUrlOf } from './model.js';
import { accountFields, dedupe, liveDisplayName, orgContext, sortedUsers } from './view-context.js';

/** The config's permission set in the shape the admin-access helper reads. */
function asLiveShape(ps: DesiredPermissionSet): PermissionSetState {
  return {
    arn: '',
    name: ps.name,
    managedPolicies: ps.managedPolicies,
    customerManagedPolicies: ps.customerManagedPolicies,
    inlinePolicy: ps.inlinePolicy ? JSON.stringify(ps.inlinePolicy) : null,
    permissionsBoundary: ps.permissionsBoundary,
    tags: ps.tags,
  };
}

/**
 * What the config grants once applied: every rule expanded against the live organization by the
 * plan's own expansion. Members of groups come from the config (with an external identity source:
 * from the live identity store, which the IdP owns). Throws ConfigError when a rule does not resolve
 * (an unknown account or OU), as `gatehouse plan` would.
 */
export function computeConfigAccess(desired: DesiredState, snapshot: Snapshot): AccessView {
  const what = 'show access';
  const org = orgContext(snapshot, what);
  org.universe.aliases = desired.accountAliases;
  const external = desired.identityCenter.identitySource === 'external';
  const configFile = desired.file ?? 'gatehouse.yaml';

  const sets = new Map(desired.permissionSets.map((ps) => [ps.name, ps]));
  const admin = new Map([...sets].map(([name, ps]) => [name, grantsAdministratorAccess(asLiveShape(ps))]));
  const people = new Map<string, AccessUser>();
  const memberKeys = new Map<string, string[]>();
  for (const u of desired.users)
    people.set(u.key, { userName: u.userName, displayName: u.displayName, userKey: u.key });
  for (const g of desired.groups) memberKeys.set(g.name, [...g.members]);
  if (external) {
    const liveUsers = requiredFact(orgFact(snapshot, 'identity-store.users'), 'identity-store.users', () => [], what);
    const liveGroups = requiredFact(
      orgFact(snapshot, 'identity-store.groups'),
      'identity-store.groups',
      () => [],
      what,
    );
    const memberships = requiredFact(
      orgFact(snapshot, 'identity-store.memberships'),
      'identity-store.memberships',
      () => [],
      what,
    );
    const byId = new Map(liveUsers.map((u) => [u.id, u]));
    // The config's rules name users by key (= user name when the IdP owns them).
    const keyByUserName = new Map(desired.users.map((u) => [u.userName, u.key]));
    for (const u of liveUsers) {
      if (u.status === 'DISABLED') continue;
      const key = keyByUserName.get(u.userName) ?? u.userName;
      if (!people.has(key)) people.set(key, { userName: u.userName, displayName: liveDisplayName(u), userKey: key });
    }
    memberKeys.clear();
    for (const g of liveGroups) memberKeys.set(g.displayName, []);
    const groupName = new Map(liveGroups.map((g) => [g.id, g.displayName]));
    for (const m of memberships) {
      const user = byId.get(m.userId);
      const group = groupName.get(m.groupId);
      if (!user || group === undefined || user.status === 'DISABLED') continue;
      memberKeys.get(group)?.push(keyByUserName.get(user.userName) ?? user.userName);
    }
  }

  const errors: Diagnostic[] = [];
  const entries: AccessEntry[] = [];
  for (const rule of desired.assignments) {
    const expanded = expandRule(rule, org.universe, configFile);
    errors.push(...expanded.errors);
    const isAdmin = admin.get(rule.permissionSet) ?? false;
    const recipients: { key: string; group?: string }[] =
      rule.principal.type === 'user'
        ? [{ key: rule.principal.name }]
        : (memberKeys.get(rule.principal.name) ?? []).map((key) => ({ key, group: rule.principal.name }));
    for (const { key, group } of recipients) {
      const person = people.get(key);
      if (!person) continue;
      for (const accountId of expanded.resolution.accounts) {
        const entry: AccessEntry = {
          userName: person.userName,
          displayName: person.displayName,
          userKey: person.userKey,
          accountId,
          ...accountFields(org, accountId),
          permissionSet: rule.permissionSet,
          via: group === undefined ? 'direct' : 'group',
          admin: isAdmin,
        };
        if (group !== undefined) entry.group = group;
        entries.push(entry);
      }
    }
  }
  if (errors.length > 0) {
    throw new ConfigError(
      errors,
      `cannot show access: ${errors.length} problem(s) resolving the configuration against AWS`,
    );
  }
  const view: AccessView = {
    source: 'config',
    entries: dedupe(entries),
    users: sortedUsers([...people.values()]),
    externalIdentitySource: external,
    ssoSessionName: desired.profiles.sessionName,
  };
  const portalUrl = portalUrlOf(org.portalIdentityStoreId, desired.identityCenter.portalUrl);
  if (portalUrl) view.portalUrl = portalUrl;
  const region = org.region ?? desired.identityCenter.region;
  if (region) view.identityCenterRegion = region;
  return view;
}
