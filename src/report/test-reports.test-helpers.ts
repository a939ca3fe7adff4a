/** @module Test-only report documents: the fresh/day1-like audits, and reports built from hand-made results. */

import type { CheckResult } from '../checks/run.js';
import { runChecks } from '../checks/run.js';
import {
  aSnapshot,
  builtInDesired,
  day1Desired,
  day1Snapshot,
  desiredState,
  freshSnapshot,
  MANAGEMENT,
  NOW,
  planEvidence,
} from '../checks/test-builders.test-helpers.js';
import type { DesiredState } from '../model/desired.js';
import type { Snapshot } from '../observe/snapshot.js';
import { buildReport, type FailOn, type ReportDocument } from './document.js';

export const VERSION = '0.1.0-test';

export function freshReport(failOn: FailOn = 'high'): ReportDocument {
  const snapshot = freshSnapshot();
  const desired = builtInDesired();
  return buildReport(runChecks({ snapshot, desired, now: NOW }), {
    toolVersion: VERSION,
    generatedAt: NOW,
    snapshot,
    desired,
    failOn,
  });
}

export function day1Report(failOn: FailOn = 'high'): ReportDocument {
  const snapshot = day1Snapshot();
  const desired = day1Desired();
  return buildReport(runChecks({ snapshot, desired, now: NOW, plan: planEvidence([]) }), {
    toolVersion: VERSION,
    generatedAt: NOW,
    snapshot,
    desired,
    failOn,
  });
}

/** A report from hand-made results (check ids must exist in the catalogue). */
export function reportOf(
  results: CheckResult[],
  options: { failOn?: FailOn; snapshot?: Snapshot; desired?: DesiredState } = {},
): ReportDocument {
  return buildReport(results, {
    toolVersion: VERSION,
    generatedAt: NOW,
    snapshot: options.snapshot ?? aSnapshot().inScope(MANAGEMENT).build(),
    desired: options.desired ?? desiredState(),
    ...(options.failOn ? { failOn: options.failOn } : {}),
  });
}

/** A result with defaults: a critical failure of root.mfa-enabled in the management account. */
export function result(extra: Partial<CheckResult> = {}): CheckResult {
  return {
    checkId: 'root.mfa-enabled',
    severity: 'critical',
    status: 'fail',
    resource: `arn:aws:iam::${MANAGEMENT}:root`,
    accountId: MANAGEMENT,
    reason: 'The root user has no MFA device.',
    ...extra,
  };
}

/** Text an attacker could put into AWS names (a user name, a permission set description). */
export const HOSTILE = `<img src=x onerror="alert(1)"> | [click](https://evil.example/x) **bold** & 'quote' \u0007bell ]]> \`code\``;
