/**
 * @module What `gatehouse plan` + `gatehouse apply` need from IAM: the facts a plan can read (apply
 * re-observes before it changes anything) and every IAM action the handlers declare. The source of
 * `gatehouse permissions --for apply`.
 */

import type { FactId } from '../observe/snapshot.js';
import { HANDLERS } from './handlers/index.js';

/**
 * Every fact `requiredPlanFacts` can name, for any config (tag targets, centralized root access,
 * hardware root MFA and alternate contacts add theirs). A test keeps this in step with it.
 */
export const PLAN_FACT_IDS: readonly FactId[] = [
  'sts.caller-identity',
  'organizations.organization',
  'organizations.tree',
  'organizations.account-tags',
  'organizations.service-access',
  'iam.organizations-features',
  'identity-center.instance',
  'identity-center.permission-sets',
  'identity-center.provisioning',
  'identity-center.assignments',
  'identity-store.users',
  'identity-store.groups',
  'identity-store.memberships',
  'iam.account-summary',
  'iam.console-access',
  'iam.virtual-mfa-devices',
  'account.alternate-contacts',
];

/** The IAM actions the handlers may call (status polls and name lookups included); sorted, unique. */
export function applyIamActions(): string[] {
  const actions = new Set<string>();
  for (const handler of Object.values(HANDLERS)) for (const a of handler.iamActions) actions.add(a);
  return [...actions].sort();
}
