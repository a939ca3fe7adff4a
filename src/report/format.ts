/** @module Shared pieces of the report renderers: severity order, status glyphs and words, the summary line, grouping. */

import type { CheckStatus } from '../checks/define-check.js';
import { SEVERITIES, type Severity } from '../model/desired.js';
import type { ReportDocument, ReportResult } from './document.js';

/** One glyph per status (the text and Markdown renderers). */
export const STATUS_GLYPHS: Record<CheckStatus, string> = {
  pass: '✓',
  fail: '✗',
  error: '!',
  skipped: '-',
  manual: '?',
  attested: '✎',
};

/** Severities from the most to the least severe. */
export const SEVERITY_ORDER: readonly Severity[] = SEVERITIES;

export function isBlockingFail(r: ReportResult): boolean {
  return r.status === 'fail' && !r.waived;
}

/**
 * "12 passed, 4 failed (2 critical, 1 high, 1 medium), 1 waived, 3 manual, 1 attested, 2 skipped, 1 error".
 * Passed and failed always appear; the other parts only when non-zero. Failed excludes waived failures.
 */
export function summaryLine(report: ReportDocument): string {
  const { byStatus, bySeverity, waived } = report.summary;
  const failed = byStatus.fail - waived;
  const breakdown = SEVERITY_ORDER.filter((s) => bySeverity[s] > 0).map((s) => `${bySeverity[s]} ${s}`);
  const parts = [
    `${byStatus.pass} passed`,
    `${failed} failed${breakdown.length > 0 ? ` (${breakdown.join(', ')})` : ''}`,
  ];
  if (waived > 0) parts.push(`${waived} waived`);
  if (byStatus.manual > 0) parts.push(`${byStatus.manual} manual`);
  if (byStatus.attested > 0) parts.push(`${byStatus.attested} attested`);
  if (byStatus.skipped > 0) parts.push(`${byStatus.skipped} skipped`);
  if (byStatus.error > 0) parts.push(`${byStatus.error} ${byStatus.error === 1 ? 'error' : 'errors'}`);
  return parts.join(', ');
}

/** "organization o-… (management account …)" or "account …": what was audited, in a few words. */
export function scopeLine(report: ReportDocument): string {
  const { scope, config } = report;
  const where = scope.organizationId
    ? `organization ${scope.organizationId}${scope.callerAccountId ? `, signed in to ${scope.callerAccountId}` : ''}`
    : scope.callerAccountId
      ? `account ${scope.callerAccountId}`
      : 'unknown account';
  const accounts = scope.accounts.length > 1 ? `, ${scope.accounts.length} accounts` : '';
  const region = scope.identityCenterRegion ? `, Identity Center in ${scope.identityCenterRegion}` : '';
  const against = config.builtInBaseline ? 'the built-in baseline' : (config.file ?? 'the config');
  return `${where}${accounts}${region}; judged against ${against}`;
}

/** Whether findings need an account column: more than one account appears. */
export function showsAccounts(report: ReportDocument): boolean {
  const ids = new Set(report.results.flatMap((r) => (r.accountId ? [r.accountId] : [])));
  return ids.size > 1 || report.scope.accounts.length > 1;
}

/** Results grouped by severity (most severe first), then by area in catalogue order; empty groups omitted. */
export function groupBySeverityAndArea(
  report: ReportDocument,
): { severity: Severity; areas: { area: string; results: ReportResult[] }[] }[] {
  const areaOrder = [...new Set(report.checks.map((c) => c.area))];
  return SEVERITY_ORDER.flatMap((severity) => {
    const inSeverity = report.results.filter((r) => r.severity === severity);
    if (inSeverity.length === 0) return [];
    const areas = areaOrder
      .map((area) => ({ area, results: inSeverity.filter((r) => r.area === area) }))
      .filter((g) => g.results.length > 0);
    return [{ severity, areas }];
  });
}

/** Results of the given statuses, grouped by check in report order. */
export function groupByCheck(results: readonly ReportResult[]): { checkId: string; results: ReportResult[] }[] {
  const groups = new Map<string, ReportResult[]>();
  for (const r of results) {
    const list = groups.get(r.checkId) ?? [];
    list.push(r);
    groups.set(r.checkId, list);
  }
  return [...groups].map(([checkId, list]) => ({ checkId, results: list }));
}

/** Results ordered most severe first, keeping report order within a severity. */
export function bySeverity(results: readonly ReportResult[]): ReportResult[] {
  return [...results].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}

export function thresholdLine(report: ReportDocument): string | undefined {
  const { failOn, passedThreshold } = report.summary;
  if (failOn === undefined || passedThreshold === undefined) return undefined;
  if (failOn === 'never') return '--fail-on never: the exit code ignores findings.';
  return passedThreshold
    ? `--fail-on ${failOn}: nothing at or above ${failOn} failed.`
    : `--fail-on ${failOn}: findings at or above ${failOn} failed or could not be judged (exit 1).`;
}
