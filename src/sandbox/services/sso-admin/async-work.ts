/**
 * @module The asynchronous engine of sso-admin (aws-api.md §4.1): CreateAccountAssignment,
 * DeleteAccountAssignment, ProvisionPermissionSet and UpdateInstance start a request that is
 * IN_PROGRESS until `completesAt` on the sandbox clock, then SUCCEEDED or FAILED. Completion is
 * lazy: every call first settles what is due, so it also works across processes sharing a state
 * file. Side effects (assignment exists, permission set provisioned at the current version, role
 * update slot freed) happen at completion. Also the concurrency limits that apply at start.
 */

import { DEFAULT_VARIANTS } from '../../knobs.js';
import type { AccountRecord, AsyncRequestRecord, PermissionSetRecord } from '../../state.js';
import { concurrencyLimitError } from '../../variants.js';
import { assignmentKey, type InstanceIndex, type World } from '../../world.js';
import type { CallContext } from '../context.js';
import { conflict } from './common.js';

/** Outstanding CreateAccountAssignment calls AWS allows (deletions assumed to share the pool). */
export const MAX_OUTSTANDING_ASSIGNMENT_OPERATIONS = 15;
/** Concurrent ProvisionPermissionSet calls AWS allows. */
export const MAX_CONCURRENT_PROVISIONINGS = 3;

export const INJECTED_FAILURE_REASON = 'An unexpected internal service exception was encountered';

type NewRequest = Omit<
  AsyncRequestRecord,
  'id' | 'status' | 'createdAt' | 'completesAt' | 'failureReason' | 'injectedFailure'
>;

/** Creates an IN_PROGRESS request completing after the call's completion delay. */
export function startRequest(
  ctx: CallContext,
  index: InstanceIndex,
  fields: NewRequest,
  operation?: string,
): AsyncRequestRecord {
  const request: AsyncRequestRecord = {
    id: ctx.world.uuid(),
    status: 'IN_PROGRESS',
    createdAt: ctx.now,
    completesAt: ctx.now + ctx.completionDelay(operation),
    failureReason: null,
    injectedFailure: ctx.injectFailure,
    ...fields,
  };
  index.addRequest(request);
  return request;
}

/** Rejects a new request that AWS's concurrency limits would refuse (only while limits are enabled). */
export function checkConcurrency(
  ctx: CallContext,
  index: InstanceIndex,
  kind: AsyncRequestRecord['kind'],
  permissionSetArn: string,
  roleAccounts: string[],
): void {
  if (!ctx.limitsEnabled) return;
  const pending = index.pending;
  if (kind === 'assignment-create' || kind === 'assignment-delete') {
    const outstanding = pending.filter((r) => r.kind === 'assignment-create' || r.kind === 'assignment-delete').length;
    if (outstanding >= MAX_OUTSTANDING_ASSIGNMENT_OPERATIONS) {
      throw concurrencyLimitError(
        `Too many outstanding account assignment requests: at most ${MAX_OUTSTANDING_ASSIGNMENT_OPERATIONS} may be in progress.`,
        ctx.knobs.variants ?? DEFAULT_VARIANTS,
      );
    }
  }
  if (kind === 'provision') {
    const running = pending.filter((r) => r.kind === 'provision').length;
    if (running >= MAX_CONCURRENT_PROVISIONINGS) {
      throw concurrencyLimitError(
        `Too many concurrent ProvisionPermissionSet requests: at most ${MAX_CONCURRENT_PROVISIONINGS} may run at once.`,
        ctx.knobs.variants ?? DEFAULT_VARIANTS,
      );
    }
  }
  if (roleAccounts.length === 0) return;
  const wanted = new Set(roleAccounts);
  for (const r of pending) {
    if (r.permissionSetArn === permissionSetArn) continue;
    const busy = r.roleAccounts.find((a) => wanted.has(a));
    if (busy) {
      throw conflict(
        `An IAM role in account ${busy} is being updated by request ${r.id}. Only one permission set can be provisioned to an account at a time; retry after it completes.`,
      );
    }
  }
}

/** Definition writes to a permission set while its provisioning runs clash (transient ConflictException). */
export function checkNoProvisioningInProgress(index: InstanceIndex, ps: PermissionSetRecord): void {
  const running = index.pending.find((r) => r.kind === 'provision' && r.permissionSetArn === ps.arn);
  if (running) {
    throw conflict(
      `The permission set ${ps.arn} is being provisioned (request ${running.id}). Retry the request after the operation completes.`,
    );
  }
}

/**
 * IAM's default quota of managed policies (AWS managed + customer managed) attached to one role
 * (IAM user guide, "IAM and AWS STS quotas": 10, adjustable to 20). The role Identity Center
 * creates in each account is bound by it, so provisioning a set with more fails there.
 */
export const ROLE_MANAGED_POLICY_QUOTA = 10;

/**
 * Why provisioning `ps` into `account` fails, or null: the account is not an active member, the set
 * has more managed policies than a role may carry (IAM's LimitExceeded text), or a referenced
 * customer policy or boundary is missing.
 */
export function provisioningProblem(
  ps: PermissionSetRecord,
  account: AccountRecord | undefined,
  accountId: string,
): string | null {
  if (!account) return `Account ${accountId} does not exist.`;
  if (!account.org) return `Account ${accountId} is not a member of the organization.`;
  if (account.org.state !== 'ACTIVE') return `Account ${accountId} is ${account.org.state}.`;
  const attached = ps.managedPolicies.length + ps.customerManagedPolicies.length;
  if (attached > ROLE_MANAGED_POLICY_QUOTA) {
    return `Failed to provision permission set ${ps.name} to account ${accountId}: Cannot exceed quota for PoliciesPerRole: ${ROLE_MANAGED_POLICY_QUOTA}`;
  }
  const wanted = [...ps.customerManagedPolicies];
  if (ps.permissionsBoundary?.kind === 'customer') wanted.push(ps.permissionsBoundary);
  for (const ref of wanted) {
    if (!account.iam.customerPolicies[`${ref.path}${ref.name}`]) {
      return `Failed to provision permission set ${ps.name} to account ${accountId}: the customer managed policy ${ref.path}${ref.name} does not exist in that account.`;
    }
  }
  return null;
}

/** Applies an instance update; returns the failure reason, or null on success. */
function completeInstanceUpdate(index: InstanceIndex, r: AsyncRequestRecord): string | null {
  const enc = index.record.encryption;
  if (r.injectedFailure) {
    enc.status = 'UPDATE_FAILED';
    enc.statusReason = 'The KMS key could not be used: check the key policy and that the key is enabled.';
    return INJECTED_FAILURE_REASON;
  }
  if (r.encryption) {
    enc.keyType = r.encryption.keyType as typeof enc.keyType;
    enc.kmsKeyArn = r.encryption.kmsKeyArn;
    enc.status = 'ENABLED';
    enc.statusReason = null;
  }
  return null;
}

/** Applies an assignment creation; returns the failure reason, or null on success. */
function completeCreation(
  world: World,
  index: InstanceIndex,
  r: AsyncRequestRecord,
  ps: PermissionSetRecord,
): string | null {
  const accountId = r.targetId as string;
  const store = index.record.identityStore;
  const principalId = r.principalId as string;
  const principalExists =
    r.principalType === 'USER' ? Boolean(store.users[principalId]) : Boolean(store.groups[principalId]);
  if (!principalExists) return `Principal ${principalId} does not exist in the identity store.`;
  if (index.provisionedVersion(ps.arn, accountId) !== ps.version) {
    const problem = provisioningProblem(ps, world.account(accountId), accountId);
    if (problem) return problem;
    index.setProvisioned(ps.arn, accountId, ps.version);
  }
  index.addAssignment({
    accountId,
    permissionSetArn: ps.arn,
    principalType: r.principalType as 'USER' | 'GROUP',
    principalId,
    createdAt: r.completesAt,
  });
  return null;
}

/** Applies an assignment deletion (it cannot fail unless injected). */
function completeDeletion(world: World, index: InstanceIndex, r: AsyncRequestRecord, ps: PermissionSetRecord): null {
  const accountId = r.targetId as string;
  index.removeAssignment(
    assignmentKey({
      accountId,
      permissionSetArn: ps.arn,
      principalType: r.principalType as string,
      principalId: r.principalId as string,
    }),
  );
  // The last assignment on the pair takes the role away: the set is no longer provisioned there (assumed).
  if (index.assignmentsOnPair(accountId, ps.arn).length === 0) {
    index.unprovision(ps.arn, accountId);
    // Variant: AWS keeps removing the role after the request says SUCCEEDED (DeletePermissionSet conflicts meanwhile).
    const linger = (world.state.knobs.variants ?? DEFAULT_VARIANTS).deprovisioningMs;
    if (linger > 0) ps.deprovisioningUntil = Math.max(ps.deprovisioningUntil ?? 0, r.completesAt + linger);
  }
  return null;
}

/** Provisions to every target account that can take it; returns the first failure, or null. */
function completeProvisioning(
  world: World,
  index: InstanceIndex,
  r: AsyncRequestRecord,
  ps: PermissionSetRecord,
): string | null {
  let firstProblem: string | null = null;
  for (const accountId of r.roleAccounts) {
    const problem = provisioningProblem(ps, world.account(accountId), accountId);
    if (problem) firstProblem ??= problem;
    else index.setProvisioned(ps.arn, accountId, ps.version);
  }
  return firstProblem;
}

function failureOf(world: World, index: InstanceIndex, r: AsyncRequestRecord): string | null {
  if (r.kind === 'instance-update') return completeInstanceUpdate(index, r);
  if (r.injectedFailure) return INJECTED_FAILURE_REASON;
  const ps = r.permissionSetArn ? index.record.permissionSets[r.permissionSetArn] : undefined;
  if (!ps) return `Permission set ${r.permissionSetArn} no longer exists.`;
  if (r.kind === 'assignment-create') return completeCreation(world, index, r, ps);
  if (r.kind === 'assignment-delete') return completeDeletion(world, index, r, ps);
  return completeProvisioning(world, index, r, ps);
}

function complete(world: World, index: InstanceIndex, r: AsyncRequestRecord): void {
  const reason = failureOf(world, index, r);
  r.status = reason === null ? 'SUCCEEDED' : 'FAILED';
  r.failureReason = reason;
}

/** Completes every request due at `now`, in completion order. Returns how many completed. */
export function settle(world: World, now: number): number {
  let count = 0;
  for (const index of world.instances()) {
    while (index.pending.length > 0 && (index.pending[0] as AsyncRequestRecord).completesAt <= now) {
      const r = index.pending.shift() as AsyncRequestRecord;
      complete(world, index, r);
      count++;
    }
  }
  return count;
}

/** The earliest time something is due to complete, or null when nothing is in progress. */
export function nextCompletion(world: World): number | null {
  let next: number | null = null;
  for (const index of world.instances()) {
    const first = index.pending[0];
    if (first && (next === null || first.completesAt < next)) next = first.completesAt;
  }
  return next;
}
