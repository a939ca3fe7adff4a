/**
 * @module What both access views share: the facts each reads, the organization context (accounts,
 * OUs, tags, portal) taken out of a snapshot strictly, and the helpers that shape entries.
 */

import { AwsAccessError } from '../errors.js';
import { requiredFact } from '../import/facts.js';
import type { DesiredState } from '../model/desired.js';
import type { AccountState, IdentityStoreUser, OrgAccount } from '../model/types.js';
import { type OrgFactId, orgFact, type Snapshot } from '../observe/snapshot.js';
import { usesTagTargets } from '../plan/facts.js';
import type { AccountUniverse } from '../plan/targets.js';
import { type AccessEntry, type AccessUser, compareEntries } from './model.js';

/** Default name of the `[sso-session …]` section when no config names one. */
export const DEFAULT_SSO_SESSION = 'gatehouse';

const LIVE_FACTS: readonly OrgFactId[] = [
  'sts.caller-identity',
  'organizations.organization',
  'organizations.tree',
  'identity-center.instance',
  'identity-center.permission-sets',
  'identity-center.assignments',
  'identity-store.users',
  'identity-store.groups',
  'identity-store.memberships',
];

/** The facts the live view reads. */
export function liveAccessFacts(): OrgFactId[] {
  return [...LIVE_FACTS];
}

/** The facts the config view reads: the organization tree (and tags when rules use them), the instance, and the identity store when the IdP owns it. */
export function configAccessFacts(desired: DesiredState): OrgFactId[] {
  const facts: OrgFactId[] = [
    'sts.caller-identity',
    'organizations.organization',
    'organizations.tree',
    'identity-center.instance',
  ];
  if (usesTagTargets(desired)) facts.push('organizations.account-tags');
  if (desired.identityCenter.identitySource === 'external') {
    facts.push('identity-store.users', 'identity-store.groups', 'identity-store.memberships');
  }
  return facts;
}

export interface OrgContext {
  universe: AccountUniverse;
  byId: Map<string, OrgAccount>;
  portalIdentityStoreId?: string;
  region?: string;
}

export function orgContext(snapshot: Snapshot, what: string): OrgContext {
  const caller = requiredFact(
    orgFact(snapshot, 'sts.caller-identity'),
    'sts.caller-identity',
    (reason) => {
      throw new AwsAccessError('service', `cannot ${what}: sts.caller-identity is not available (${reason})`);
    },
    what,
  );
  const organization = requiredFact(
    orgFact(snapshot, 'organizations.organization'),
    'organizations.organization',
    () => null,
    what,
  );
  const tree = organization
    ? requiredFact(orgFact(snapshot, 'organizations.tree'), 'organizations.tree', () => null, what)
    : null;
  const tags = orgFact(snapshot, 'organizations.account-tags');
  const instance = requiredFact(
    orgFact(snapshot, 'identity-center.instance'),
    'identity-center.instance',
    () => ({
      instance: null,
      probedRegions: [],
    }),
    what,
  ).instance;
  const managementAccountId = organization?.managementAccountId ?? caller.accountId;
  const standalone: OrgAccount = {
    id: caller.accountId,
    name: caller.accountId,
    email: '',
    state: 'ACTIVE',
    parentId: '',
    ouPath: '/',
  };
  const accounts = tree?.accounts ?? [standalone];
  const context: OrgContext = {
    universe: {
      accounts,
      ous: tree?.ous ?? [],
      managementAccountId,
      tags: tags?.status === 'ok' ? tags.value : null,
      aliases: {},
      hasOrganization: tree !== null,
    },
    byId: new Map(accounts.map((a) => [a.id, a])),
  };
  if (instance) {
    context.portalIdentityStoreId = instance.identityStoreId;
    context.region = instance.region;
  }
  return context;
}

export function accountFields(org: OrgContext, accountId: string): { accountName: string; accountState: AccountState } {
  const account = org.byId.get(accountId);
  return { accountName: account?.name || accountId, accountState: account?.state ?? 'ACTIVE' };
}

export function sortedUsers(users: AccessUser[]): AccessUser[] {
  return users.sort((a, b) => (a.userName < b.userName ? -1 : a.userName > b.userName ? 1 : 0));
}

export function dedupe(entries: AccessEntry[]): AccessEntry[] {
  const seen = new Set<string>();
  return entries.sort(compareEntries).filter((e) => {
    const key = JSON.stringify([e.userName, e.accountId, e.permissionSet, e.via, e.group ?? '']);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function liveDisplayName(u: IdentityStoreUser): string {
  return u.displayName || [u.givenName, u.familyName].filter(Boolean).join(' ') || u.userName;
}

/** Group id → enabled member users, from the live identity store. */
export function liveMembers(users: IdentityStoreUser[], memberships: { groupId: string; userId: string }[]) {
  const byId = new Map(users.map((u) => [u.id, u]));
  const members = new Map<string, IdentityStoreUser[]>();
  for (const m of memberships) {
    const user = byId.get(m.userId);
    if (!user) continue;
    const list = members.get(m.groupId) ?? [];
    list.push(user);
    members.set(m.groupId, list);
  }
  return members;
}
