/**
 * @module Scoped assignment reads: what a plan must see of the organization's account assignments
 * (the config's footprint and what gatehouse owns), how to read exactly that with the fewest
 * sso-admin calls, and the scope a snapshot records so that the diff judges only inside it.
 * Pure: the reader in `facts/identity-center-assignments.ts` performs the reads it decides.
 */

import type { AccountAssignment, PrincipalType } from '../model/types.js';

/** What a caller (the plan) asks to see, in the config's names. */
export interface AssignmentReadRequest {
  /** Principals whose every assignment is needed (the ones the config names). */
  principals: { type: 'user' | 'group'; name: string }[];
  /** Permission sets the config names (by name; sets that do not exist yet cost nothing). */
  permissionSets: string[];
  /** Also every permission set tagged as managed by gatehouse (it may delete them and their assignments). */
  ownedSets: boolean;
  /** Read every assignment in the management account and the caller's (the lockout guard's admin paths). */
  adminAccounts: boolean;
  /**
   * Whether ListAccountAssignmentsForPrincipal may be used (default true). A caller that knows it is
   * unavailable (a delegated administrator account, for example) sets false: sets are read by pair.
   */
  principalScan?: boolean;
}

/**
 * What was read, recorded in the snapshot: every assignment held by one of `principals`, or of one of
 * `permissionSetArns`, or in one of `accounts`. An assignment outside all three was not read, so
 * nothing may be concluded about it.
 */
export interface AssignmentScope {
  principals: { type: PrincipalType; id: string }[];
  permissionSetArns: string[];
  accounts: string[];
}

/** Whether `a` lies inside `scope` (always true for a full read: no scope). */
export function inAssignmentScope(
  scope: AssignmentScope | undefined | null,
  a: Pick<AccountAssignment, 'accountId' | 'permissionSetArn' | 'principalId'>,
): boolean {
  if (!scope) return true;
  return (
    scope.accounts.includes(a.accountId) ||
    scope.permissionSetArns.includes(a.permissionSetArn) ||
    scope.principals.some((p) => p.id === a.principalId)
  );
}

/** The reads a scoped assignment read makes. */
export interface ScopedReadPlan {
  /** ListAccountAssignmentsForPrincipal for each. */
  principals: { type: PrincipalType; id: string }[];
  /** ListAccountsForProvisionedPermissionSet, then ListAccountAssignments per provisioned account. */
  permissionSetArns: string[];
  /** ListPermissionSetsProvisionedToAccount, then ListAccountAssignments per provisioned set. */
  accounts: string[];
  reason: string;
}

export interface ScopedReadInputs {
  /** Ids of the named principals that exist (a principal not created yet holds nothing). */
  namedPrincipals: { type: PrincipalType; id: string }[];
  /** ARNs of the existing sets the config names. */
  configSetArns: string[];
  /** ARNs of the existing sets tagged as managed by gatehouse. */
  ownedSetArns: string[];
  accounts: string[];
  /**
   * Whether ListAccountAssignmentsForPrincipal may be used (not from a delegated administrator
   * account, for example). Without it the config's sets are read pair by pair instead.
   */
  principalScanAvailable: boolean;
}

/**
 * Chooses how to cover the request. A planned assignment has a named principal AND a config set, so
 * either side covers everything the diff can create or delete:
 * - by principal (the default): each named principal's assignments, one ListAccountAssignmentsForPrincipal
 *   each (+ overflow pages), and the owned sets' provisioned pairs;
 * - by set, when the principal scan is unavailable (e.g. from a delegated administrator account): every
 *   provisioned pair of the config's and the owned sets.
 * The principal side is preferred even when the config's sets have fewer provisioned pairs: the
 * provisioned-account lists are only as good as AWS's provisioning records (emulators such as moto do
 * not mark a set provisioned by an assignment), while a principal's list is the assignments themselves.
 */
export function planScopedReads(inputs: ScopedReadInputs): ScopedReadPlan {
  const owned = [...new Set(inputs.ownedSetArns)].sort();
  const accounts = [...new Set(inputs.accounts)].sort();
  if (!inputs.principalScanAvailable) {
    const bySet = [...new Set([...inputs.configSetArns, ...owned])].sort();
    return { principals: [], permissionSetArns: bySet, accounts, reason: 'the principal scan is unavailable: by set' };
  }
  return {
    principals: [...inputs.namedPrincipals].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    permissionSetArns: owned,
    accounts,
    reason: `${inputs.namedPrincipals.length} named principals, ${owned.length} owned sets, ${accounts.length} admin accounts`,
  };
}
