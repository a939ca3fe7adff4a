/**
 * @module The check runner: selects checks, gates each on its evidence, evaluates it (fail closed),
 * then applies the config's attestations, waivers and severity overrides. Pure: a function of the
 * snapshot, the desired state and the time.
 */

import { InternalError } from '../errors.js';
import type { Attestation, DesiredState, Severity, Waiver } from '../model/desired.js';
import type { AccountId } from '../model/types.js';
import { describeEvidence, type Evidence } from '../observe/evidence.js';
import type { FactId, Snapshot } from '../observe/snapshot.js';
import { selectChecks } from './catalog.js';
import {
  accountResource,
  CHECK_STATUSES,
  type Check,
  type CheckInput,
  type CheckStatus,
  EvidenceError,
  type Finding,
  type PlanSummary,
} from './define-check.js';
import { isAccountFactId } from './fact-ids.js';
import { centrallyRemovedRootReason } from './root-user.js';

/** One finding of one check, as the report and the exit code see it. */
export interface CheckResult {
  checkId: string;
  /** Effective severity: the config's override, else the check's (possibly escalated) default. */
  severity: Severity;
  status: CheckStatus;
  resource: string;
  accountId?: AccountId;
  reason: string;
  /**
   * Set on a `fail` that an unexpired waiver covers. The status stays `fail` (DESIGN's status set has
   * no "waived"), but waived failures never count towards `--fail-on`.
   */
  waived?: { reason: string; expires: string };
  /** Set on an `attested` result: who verified the manual check, when, and until when it counts. */
  attestation?: { by: string; on: string; expires: string; note?: string };
}

export interface RunChecksInput {
  snapshot: Snapshot;
  desired: DesiredState;
  /** The run's time (ISO-8601): ages, attestation and waiver expiry are judged against it. */
  now: string;
  /** Check ids or area prefixes (`root.`); default: every check. Unknown ids throw a UsageError. */
  checks?: readonly string[];
  /** The diff's result, for `identity-center.matches-config`. */
  plan?: Evidence<PlanSummary>;
}

/** A required fact that could not be had: its id, the full description, and its root cause's key. */
interface Unreadable {
  id: FactId;
  description: string;
  cause: string;
}

type Gate =
  | { kind: 'evaluate' }
  | { kind: 'blocked'; status: 'skipped'; reason: string }
  | { kind: 'blocked'; status: 'error'; unreadable: Unreadable[] };

/**
 * One message for one cause: the first check blocked by an unreadable fact states why; later checks
 * blocked by the same root cause (a fact that depends on it repeats its message after "needs …: ")
 * name the fact and point to that check. Key: account (or `org`) and the root cause; value: the
 * first check's id.
 */
type Causes = Map<string, string>;

/** The root cause of non-ok evidence: its message without the "needs <fact>: " chain of dependants. */
function rootCause(e: Evidence<unknown> | undefined, id: FactId): string {
  if (!e) return `absent|${id}`;
  if (e.status === 'denied') return `denied|${e.action}|${e.message.replace(/^(needs [\w.-]+: )+/, '')}`;
  if (e.status === 'error') return `error|${e.message.replace(/^(needs [\w.-]+: )+/, '')}`;
  return `${e.status}|${id}`;
}

/** The reason of a check blocked by unreadable facts, stating each root cause only the first time. */
function blockedReason(checkId: string, unreadable: Unreadable[], account: string, causes: Causes): string {
  const stated: string[] = [];
  const pointers = new Map<string, FactId[]>();
  for (const u of unreadable) {
    const key = `${account}|${u.cause}`;
    const first = causes.get(key);
    if (first === undefined) {
      causes.set(key, checkId);
      stated.push(u.description);
    } else {
      pointers.set(first, [...(pointers.get(first) ?? []), u.id]);
    }
  }
  const pointing = [...pointers].map(([first, ids]) =>
    first === checkId
      ? `${ids.join(', ')} could not be read for the same cause`
      : `${ids.join(', ')} could not be read (the cause is stated once, under ${first})`,
  );
  return sentence([`could not judge: ${[...new Set([...stated, ...pointing])].join('; ')}`]);
}

function evidenceOf(snapshot: Snapshot, id: FactId, accountId: AccountId | undefined): Evidence<unknown> | undefined {
  if (!isAccountFactId(id)) return snapshot.org[id] as Evidence<unknown> | undefined;
  return accountId === undefined ? undefined : (snapshot.accounts[accountId]?.[id] as Evidence<unknown> | undefined);
}

/**
 * Missing evidence never passes: any required fact that is absent, denied or failed blocks the
 * check with `error` (naming the fact and the denied action); `notApplicable` blocks it with
 * `skipped` unless the check interprets that fact's notApplicable itself. When both kinds occur,
 * `skipped` wins: a check that does not apply cannot be judged wrong by an unreadable side fact.
 */
function gate(check: Check, snapshot: Snapshot, accountId: AccountId | undefined): Gate {
  const unreadable: Unreadable[] = [];
  const notApplicable: string[] = [];
  for (const id of check.requires) {
    const evidence = evidenceOf(snapshot, id, accountId);
    if (evidence?.status === 'ok') continue;
    if (evidence?.status === 'notApplicable') {
      if (!check.handlesNotApplicable.includes(id)) notApplicable.push(describeEvidence(evidence, id));
      continue;
    }
    unreadable.push({ id, description: describeEvidence(evidence, id), cause: rootCause(evidence, id) });
  }
  if (notApplicable.length > 0) return { kind: 'blocked', status: 'skipped', reason: sentence(notApplicable) };
  if (unreadable.length > 0) return { kind: 'blocked', status: 'error', unreadable };
  return { kind: 'evaluate' };
}

function sentence(parts: string[]): string {
  const text = [...new Set(parts)].join('; ');
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

function buildInput(
  snapshot: Snapshot,
  desired: DesiredState,
  now: string,
  nowMs: number,
  accountId: AccountId | undefined,
  plan: Evidence<PlanSummary> | undefined,
): CheckInput {
  const evidence = (id: FactId) => evidenceOf(snapshot, id, accountId);
  return {
    snapshot,
    desired,
    now,
    nowMs,
    ...(accountId !== undefined ? { accountId } : {}),
    ...(plan !== undefined ? { plan } : {}),
    fact: ((id: FactId) => {
      const e = evidence(id);
      if (e?.status !== 'ok') throw new EvidenceError(describeEvidence(e, id));
      return e.value;
    }) as CheckInput['fact'],
    evidence: evidence as CheckInput['evidence'],
    optional: ((id: FactId) => {
      const e = evidence(id);
      return e?.status === 'ok' ? e.value : undefined;
    }) as CheckInput['optional'],
  };
}

function isValidFinding(f: unknown): f is Finding {
  if (typeof f !== 'object' || f === null) return false;
  const x = f as Partial<Finding>;
  return (
    typeof x.status === 'string' &&
    (x.status as string) !== 'attested' &&
    (CHECK_STATUSES as readonly string[]).includes(x.status) &&
    typeof x.resource === 'string' &&
    x.resource.length > 0 &&
    typeof x.reason === 'string' &&
    x.reason.length > 0
  );
}

/** Runs `evaluate` and turns every way it can go wrong into an `error` finding (fail closed). */
function evaluate(check: Check, input: CheckInput, resource: string): Finding[] {
  let findings: unknown;
  try {
    findings = check.evaluate(input);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason =
      error instanceof EvidenceError ? `Could not judge: ${message}` : `The check failed while evaluating: ${message}`;
    return [{ status: 'error', resource, reason: sentence([reason]) }];
  }
  if (!Array.isArray(findings) || findings.length === 0) {
    return [{ status: 'error', resource, reason: 'The check returned no finding, so nothing was judged.' }];
  }
  if (!findings.every(isValidFinding)) {
    return [{ status: 'error', resource, reason: 'The check returned a malformed finding.' }];
  }
  return findings;
}

function effectiveSeverity(check: Check, desired: DesiredState): Severity {
  const override = desired.audit.severityOverrides[check.id];
  if (override) return override;
  return check.severityWhen?.when(desired) ? check.severityWhen.severity : check.severity;
}

/** `YYYY-MM-DD` of the run, in UTC: expiry dates are inclusive (valid through that day). */
function today(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}

function applyManual(check: Check, finding: Finding, desired: DesiredState, day: string): Partial<CheckResult> {
  if (finding.status !== 'manual' || !check.manual) return {};
  const console = `Console: ${check.manual.consolePath}.`;
  const attestation: Attestation | undefined = desired.attestations.find((a) => a.checkId === check.id);
  if (!attestation) return { reason: `${finding.reason} ${console}` };
  if (attestation.expires < day) {
    return {
      reason: `${finding.reason} The attestation by ${attestation.by} on ${attestation.on} expired on ${attestation.expires}: verify it again. ${console}`,
    };
  }
  return {
    status: 'attested',
    reason: `Attested by ${attestation.by} on ${attestation.on} (counts until ${attestation.expires})${attestation.note ? `: ${attestation.note}` : ''}.`,
    attestation: {
      by: attestation.by,
      on: attestation.on,
      expires: attestation.expires,
      ...(attestation.note ? { note: attestation.note } : {}),
    },
  };
}

function waiverMatches(waiver: Waiver, checkId: string, finding: Finding): boolean {
  return (
    waiver.checkId === checkId &&
    (waiver.accountId === undefined || waiver.accountId === finding.accountId) &&
    (waiver.resource === undefined || waiver.resource === finding.resource)
  );
}

function applyWaiver(checkId: string, finding: Finding, desired: DesiredState, day: string): Partial<CheckResult> {
  if (finding.status !== 'fail') return {};
  const matching = desired.audit.waivers.filter((w) => waiverMatches(w, checkId, finding));
  const active = matching.find((w) => w.expires >= day);
  if (active) return { waived: { reason: active.reason, expires: active.expires } };
  const expired = matching[0];
  if (expired) return { reason: `${finding.reason} (A waiver for this expired on ${expired.expires}.)` };
  return {};
}

function accountsInScope(snapshot: Snapshot): AccountId[] {
  const ids = Object.keys(snapshot.accounts).sort();
  const caller = snapshot.callerAccountId;
  return caller && ids.includes(caller) ? [caller, ...ids.filter((id) => id !== caller)] : ids;
}

/** The results of one check: once for an organization check, once per account for an account check. */
function runCheck(check: Check, run: Omit<RunChecksInput, 'checks'>, nowMs: number, causes: Causes): CheckResult[] {
  const { snapshot, desired } = run;
  const severity = effectiveSeverity(check, desired);
  const day = today(nowMs);
  const targets: (AccountId | undefined)[] = check.scope === 'organization' ? [undefined] : accountsInScope(snapshot);
  if (targets.length === 0) {
    return [
      {
        checkId: check.id,
        severity,
        status: 'error',
        resource: 'accounts',
        reason: 'No account was in scope: the snapshot holds no per-account facts, so nothing was judged.',
      },
    ];
  }
  return targets.flatMap((accountId) => {
    const resource =
      check.scope === 'account'
        ? accountResource(accountId)
        : check.area === 'identity-center'
          ? 'identity-center'
          : 'organization';
    const findings = judge(check, run, nowMs, accountId, resource, causes);
    return findings.map((finding): CheckResult => {
      const located: Finding =
        finding.accountId === undefined && accountId !== undefined ? { ...finding, accountId } : finding;
      return {
        checkId: check.id,
        severity,
        status: located.status,
        resource: located.resource,
        ...(located.accountId !== undefined ? { accountId: located.accountId } : {}),
        reason: located.reason,
        ...applyManual(check, located, desired, day),
        ...applyWaiver(check.id, located, desired, day),
      };
    });
  });
}

function judge(
  check: Check,
  run: RunChecksInput,
  nowMs: number,
  accountId: AccountId | undefined,
  resource: string,
  causes: Causes,
): Finding[] {
  const { snapshot, desired } = run;
  if (check.rootUser && accountId !== undefined) {
    const removed = centrallyRemovedRootReason(snapshot, accountId);
    if (removed)
      return [{ status: 'skipped', resource: `arn:aws:iam::${accountId}:root`, reason: sentence([removed]) }];
  }
  const gated = gate(check, snapshot, accountId);
  if (gated.kind === 'blocked') {
    if (gated.status === 'skipped') return [{ status: 'skipped', resource, reason: gated.reason }];
    return [
      { status: 'error', resource, reason: blockedReason(check.id, gated.unreadable, accountId ?? 'org', causes) },
    ];
  }
  return evaluate(check, buildInput(snapshot, desired, run.now, nowMs, accountId, run.plan), resource);
}

/**
 * Runs the selected checks against a snapshot. Every selected check yields at least one result;
 * results come in catalogue order, account checks once per account (the caller's account first).
 *
 * @throws UsageError for an unknown check id in `checks`; InternalError for an invalid `now`.
 * @example
 * const results = runChecks({ snapshot, desired, now: new Date().toISOString(), checks: ['root.'] });
 */
export function runChecks(input: RunChecksInput): CheckResult[] {
  return runCheckList(selectChecks(input.checks), input);
}

/** Runs exactly the given checks, in the given order (for callers with their own selection, and tests). */
export function runCheckList(checks: readonly Check[], input: Omit<RunChecksInput, 'checks'>): CheckResult[] {
  const nowMs = Date.parse(input.now);
  if (Number.isNaN(nowMs)) throw new InternalError(`runChecks: "now" is not an ISO-8601 time: ${input.now}`);
  const causes: Causes = new Map();
  return checks.flatMap((check) => runCheck(check, input, nowMs, causes));
}
