/**
 * @module The apply cost estimate: API calls per action (status polls included) and wall-clock time
 * from AWS's published limits (scale.md §4.3): 20 calls/s shared by all Identity Center APIs, 20
 * calls/s per Identity Store API, 15 outstanding assignment operations, 3 concurrent
 * provisionings, and an assumed completion time L per asynchronous request (unknown in AWS's docs:
 * a parameter). Assignment statuses are polled with one List…Status call per poll interval for all
 * outstanding requests; provisioning and encryption with one Describe call per request per interval.
 */

import type { PermissionSetAttributes, PlanAction, PlanEstimate } from './actions.js';
import { canonicalJson } from './canonical.js';

export const DEFAULT_COMPLETION_SECONDS = 5;

const LIMITS = {
  ssoAdminCallsPerSecond: 20,
  identityStoreCallsPerSecond: 20,
  organizationsCallsPerSecond: 2,
  maxOutstandingAssignmentOperations: 15,
  maxConcurrentProvisioning: 3,
  pollSeconds: 1,
} as const;

type Service = 'sso-admin' | 'identitystore' | 'organizations' | 'iam' | 'account';

function setDifference<T>(a: T[], b: T[], key: (x: T) => string): number {
  const bs = new Set(b.map(key));
  return a.filter((x) => !bs.has(key(x))).length;
}

/** The sso-admin calls that turn `before` into `after` (null before: a create). */
export function permissionSetCalls(before: PermissionSetAttributes | null, after: PermissionSetAttributes): number {
  if (!before) {
    return (
      1 +
      after.managedPolicies.length +
      after.customerManagedPolicies.length +
      (after.inlinePolicy ? 1 : 0) +
      (after.permissionsBoundary ? 1 : 0)
    );
  }
  const id = (x: string) => x;
  const ref = (c: { name: string; path: string }) => `${c.path}${c.name}`;
  let calls = 0;
  if (
    before.description !== after.description ||
    before.sessionDuration !== after.sessionDuration ||
    before.relayState !== after.relayState
  ) {
    calls += 1;
  }
  calls += setDifference(after.managedPolicies, before.managedPolicies, id);
  calls += setDifference(before.managedPolicies, after.managedPolicies, id);
  calls += setDifference(after.customerManagedPolicies, before.customerManagedPolicies, ref);
  calls += setDifference(before.customerManagedPolicies, after.customerManagedPolicies, ref);
  if (before.inlinePolicy !== after.inlinePolicy) calls += 1;
  if (canonicalJson(before.permissionsBoundary) !== canonicalJson(after.permissionsBoundary)) calls += 1;
  const keys = Object.keys(after.tags);
  if (keys.some((k) => before.tags[k] !== after.tags[k])) calls += 1;
  if (Object.keys(before.tags).some((k) => !(k in after.tags))) calls += 1;
  return calls;
}

/** Seconds for N assignment operations through 15 slots, each finishing after L (polled every `poll` s). */
function assignmentSeconds(n: number, completion: number): number {
  if (n === 0) return 0;
  const perOperation = completion + LIMITS.pollSeconds / 2;
  return Math.max(
    n / LIMITS.ssoAdminCallsPerSecond,
    (n * perOperation) / LIMITS.maxOutstandingAssignmentOperations,
    perOperation,
  );
}

export function estimatePlan(actions: PlanAction[], completionSeconds: number): PlanEstimate {
  const calls: Record<Service, number> = { 'sso-admin': 0, identitystore: 0, organizations: 0, iam: 0, account: 0 };
  const pollsPerRequest = Math.ceil(completionSeconds / LIMITS.pollSeconds);
  let definitionCalls = 0;
  let provisionRequests = 0;
  let assignmentCreates = 0;
  let assignmentDeletes = 0;
  let encryption = 0;

  for (const a of actions) {
    switch (a.type) {
      case 'organization':
      case 'service-access':
        calls.organizations += 1;
        break;
      case 'root-feature':
        calls.iam += 1;
        break;
      case 'alternate-contact':
        calls.account += 1;
        break;
      case 'instance-encryption':
        calls['sso-admin'] += 1 + pollsPerRequest;
        encryption += 1;
        break;
      case 'permission-set': {
        const n = a.kind === 'delete' ? 1 : permissionSetCalls(a.kind === 'update' ? a.before : null, a.after);
        calls['sso-admin'] += n;
        definitionCalls += n;
        break;
      }
      case 'permission-set-provision': {
        const requests = a.target === 'ALL_PROVISIONED_ACCOUNTS' ? 1 : a.accountIds.length;
        calls['sso-admin'] += requests * (1 + pollsPerRequest);
        provisionRequests += requests;
        break;
      }
      case 'user':
      case 'group':
      case 'membership':
        calls.identitystore += 1;
        break;
      case 'assignment':
        calls['sso-admin'] += 1;
        if (a.kind === 'create') assignmentCreates += 1;
        else assignmentDeletes += 1;
        break;
    }
  }

  const createSeconds = assignmentSeconds(assignmentCreates, completionSeconds);
  const deleteSeconds = assignmentSeconds(assignmentDeletes, completionSeconds);
  calls['sso-admin'] += Math.ceil(createSeconds / LIMITS.pollSeconds) + Math.ceil(deleteSeconds / LIMITS.pollSeconds);
  const provisionSeconds = Math.ceil(provisionRequests / LIMITS.maxConcurrentProvisioning) * completionSeconds;

  const seconds =
    (calls.organizations + calls.iam + calls.account) / LIMITS.organizationsCallsPerSecond +
    calls.identitystore / LIMITS.identityStoreCallsPerSecond +
    definitionCalls / LIMITS.ssoAdminCallsPerSecond +
    encryption * completionSeconds +
    provisionSeconds +
    createSeconds +
    deleteSeconds;

  const byService: Record<string, number> = {};
  for (const [service, n] of Object.entries(calls)) if (n > 0) byService[service] = n;
  return {
    apiCalls: Object.values(calls).reduce((x, y) => x + y, 0),
    seconds: Math.ceil(seconds),
    byService,
    assumptions: { completionSeconds, ...LIMITS },
  };
}
