/** @module Every fact id of the Snapshot contract as runtime data, checked against the type for completeness. */

import type { AccountFactId, FactId, OrgFactId } from '../observe/snapshot.js';

export const ORG_FACT_IDS = [
  'sts.caller-identity',
  'organizations.organization',
  'organizations.tree',
  'organizations.account-tags',
  'organizations.service-access',
  'organizations.caller-location',
  'iam.organizations-features',
  'identity-center.instance',
  'identity-center.permission-sets',
  'identity-center.provisioning',
  'identity-center.assignments',
  'identity-store.users',
  'identity-store.groups',
  'identity-store.memberships',
] as const satisfies readonly OrgFactId[];

export const ACCOUNT_FACT_IDS = [
  'iam.account-summary',
  'iam.credential-report',
  'iam.virtual-mfa-devices',
  'iam.password-policy',
  'iam.user-policies',
  'iam.console-access',
  'account.alternate-contacts',
] as const satisfies readonly AccountFactId[];

// A fact id added to snapshot.ts but not listed above fails to compile here.
type MissingOrg = Exclude<OrgFactId, (typeof ORG_FACT_IDS)[number]>;
type MissingAccount = Exclude<AccountFactId, (typeof ACCOUNT_FACT_IDS)[number]>;
const complete: [MissingOrg, MissingAccount] extends [never, never] ? true : false = true;
void complete;

/** All fact ids, organization facts first; the order `requiredFacts` returns them in. */
export const FACT_IDS: readonly FactId[] = [...ORG_FACT_IDS, ...ACCOUNT_FACT_IDS];

export function isFactId(value: string): value is FactId {
  return (FACT_IDS as readonly string[]).includes(value);
}

export function isAccountFactId(id: FactId): id is AccountFactId {
  return (ACCOUNT_FACT_IDS as readonly string[]).includes(id);
}
