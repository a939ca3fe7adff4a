/**
 * @module The fact registry: one reader per fact id of `snapshot.ts`, checked complete by the type
 * (`{ [K in FactId]: FactReader<K> }`), in the order the policy and docs list them.
 */

import type { FactReader } from '../fact.js';
import type { AccountFactId, FactId, OrgFactId } from '../snapshot.js';
import { accountAlternateContacts } from './account-alternate-contacts.js';
import { iamAccountSummary } from './iam-account-summary.js';
import { iamConsoleAccess } from './iam-console-access.js';
import { iamCredentialReport } from './iam-credential-report.js';
import { iamOrganizationsFeatures } from './iam-organizations-features.js';
import { iamPasswordPolicy } from './iam-password-policy.js';
import { iamUserPolicies } from './iam-user-policies.js';
import { iamVirtualMfaDevices } from './iam-virtual-mfa-devices.js';
import { identityCenterAssignments } from './identity-center-assignments.js';
import { identityCenterInstance } from './identity-center-instance.js';
import { identityCenterPermissionSets } from './identity-center-permission-sets.js';
import { identityCenterProvisioning } from './identity-center-provisioning.js';
import { identityStoreGroups } from './identity-store-groups.js';
import { identityStoreMemberships } from './identity-store-memberships.js';
import { identityStoreUsers } from './identity-store-users.js';
import { organizationsAccountTags } from './organizations-account-tags.js';
import { organizationsCallerLocation } from './organizations-caller-location.js';
import { organizationsOrganization } from './organizations-organization.js';
import { organizationsServiceAccess } from './organizations-service-access.js';
import { organizationsTree } from './organizations-tree.js';
import { stsCallerIdentity } from './sts-caller-identity.js';

export const FACT_READERS: { readonly [K in FactId]: FactReader<K> } = {
  'sts.caller-identity': stsCallerIdentity,
  'organizations.organization': organizationsOrganization,
  'organizations.tree': organizationsTree,
  'organizations.account-tags': organizationsAccountTags,
  'organizations.service-access': organizationsServiceAccess,
  'organizations.caller-location': organizationsCallerLocation,
  'iam.organizations-features': iamOrganizationsFeatures,
  'identity-center.instance': identityCenterInstance,
  'identity-center.permission-sets': identityCenterPermissionSets,
  'identity-center.provisioning': identityCenterProvisioning,
  'identity-center.assignments': identityCenterAssignments,
  'identity-store.users': identityStoreUsers,
  'identity-store.groups': identityStoreGroups,
  'identity-store.memberships': identityStoreMemberships,
  'iam.account-summary': iamAccountSummary,
  'iam.credential-report': iamCredentialReport,
  'iam.virtual-mfa-devices': iamVirtualMfaDevices,
  'iam.password-policy': iamPasswordPolicy,
  'iam.user-policies': iamUserPolicies,
  'iam.console-access': iamConsoleAccess,
  'account.alternate-contacts': accountAlternateContacts,
};

export const ALL_FACT_IDS: readonly FactId[] = Object.keys(FACT_READERS) as FactId[];

export function factReader<K extends FactId>(id: K): FactReader<K> {
  const reader = FACT_READERS[id] as FactReader<K> | undefined;
  if (!reader) throw new Error(`unknown fact id ${id}`);
  return reader;
}

export function isFactId(id: string): id is FactId {
  return Object.hasOwn(FACT_READERS, id);
}

export function isOrgFact(id: FactId): id is OrgFactId {
  return FACT_READERS[id].scope === 'organization';
}

export function isAccountFact(id: FactId): id is AccountFactId {
  return FACT_READERS[id].scope === 'account';
}

/** The facts `ids` need, transitively, plus `ids` themselves, in dependency order (needs first). */
export function withNeeds(ids: readonly FactId[]): FactId[] {
  const ordered: FactId[] = [];
  const seen = new Set<FactId>();
  const visit = (id: FactId) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const need of FACT_READERS[id].needs ?? []) visit(need);
    ordered.push(id);
  };
  for (const id of ids) visit(id);
  return ordered;
}

/** Every IAM action the readers of `ids` (and what they need) may call, sorted and unique. */
export function iamActionsFor(ids: readonly FactId[] = ALL_FACT_IDS): string[] {
  return [...new Set(withNeeds(ids).flatMap((id) => FACT_READERS[id].iamActions))].sort();
}
