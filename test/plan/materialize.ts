/**
 * @module `materialize(desired, org)`: the snapshot a perfect apply of `desired` would leave — the
 * test oracle of the idempotence property (planning against it must give zero actions). Written
 * independently of src/plan (its own target expansion, its own attribute mapping) so that the
 * property checks the diff rather than agreeing with itself.
 */

import type { AccountTarget, DesiredState } from '../../src/model/desired.js';
import type {
  AccountAssignment,
  OrgAccount,
  OrganizationInfo,
  OrgTree,
  PermissionSetState,
  ProvisioningState,
} from '../../src/model/types.js';
import type { Snapshot } from '../../src/observe/snapshot.js';
import {
  groupId,
  INSTANCE,
  MGMT,
  membershipId,
  ORGANIZATION,
  psArn,
  snapshotOf,
  TAGS,
  TREE,
  userId,
} from './builders.js';

export interface OrgShape {
  /** null: a standalone account (MGMT) without an organization. */
  organization: OrganizationInfo | null;
  tree: OrgTree | null;
  tags: Record<string, Record<string, string>>;
}

export const STANDARD_ORG: OrgShape = { organization: ORGANIZATION, tree: TREE, tags: TAGS };
export const STANDALONE: OrgShape = { organization: null, tree: null, tags: {} };

function expand(desired: DesiredState, org: OrgShape, targets: AccountTarget[], excludes: AccountTarget[]): string[] {
  const management = org.organization?.managementAccountId ?? MGMT;
  const accounts: OrgAccount[] = org.tree?.accounts ?? [
    { id: MGMT, name: '', email: '', state: 'ACTIVE', parentId: '', ouPath: '/' },
  ];
  const matches = (t: AccountTarget): { ids: string[]; pattern: boolean } => {
    switch (t.kind) {
      case 'id':
        return { ids: [t.id], pattern: false };
      case 'name':
        if (t.name === 'management') return { ids: [management], pattern: false };
        if (desired.accountAliases[t.name]) return { ids: [desired.accountAliases[t.name]!], pattern: false };
        return { ids: accounts.filter((a) => a.name === t.name).map((a) => a.id), pattern: false };
      case 'ou': {
        const p = t.path.length > 1 && t.path.endsWith('/') ? t.path.slice(0, -1) : t.path;
        return {
          ids: accounts.filter((a) => p === '/' || a.ouPath === p || a.ouPath.startsWith(`${p}/`)).map((a) => a.id),
          pattern: true,
        };
      }
      case 'ouId': {
        const parentOf = new Map((org.tree?.ous ?? []).map((o) => [o.id, o.parentId]));
        const under = (a: OrgAccount): boolean => {
          for (let p: string | undefined = a.parentId; p !== undefined; p = parentOf.get(p))
            if (p === t.id) return true;
          return false;
        };
        return { ids: accounts.filter(under).map((a) => a.id), pattern: true };
      }
      case 'tag':
        return { ids: accounts.filter((a) => org.tags[a.id]?.[t.key] === t.value).map((a) => a.id), pattern: true };
      case 'all':
        return { ids: accounts.map((a) => a.id), pattern: true };
    }
  };
  const state = new Map(accounts.map((a) => [a.id, a.state]));
  const result = new Set<string>();
  for (const t of targets) {
    const m = matches(t);
    for (const id of m.ids) {
      if (!m.pattern || (id !== management && state.get(id) === 'ACTIVE')) result.add(id);
    }
  }
  for (const t of excludes) for (const id of matches(t).ids) result.delete(id);
  return [...result];
}

/** The live state after a perfect apply of `desired` in `org`. */
export function materialize(desired: DesiredState, org: OrgShape = STANDARD_ORG): Snapshot {
  const userNameOf = new Map(desired.users.map((u) => [u.key, u.userName]));
  const external = desired.identityCenter.identitySource === 'external';
  const externalIds = (id: string) => (external ? { externalIds: [{ issuer: 'https://idp.example.com', id }] } : {});

  const permissionSets: PermissionSetState[] = desired.permissionSets.map((d) => {
    const state: PermissionSetState = {
      arn: psArn(d.name),
      name: d.name,
      sessionDuration: d.sessionDuration,
      managedPolicies: [...d.managedPolicies].reverse(),
      customerManagedPolicies: d.customerManagedPolicies.map((c) => ({ ...c })),
      // AWS returns the document as stored: formatting and key order are not ours.
      inlinePolicy: d.inlinePolicy ? JSON.stringify(d.inlinePolicy, null, 4) : null,
      permissionsBoundary: d.permissionsBoundary,
      tags: d.managed ? { ...d.tags, 'managed-by': 'gatehouse' } : { ...d.tags },
      createdDate: '2026-02-03T04:05:06.000Z',
    };
    if (d.description !== undefined) state.description = d.description;
    if (d.relayState !== undefined) state.relayState = d.relayState;
    return state;
  });

  const assignments: AccountAssignment[] = [];
  const seen = new Set<string>();
  for (const r of desired.assignments) {
    const name =
      r.principal.type === 'user' ? (userNameOf.get(r.principal.name) ?? r.principal.name) : r.principal.name;
    for (const accountId of expand(desired, org, r.targets, r.exclude)) {
      const key = `${r.permissionSet}|${r.principal.type}|${name}|${accountId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      assignments.push({
        accountId,
        permissionSetArn: psArn(r.permissionSet),
        principalType: r.principal.type === 'user' ? 'USER' : 'GROUP',
        principalId: r.principal.type === 'user' ? userId(name) : groupId(name),
      });
    }
  }
  const provisioning: ProvisioningState[] = permissionSets
    .map((ps) => ({
      permissionSetArn: ps.arn,
      accounts: [...new Set(assignments.filter((a) => a.permissionSetArn === ps.arn).map((a) => a.accountId))],
      outdated: [],
    }))
    .filter((p) => p.accounts.length > 0);

  const encryption = desired.identityCenter.encryption;
  const centralized = desired.root.centralizedManagement && org.organization !== null;
  return snapshotOf({
    organization: org.organization,
    ...(org.tree ? { tree: org.tree } : {}),
    accountTags: org.tags,
    serviceAccess: centralized ? ['iam.amazonaws.com', 'sso.amazonaws.com'] : ['sso.amazonaws.com'],
    rootFeatures: centralized ? ['RootCredentialsManagement', 'RootSessions'] : [],
    instance: {
      ...INSTANCE,
      ownerAccountId: org.organization?.managementAccountId ?? MGMT,
      encryption:
        encryption.keyType === 'CUSTOMER_MANAGED_KEY'
          ? { keyType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: encryption.kmsKeyArn, status: 'ENABLED' }
          : { keyType: 'AWS_OWNED_KMS_KEY', status: 'ENABLED' },
    },
    permissionSets,
    provisioning,
    assignments,
    users: desired.users.map((u) => ({
      id: userId(u.userName),
      userName: u.userName,
      displayName: u.displayName,
      givenName: u.givenName,
      familyName: u.familyName,
      email: u.email,
      status: 'ENABLED' as const,
      ...externalIds(u.userName),
    })),
    groups: desired.groups.map((g) => ({
      id: groupId(g.name),
      displayName: g.name,
      ...(g.description !== undefined ? { description: g.description } : {}),
      ...externalIds(g.name),
    })),
    memberships: desired.groups.flatMap((g) =>
      g.members.map((m) => {
        const userName = userNameOf.get(m) ?? m;
        return { membershipId: membershipId(g.name, userName), groupId: groupId(g.name), userId: userId(userName) };
      }),
    ),
    accountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 3 },
    virtualMfaDevices: [],
    contacts: { ...desired.contacts },
  });
}
