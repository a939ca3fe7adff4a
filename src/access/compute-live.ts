/**
 * @module The live access view: what AWS grants now, from the snapshot's assignments expanded
 * through group memberships. Pure.
 */

import { grantsAdministratorAccess } from '../checks/admin-access.js';
import { requiredFact } from '../import/facts.js';
import type { IdentityStoreGroup, IdentityStoreUser, PermissionSetState } from '../model/types.js';
import { orgFact, type Snapshot } from '../observe/snapshot.js';
import { type AccessEntry, type AccessView, portalUrlOf } from './model.js';
import {
  accountFields,
  DEFAULT_SSO_SESSION,
  dedupe,
  liveDisplayName,
  liveMembers,
  orgContext,
  sortedUsers,
} from './view-context.js';

/**
 * What AWS grants now. Disabled users are left out (they cannot sign in); assignments whose
 * permission set or principal no longer exists (orphans) grant nothing and are left out too.
 */
export function computeLiveAccess(
  snapshot: Snapshot,
  options: { ssoSessionName?: string; portalUrl?: string } = {},
): AccessView {
  const what = 'show access';
  const org = orgContext(snapshot, what);
  const hasInstance = org.portalIdentityStoreId !== undefined;
  const none = () => [];
  const fact = <
    K extends
      | 'identity-center.permission-sets'
      | 'identity-center.assignments'
      | 'identity-store.users'
      | 'identity-store.groups'
      | 'identity-store.memberships',
  >(
    id: K,
  ) => (hasInstance ? requiredFact(orgFact(snapshot, id), id, none, what) : []);
  const permissionSets = fact('identity-center.permission-sets') as PermissionSetState[];
  const assignments = fact('identity-center.assignments');
  const users = (fact('identity-store.users') as IdentityStoreUser[]).filter((u) => u.status !== 'DISABLED');
  const groups = fact('identity-store.groups') as IdentityStoreGroup[];
  const members = liveMembers(users, fact('identity-store.memberships'));
  const psByArn = new Map(permissionSets.map((ps) => [ps.arn, ps]));
  // Judged once per set: a large organization has many entries per set.
  const adminByArn = new Map(permissionSets.map((ps) => [ps.arn, grantsAdministratorAccess(ps)]));
  const userById = new Map(users.map((u) => [u.id, u]));
  const groupById = new Map(groups.map((g) => [g.id, g]));

  const entries: AccessEntry[] = [];
  const add = (user: IdentityStoreUser, accountId: string, ps: PermissionSetState, group?: string) => {
    const entry: AccessEntry = {
      userName: user.userName,
      displayName: liveDisplayName(user),
      userKey: user.userName,
      accountId,
      ...accountFields(org, accountId),
      permissionSet: ps.name,
      via: group === undefined ? 'direct' : 'group',
      admin: adminByArn.get(ps.arn) === true,
    };
    if (group !== undefined) entry.group = group;
    entries.push(entry);
  };
  for (const a of assignments) {
    const ps = psByArn.get(a.permissionSetArn);
    if (!ps) continue;
    if (a.principalType === 'USER') {
      const user = userById.get(a.principalId);
      if (user) add(user, a.accountId, ps);
      continue;
    }
    const group = groupById.get(a.principalId);
    if (!group) continue;
    for (const user of members.get(group.id) ?? []) add(user, a.accountId, ps, group.displayName);
  }
  const view: AccessView = {
    source: 'live',
    entries: dedupe(entries),
    users: sortedUsers(
      users.map((u) => ({ userName: u.userName, displayName: liveDisplayName(u), userKey: u.userName })),
    ),
    externalIdentitySource: [...users, ...groups].some((p) => (p.externalIds?.length ?? 0) > 0),
    ssoSessionName: options.ssoSessionName ?? DEFAULT_SSO_SESSION,
  };
  const portalUrl = portalUrlOf(org.portalIdentityStoreId, options.portalUrl);
  if (portalUrl) view.portalUrl = portalUrl;
  if (org.region) view.identityCenterRegion = org.region;
  return view;
}
