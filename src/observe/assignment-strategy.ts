/**
 * @module How to read every account assignment with the fewest sso-admin calls (scale.md §3.6, §4.2,
 * §5). Pure: decides from counts already known.
 *
 * - Principal scan: ListAccountAssignmentsForPrincipal for every group and every user:
 *   G + U + N/100 calls, independent of accounts × permission sets. Needs the principal lists.
 * - Provisioned-pair scan: per permission set ListAccountsForProvisionedPermissionSet
 *   (P·⌈A/100⌉ calls, "phase 1"), then ListAccountAssignments per provisioned (account, PS) pair
 *   (K_prov calls + overflow). Sees every principal, including ones no longer in the store.
 *
 * Both pay the same N/100 overflow, so the rule compares the rest:
 * 0. Not signed in to the management account (a delegated administrator, or unknown) → pair scan:
 *    ListAccountAssignmentsForPrincipal "must be called from the management account" (sso-admin API
 *    reference), and AWS refuses it elsewhere.
 * 1. Principals unknown (identity store not readable) → pair scan, the only option.
 * 2. K_prov known (phase 1 already read, e.g. for the provisioning fact) → principal scan iff
 *    G + U < K_prov; a tie goes to the pair scan because it also sees orphaned principals.
 * 3. K_prov unknown: phase 1 alone costs at least P·⌈A/100⌉ (P when A is unknown), so when
 *    G + U ≤ that the principal scan wins outright; otherwise read phase 1 (which costs less than
 *    G + U) to learn K_prov and apply rule 2. The worst case costs phase 1 more than the optimum,
 *    which rule 3 bounds by G + U.
 */

export interface AssignmentCounts {
  /** Groups and users in the identity store; undefined when they could not be read. */
  groups?: number;
  users?: number;
  permissionSets: number;
  /** Accounts in the organization, when known. */
  accounts?: number;
  /** Provisioned (account, permission set) pairs, when phase 1 has been read. */
  provisionedPairs?: number;
  /**
   * false: the caller is not known to be the management account, the only place the principal scan
   * works. The fact reader always says; absent (pure cost comparisons) counts as the management account.
   */
  fromManagementAccount?: boolean;
}

export type AssignmentDecision =
  | { strategy: 'principal-scan' | 'pair-scan'; reason: string; principalCalls?: number; pairCalls?: number }
  | { strategy: 'count-provisioned-pairs'; reason: string };

export function chooseAssignmentStrategy(c: AssignmentCounts): AssignmentDecision {
  if (c.fromManagementAccount === false) {
    return {
      strategy: 'pair-scan',
      reason:
        'ListAccountAssignmentsForPrincipal works only from the management account, and this is not (known to be) it',
    };
  }
  if (c.groups === undefined || c.users === undefined) {
    return { strategy: 'pair-scan', reason: 'the identity store could not be read, so principals are unknown' };
  }
  const principalCalls = c.groups + c.users;
  const phaseOne = c.permissionSets * Math.ceil(Math.max(1, c.accounts ?? 1) / 100);
  if (c.provisionedPairs !== undefined) {
    const pairCalls = c.provisionedPairs;
    return principalCalls < pairCalls
      ? {
          strategy: 'principal-scan',
          reason: `${principalCalls} principals < ${pairCalls} provisioned pairs`,
          principalCalls,
          pairCalls,
        }
      : {
          strategy: 'pair-scan',
          reason: `${pairCalls} provisioned pairs ≤ ${principalCalls} principals`,
          principalCalls,
          pairCalls,
        };
  }
  if (principalCalls <= phaseOne) {
    return {
      strategy: 'principal-scan',
      reason: `${principalCalls} principals ≤ ${phaseOne} calls to find the provisioned pairs`,
      principalCalls,
      pairCalls: phaseOne,
    };
  }
  return {
    strategy: 'count-provisioned-pairs',
    reason: `${principalCalls} principals > ${phaseOne}: reading the provisioned pairs decides`,
  };
}
