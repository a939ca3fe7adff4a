/** @module The audit, end to end: observe only the facts the selected checks need, judge, and build the versioned report. */

import type { AwsSession } from '../aws/index.js';
import { findCheck, requiredFacts, runChecks } from '../checks/index.js';
import { isGatehouseError } from '../errors.js';
import type { Host } from '../events/events.js';
import type { DesiredState } from '../model/desired.js';
import { collect } from '../observe/collect.js';
import { type Evidence, failed, ok } from '../observe/evidence.js';
import type { FactId, Snapshot } from '../observe/snapshot.js';
import type { PlanAction } from '../plan/actions.js';
import { createPlan, requiredPlanFacts } from '../plan/index.js';
import { buildReport, type FailOn, type ReportDocument } from '../report/index.js';

export interface AuditOptions {
  desired: DesiredState;
  /** Where facts are read from: a live session, or a saved snapshot (offline re-judging). */
  source:
    | { session: AwsSession; accounts?: 'caller' | 'all' | readonly string[]; region?: string }
    | { snapshot: Snapshot };
  host: Host;
  /** ISO-8601 time of the audit. */
  now: string;
  checks?: readonly string[];
  failOn?: FailOn;
  toolVersion: string;
}

export interface AuditResult {
  report: ReportDocument;
  snapshot: Snapshot;
}

const MATCHES_CONFIG = 'identity-center.matches-config';

/** Whether the run includes the drift check, which needs the plan's facts too. */
function wantsDriftCheck(desired: DesiredState, checks: readonly string[] | undefined): boolean {
  if (desired.file === undefined) return false;
  if (!checks || checks.length === 0) return true;
  return checks.some((c) => c === MATCHES_CONFIG || (c.endsWith('.') && MATCHES_CONFIG.startsWith(c)));
}

export function auditFacts(desired: DesiredState, checks: readonly string[] | undefined): FactId[] {
  const facts = new Set<FactId>(requiredFacts(checks));
  if (wantsDriftCheck(desired, checks)) {
    const plan = requiredPlanFacts(desired);
    for (const f of [...plan.org, ...plan.callerAccount]) facts.add(f);
  }
  return [...facts];
}

/** Plan action types that are Identity Center's (root, contacts and the organization have their own checks). */
const IDENTITY_CENTER_TYPES: ReadonlySet<PlanAction['type']> = new Set([
  'instance-encryption',
  'permission-set',
  'permission-set-provision',
  'user',
  'group',
  'membership',
  'assignment',
]);
const IDENTITY_CENTER_MANUAL_STEPS: ReadonlySet<string> = new Set([
  'enable-organization-instance',
  'enable-account-instance',
  'replace-account-instance',
]);

/** The diff against the config, restricted to Identity Center, as evidence for `identity-center.matches-config`. */
function driftEvidence(
  desired: DesiredState,
  snapshot: Snapshot,
  now: string,
): Evidence<{ actionCount: number; addresses: string[] }> {
  try {
    const plan = createPlan(desired, snapshot, { now });
    const pending = [
      ...plan.actions.filter((a) => IDENTITY_CENTER_TYPES.has(a.type)).map((a) => a.address),
      ...plan.manualSteps.filter((m) => IDENTITY_CENTER_MANUAL_STEPS.has(m.id)).map((m) => m.address),
    ];
    return ok({ actionCount: pending.length, addresses: pending });
  } catch (error) {
    const code = isGatehouseError(error) ? error.code : 'plan-failed';
    return failed(code, `the plan could not be computed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const { desired, host, now } = options;
  if (options.checks) for (const id of options.checks) if (!id.endsWith('.')) findCheck(id);
  const facts = auditFacts(desired, options.checks);
  let snapshot: Snapshot;
  if ('snapshot' in options.source) {
    snapshot = options.source.snapshot;
  } else {
    snapshot = await collect({
      session: options.source.session,
      facts,
      accounts: options.source.accounts ?? 'caller',
      memberAccessRole: desired.organization?.memberAccessRole,
      identityCenterRegion: desired.identityCenter.region ?? options.source.region,
      host,
    });
  }
  const plan = wantsDriftCheck(desired, options.checks) ? driftEvidence(desired, snapshot, now) : undefined;
  const results = runChecks({
    snapshot,
    desired,
    now,
    ...(options.checks ? { checks: options.checks } : {}),
    ...(plan ? { plan } : {}),
  });
  const report = buildReport(results, {
    toolVersion: options.toolVersion,
    generatedAt: now,
    snapshot,
    desired,
    ...(options.failOn ? { failOn: options.failOn } : {}),
  });
  return { report, snapshot };
}
