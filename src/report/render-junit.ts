/**
 * @module The JUnit XML report, for CI test tabs: one testsuite per area, one testcase per check and
 * account; `failure` for unwaived failures, `error` for findings that could not be judged, `skipped`
 * for skipped, manual and waived ones.
 */

import type { ReportDocument, ReportResult } from './document.js';
import { escapeXml as x } from './escape.js';
import { isBlockingFail } from './format.js';

interface TestCase {
  checkId: string;
  area: string;
  title: string;
  accountId: string | undefined;
  results: ReportResult[];
}

type Outcome =
  | { kind: 'failure' | 'error' | 'skipped'; message: string; body: string }
  | { kind: 'passed'; body: string };

function details(results: ReportResult[]): string {
  return results
    .map((r) => {
      const waived = r.waived ? ` [waived until ${r.waived.expires}: ${r.waived.reason}]` : '';
      return `${r.status.toUpperCase()} ${r.resource}: ${r.reason}${waived}`;
    })
    .join('\n');
}

/** The worst outcome wins: an unwaived failure, then an error, then any pass, else skipped. */
function outcome(tc: TestCase): Outcome {
  const failed = tc.results.filter(isBlockingFail);
  const first = tc.results[0]!;
  if (failed.length > 0) {
    return {
      kind: 'failure',
      message: failed.map((r) => r.reason).join(' '),
      body: `${details(tc.results)}\n\nHow to fix: ${first.remediation}`,
    };
  }
  const errors = tc.results.filter((r) => r.status === 'error');
  if (errors.length > 0)
    return { kind: 'error', message: errors.map((r) => r.reason).join(' '), body: details(tc.results) };
  if (tc.results.some((r) => r.status === 'pass' || r.status === 'attested'))
    return { kind: 'passed', body: details(tc.results) };
  const reason = tc.results.map((r) =>
    r.waived ? `waived until ${r.waived.expires}: ${r.waived.reason}` : `${r.status}: ${r.reason}`,
  );
  return { kind: 'skipped', message: reason.join(' '), body: details(tc.results) };
}

function testCases(report: ReportDocument): TestCase[] {
  const cases = new Map<string, TestCase>();
  for (const r of report.results) {
    const key = `${r.checkId}\u0000${r.accountId ?? ''}`;
    const tc = cases.get(key) ?? {
      checkId: r.checkId,
      area: r.area,
      title: r.title,
      accountId: r.accountId,
      results: [],
    };
    tc.results.push(r);
    cases.set(key, tc);
  }
  return [...cases.values()];
}

function renderCase(tc: TestCase, o: Outcome): string {
  const name = tc.accountId ? `${tc.checkId} [${tc.accountId}]` : tc.checkId;
  const open = `    <testcase classname="gatehouse.${x(tc.area)}" name="${x(name)}" time="0">`;
  const severity = tc.results[0]!.severity;
  switch (o.kind) {
    case 'passed':
      return `${open}\n      <system-out>${x(`${tc.title}\n${o.body}`)}</system-out>\n    </testcase>`;
    case 'skipped':
      return `${open}\n      <skipped message="${x(o.message)}"/>\n    </testcase>`;
    case 'failure':
    case 'error':
      return `${open}\n      <${o.kind} message="${x(o.message)}" type="${x(severity)}">${x(`${tc.title}\n${o.body}`)}</${o.kind}>\n    </testcase>`;
  }
}

function counts(outcomes: Outcome[]) {
  return {
    tests: outcomes.length,
    failures: outcomes.filter((o) => o.kind === 'failure').length,
    errors: outcomes.filter((o) => o.kind === 'error').length,
    skipped: outcomes.filter((o) => o.kind === 'skipped').length,
  };
}

function attrs(c: ReturnType<typeof counts>): string {
  return `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}"`;
}

/** Renders the report as JUnit XML (the common Jenkins/GitLab/GitHub subset). Pure; all text is escaped. */
export function renderJunit(report: ReportDocument): string {
  const cases = testCases(report).map((tc) => ({ tc, o: outcome(tc) }));
  const areas = [...new Set(cases.map((c) => c.tc.area))];
  const timestamp = report.generatedAt.replace(/\.\d+Z$/, 'Z');
  const suites = areas.map((area) => {
    const inArea = cases.filter((c) => c.tc.area === area);
    return [
      `  <testsuite name="${x(area)}" ${attrs(counts(inArea.map((c) => c.o)))} time="0" timestamp="${x(timestamp)}">`,
      ...inArea.map((c) => renderCase(c.tc, c.o)),
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="gatehouse audit" ${attrs(counts(cases.map((c) => c.o)))} time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
