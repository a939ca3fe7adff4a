/**
 * @module The centralized-root judgement (checks.md "Root user", prior-art.md §2.2): once an
 * organization manages member-account root credentials centrally and a member account's root has no
 * password, no access keys and no MFA, there is nothing left to secure on that root user, so root
 * findings for it are `skipped` with that reason instead of `fail`. The management account's root is
 * never skipped this way (centralized root access does not cover it).
 */

import type { AccountId } from '../model/types.js';
import { accountFact, orgFact, type Snapshot } from '../observe/snapshot.js';
import { ROOT_ROW_USER } from './credential-report.js';

/**
 * The reason to skip root findings for `accountId`, or undefined when they must be evaluated. Every
 * piece of evidence must be read successfully and agree; anything unknown means "evaluate normally".
 */
export function centrallyRemovedRootReason(snapshot: Snapshot, accountId: AccountId): string | undefined {
  const org = orgFact(snapshot, 'organizations.organization');
  if (org?.status !== 'ok' || org.value.managementAccountId === accountId) return undefined;
  const features = orgFact(snapshot, 'iam.organizations-features');
  if (features?.status !== 'ok' || !features.value.enabledFeatures.includes('RootCredentialsManagement')) {
    return undefined;
  }
  const summary = accountFact(snapshot, accountId, 'iam.account-summary');
  if (summary?.status !== 'ok') return undefined;
  const flags = summary.value;
  if (flags.AccountMFAEnabled !== 0 || flags.AccountAccessKeysPresent !== 0) return undefined;
  if (flags.AccountSigningCertificatesPresent === 1) return undefined;
  if (flags.AccountPasswordPresent !== 0) {
    // Older summaries lack AccountPasswordPresent: accept the credential report's root row instead.
    if (flags.AccountPasswordPresent !== undefined) return undefined;
    const report = accountFact(snapshot, accountId, 'iam.credential-report');
    const row = report?.status === 'ok' ? report.value.rows.find((r) => r.user === ROOT_ROW_USER) : undefined;
    if (row?.passwordEnabled !== false) return undefined;
  }
  return `member account ${accountId}'s root credentials are managed centrally (RootCredentialsManagement is enabled for organization ${org.value.id}) and its root user has no password, access keys or MFA: nothing to secure`;
}
