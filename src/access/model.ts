/** @module The access view: who can reach which account with which permission set, and through which group. */

import type { AccountState } from '../model/types.js';

/** One way one person reaches one account with one permission set. */
export interface AccessEntry {
  /** Identity Store user name (what the person signs in with). */
  userName: string;
  displayName: string;
  /** The key under `users:` in config mode; the user name otherwise. */
  userKey: string;
  accountId: string;
  /** The account's name (the id for a standalone account without one). */
  accountName: string;
  accountState: AccountState;
  permissionSet: string;
  /** `direct`: assigned to the user; `group`: assigned to `group`, of which the user is a member. */
  via: 'direct' | 'group';
  group?: string;
  /** The permission set could grant administrator access, as src/policy/admin.ts defines it. */
  admin: boolean;
}

export interface AccessUser {
  userName: string;
  displayName: string;
  userKey: string;
}

export interface AccessView {
  /** `live`: what AWS grants now; `config`: what the config grants once applied. */
  source: 'live' | 'config';
  /** Sorted: user name, account name, account id, permission set, direct before groups, group. */
  entries: AccessEntry[];
  /** Every known person (with or without access), sorted by user name. */
  users: AccessUser[];
  /** The access-portal URL, when an Identity Center instance exists. */
  portalUrl?: string;
  identityCenterRegion?: string;
  /** Users and groups come from an external identity provider (SCIM). */
  externalIdentitySource: boolean;
  /** Name of the `[sso-session …]` section profiles use. */
  ssoSessionName: string;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compareEntries(a: AccessEntry, b: AccessEntry): number {
  return (
    byString(a.userName, b.userName) ||
    byString(a.accountName, b.accountName) ||
    byString(a.accountId, b.accountId) ||
    byString(a.permissionSet, b.permissionSet) ||
    (a.via === b.via ? 0 : a.via === 'direct' ? -1 : 1) ||
    byString(a.group ?? '', b.group ?? '')
  );
}

/** The portal URL: the config's custom one, else AWS's default for the identity store. */
export function portalUrlOf(identityStoreId: string | undefined, custom?: string): string | undefined {
  if (custom) return custom;
  return identityStoreId ? `https://${identityStoreId}.awsapps.com/start` : undefined;
}
