/**
 * @module The two scenario expectations of the issue, as pure tests on builder snapshots that
 * resemble the sandbox scenarios `fresh` and `day1` (checks → report → threshold).
 */

import { describe, expect, test } from 'vitest';
import { runChecks } from '../../src/checks/run.js';
import {
  builtInDesired,
  day1Desired,
  day1Snapshot,
  freshSnapshot,
  NOW,
  planEvidence,
} from '../../src/checks/test-builders.test-helpers.js';
import { blockingResults, buildReport, exceedsThreshold } from '../../src/report/document.js';

function statusOf(results: ReturnType<typeof runChecks>, id: string): string[] {
  return results.filter((r) => r.checkId === id).map((r) => r.status);
}

describe('fresh: standalone account, root with password + key and no MFA, IAM user admin with a password', () => {
  const snapshot = freshSnapshot();
  const desired = builtInDesired();
  const results = runChecks({ snapshot, desired, now: NOW });
  const report = buildReport(results, { toolVersion: 'test', generatedAt: NOW, snapshot, desired, failOn: 'high' });

  test('the Day-1 failures are reported', () => {
    for (const id of ['root.mfa-enabled', 'root.no-access-keys', 'identity-center.enabled', 'iam.no-console-users']) {
      expect(statusOf(results, id), id).toEqual(['fail']);
    }
    expect(statusOf(results, 'organization.exists')).toEqual(['fail']);
    expect(statusOf(results, 'iam.console-users-mfa')).toEqual(['fail']);
  });

  test('the report exceeds --fail-on high (and critical)', () => {
    expect(exceedsThreshold(report, 'high')).toBe(true);
    expect(exceedsThreshold(report, 'critical')).toBe(true);
    expect(report.summary.passedThreshold).toBe(false);
    expect(blockingResults(report, 'critical').map((r) => r.checkId)).toEqual([
      'root.mfa-enabled',
      'root.no-access-keys',
      'identity-center.enabled',
    ]);
  });

  test('nothing that depends on an organization or Identity Center pretends to pass', () => {
    const dependent = results.filter(
      (r) => r.checkId.startsWith('identity-center.') && r.checkId !== 'identity-center.enabled',
    );
    expect(new Set(dependent.map((r) => r.status))).toEqual(new Set(['skipped']));
    expect(results.filter((r) => r.status === 'error')).toEqual([]);
  });
});

describe('day1: organization, org instance in eu-west-1, Admin + PowerUser, one user on Admin, root locked down', () => {
  const snapshot = day1Snapshot();
  const desired = day1Desired();
  const results = runChecks({ snapshot, desired, now: NOW, plan: planEvidence([]) });
  const report = buildReport(results, { toolVersion: 'test', generatedAt: NOW, snapshot, desired, failOn: 'high' });

  test('no check fails (or errs) at high or critical: --fail-on high passes', () => {
    expect(blockingResults(report, 'high')).toEqual([]);
    expect(exceedsThreshold(report, 'high')).toBe(false);
    expect(report.summary.passedThreshold).toBe(true);
  });

  test('the manual checks are manual', () => {
    for (const id of [
      'identity-center.mfa-required',
      'identity-center.api-users-get-invitation',
      'account.contact-details',
    ]) {
      expect(statusOf(results, id), id).toEqual(['manual']);
    }
  });

  test('what a real day 1 still lacks is reported at medium/low, honestly', () => {
    const failing = results.filter((r) => r.status === 'fail').map((r) => `${r.checkId}:${r.severity}`);
    expect(failing).toEqual([
      'root.centralized-management:medium',
      'account.security-contact:medium',
      'identity-center.admin-through-groups:medium',
      'identity-center.no-unused-permission-sets:low',
      'iam.password-policy:medium',
    ]);
  });

  test('attesting the manual checks turns them into attested', () => {
    const attested = day1Desired();
    attested.attestations = [
      'identity-center.mfa-required',
      'identity-center.api-users-get-invitation',
      'account.contact-details',
    ].map((checkId) => ({ checkId, by: 'ismail', on: '2026-11-20', expires: '2027-05-19' }));
    const again = runChecks({ snapshot, desired: attested, now: NOW, plan: planEvidence([]) });
    expect(again.filter((r) => r.status === 'manual')).toEqual([]);
    expect(again.filter((r) => r.status === 'attested')).toHaveLength(3);
  });

  test('with drift, identity-center.matches-config fails at high and the gate closes', () => {
    const drifted = runChecks({
      snapshot,
      desired,
      now: NOW,
      plan: planEvidence(['assignment/Admin/user:ismail/111111111111']),
    });
    const driftReport = buildReport(drifted, {
      toolVersion: 'test',
      generatedAt: NOW,
      snapshot,
      desired,
      failOn: 'high',
    });
    expect(blockingResults(driftReport, 'high').map((r) => r.checkId)).toEqual(['identity-center.matches-config']);
  });
});

describe('with the real built-in baseline of src/config', () => {
  test('fresh fails at high; day1 passes at high (matches-config is skipped without a config file)', async () => {
    const { defaultBaseline } = await import('../../src/config/baseline.js');
    const desired = defaultBaseline();
    expect(desired.file).toBeUndefined();
    const fresh = freshSnapshot();
    const freshReport = buildReport(runChecks({ snapshot: fresh, desired, now: NOW }), {
      toolVersion: 'test',
      generatedAt: NOW,
      snapshot: fresh,
      desired,
      failOn: 'high',
    });
    expect(freshReport.summary.passedThreshold).toBe(false);
    const day1 = day1Snapshot();
    const day1Results = runChecks({ snapshot: day1, desired, now: NOW });
    const day1Report = buildReport(day1Results, {
      toolVersion: 'test',
      generatedAt: NOW,
      snapshot: day1,
      desired,
      failOn: 'high',
    });
    expect(blockingResults(day1Report, 'high')).toEqual([]);
    expect(statusOf(day1Results, 'identity-center.matches-config')).toEqual(['skipped']);
    expect(statusOf(day1Results, 'identity-center.baseline-permission-sets')).toEqual(['pass', 'pass']);
  });
});
