/**
 * @module The check catalogue: an explicit, ordered registry (no discovery; a test asserts it matches
 * the files under src/checks/<area>/), lookup, selection by id or area prefix, and the facts a
 * selection needs.
 */

import { UsageError } from '../errors.js';
import type { FactId } from '../observe/snapshot.js';
import { accountContactDetails } from './account/contact-details.js';
import { accountSecurityContact } from './account/security-contact.js';
import { CHECK_AREAS, type Check } from './define-check.js';
import { FACT_IDS } from './fact-ids.js';
import { iamAccessKeyRotation } from './iam/access-key-rotation.js';
import { iamConsoleUsersMfa } from './iam/console-users-mfa.js';
import { iamNoConsoleUsers } from './iam/no-console-users.js';
import { iamNoUserPolicies } from './iam/no-user-policies.js';
import { iamOneActiveKey } from './iam/one-active-key.js';
import { iamPasswordPolicy } from './iam/password-policy.js';
import { iamUnusedCredentials } from './iam/unused-credentials.js';
import { identityCenterAdminThroughGroups } from './identity-center/admin-through-groups.js';
import { identityCenterApiUsersGetInvitation } from './identity-center/api-users-get-invitation.js';
import { identityCenterBaselinePermissionSets } from './identity-center/baseline-permission-sets.js';
import { identityCenterEnabled } from './identity-center/enabled.js';
import { identityCenterEncryption } from './identity-center/encryption.js';
import { identityCenterFewAdmins } from './identity-center/few-admins.js';
import { identityCenterMatchesConfig } from './identity-center/matches-config.js';
import { identityCenterMfaRequired } from './identity-center/mfa-required.js';
import { identityCenterNoUnusedPermissionSets } from './identity-center/no-unused-permission-sets.js';
import { identityCenterOrganizationInstance } from './identity-center/organization-instance.js';
import { identityCenterProvisioned } from './identity-center/provisioned.js';
import { identityCenterRegion } from './identity-center/region.js';
import { identityCenterSessionDuration } from './identity-center/session-duration.js';
import { organizationAllFeatures } from './organization/all-features.js';
import { organizationExists } from './organization/exists.js';
import { rootCentralizedManagement } from './root/centralized-management.js';
import { rootHardwareMfa } from './root/hardware-mfa.js';
import { rootMfaEnabled } from './root/mfa-enabled.js';
import { rootNoAccessKeys } from './root/no-access-keys.js';
import { rootNoSigningCertificates } from './root/no-signing-certificates.js';
import { rootNotUsed } from './root/not-used.js';
import { closest } from './suggest.js';

/** Every check, in report order (checks.md order: root, account, organization, identity-center, iam). */
export const catalog: readonly Check[] = Object.freeze([
  rootMfaEnabled,
  rootHardwareMfa,
  rootNoAccessKeys,
  rootNotUsed,
  rootNoSigningCertificates,
  rootCentralizedManagement,
  accountSecurityContact,
  accountContactDetails,
  organizationExists,
  organizationAllFeatures,
  identityCenterEnabled,
  identityCenterOrganizationInstance,
  identityCenterRegion,
  identityCenterEncryption,
  identityCenterMfaRequired,
  identityCenterApiUsersGetInvitation,
  identityCenterBaselinePermissionSets,
  identityCenterSessionDuration,
  identityCenterAdminThroughGroups,
  identityCenterFewAdmins,
  identityCenterProvisioned,
  identityCenterNoUnusedPermissionSets,
  identityCenterMatchesConfig,
  iamNoConsoleUsers,
  iamConsoleUsersMfa,
  iamUnusedCredentials,
  iamAccessKeyRotation,
  iamOneActiveKey,
  iamPasswordPolicy,
  iamNoUserPolicies,
]);

const byId = new Map(catalog.map((c) => [c.id, c]));

export function findCheck(id: string): Check | undefined {
  return byId.get(id);
}

/** Every check id, in catalogue order. */
export function checkIds(): string[] {
  return catalog.map((c) => c.id);
}

/**
 * The checks a selection names, in catalogue order, each once. A selector is a check id
 * (`root.mfa-enabled`) or an area, with or without the dot (`root.`, `identity-center`).
 * No selectors (or an empty list) means every check.
 *
 * @throws UsageError for a selector that matches nothing, with "did you mean" hints.
 */
export function selectChecks(selectors?: readonly string[]): Check[] {
  if (!selectors || selectors.length === 0) return [...catalog];
  const chosen = new Set<Check>();
  for (const raw of selectors) {
    const selector = raw.trim();
    const area = selector.endsWith('.') ? selector.slice(0, -1) : selector;
    if ((CHECK_AREAS as readonly string[]).includes(area) && (selector.endsWith('.') || !byId.has(selector))) {
      for (const c of catalog) if (c.area === area) chosen.add(c);
      continue;
    }
    const check = byId.get(selector);
    if (!check) throw unknownCheckError(selector);
    chosen.add(check);
  }
  return catalog.filter((c) => chosen.has(c));
}

/** The UsageError for an unknown check id, with the closest ids as hints. */
export function unknownCheckError(id: string): UsageError {
  const suggestions = closest(id, [...checkIds(), ...CHECK_AREAS.map((a) => `${a}.`)]);
  const hints = [
    ...(suggestions.length > 0 ? [`did you mean ${suggestions.join(' or ')}?`] : []),
    `check ids look like root.mfa-enabled; areas: ${CHECK_AREAS.join(', ')} (docs/checks/README.md lists them all)`,
  ];
  return new UsageError(`unknown check "${id}"`, { hints });
}

/**
 * The facts the collector must read for these checks (ids or area prefixes; default: all): every
 * required and optionally-read fact, each once, in the stable order of `FACT_IDS`.
 */
export function requiredFacts(selectors?: readonly string[]): FactId[] {
  const needed = new Set<FactId>();
  for (const check of selectChecks(selectors)) {
    for (const id of [...check.requires, ...check.alsoReads]) needed.add(id);
  }
  return FACT_IDS.filter((id) => needed.has(id));
}
