/**
 * @module The plan workflow: read exactly the facts a plan of this config needs (`requiredPlanFacts`,
 * caller identity included) and make the plan document. The library function behind `gatehouse
 * plan`, and the first half of `gatehouse apply` without a saved plan.
 *
 * @example
 * const { plan } = await planFromConfig({ desired, session, host });
 * console.log(renderPlan(plan, { color: false }));
 */

import type { AwsSession } from '../aws/index.js';
import type { Host } from '../events/events.js';
import type { DesiredState } from '../model/desired.js';
import { collect } from '../observe/collect.js';
import type { Snapshot } from '../observe/snapshot.js';
import type { PlanDocument } from '../plan/actions.js';
import { planAssignmentRequest } from '../plan/facts.js';
import { createPlan, requiredPlanFacts } from '../plan/index.js';

export interface PlanFromConfigOptions {
  desired: DesiredState;
  session: AwsSession;
  host: Host;
  /** Also delete what gatehouse does not manage but the config does not name. */
  prune?: boolean;
  /** ISO-8601 time the plan is made (default: the session clock). */
  now?: string;
  /** Assumed seconds for one asynchronous request, for the estimate (default 5). */
  completionSeconds?: number;
}

export interface PlannedChanges {
  plan: PlanDocument;
  /** What the plan was made from (apply reuses it for the lockout guard instead of reading again). */
  snapshot: Snapshot;
}

/**
 * Reads the facts a plan of `desired` needs (organization-wide, and the caller's account); of the
 * account assignments only the config's footprint (`planAssignmentRequest`), so the cost follows
 * the config, not the organization. Apply of a saved plan reads the same scope with the plan's
 * `prune`, so that the fingerprints compare.
 */
export async function observeForPlan(
  desired: DesiredState,
  session: AwsSession,
  host: Host,
  options: { prune?: boolean } = {},
): Promise<Snapshot> {
  const facts = requiredPlanFacts(desired);
  return collect({
    session,
    host,
    facts: [...facts.org, ...facts.callerAccount],
    accounts: 'caller',
    // --prune may delete anything the config does not name: it reads every assignment.
    ...(options.prune ? {} : { assignmentRequest: planAssignmentRequest(desired) }),
    ...(desired.identityCenter.region !== undefined ? { identityCenterRegion: desired.identityCenter.region } : {}),
  });
}

/** Observes and plans. Throws ConfigError (exit 2) or AwsAccessError (exit 3) as `createPlan` does. */
export async function planFromConfig(options: PlanFromConfigOptions): Promise<PlannedChanges> {
  const { desired, session, host } = options;
  const snapshot = await observeForPlan(desired, session, host, { prune: options.prune ?? false });
  host.emit({ type: 'phase', phase: 'plan', status: 'start' });
  const plan = createPlan(desired, snapshot, {
    now: options.now ?? new Date(session.clock.now()).toISOString(),
    ...(options.prune !== undefined ? { prune: options.prune } : {}),
    ...(options.completionSeconds !== undefined ? { completionSeconds: options.completionSeconds } : {}),
  });
  host.emit({ type: 'phase', phase: 'plan', status: 'end' });
  return { plan, snapshot };
}
