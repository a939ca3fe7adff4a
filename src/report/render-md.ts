/**
 * @module The Markdown report, for a pull-request comment: a summary table, failures first with how
 * to fix them, errors, manual steps as a checklist, and the rest collapsed in `<details>`.
 */

import { findCheck } from '../checks/catalog.js';
import type { ReportDocument, ReportResult } from './document.js';
import { escapeMarkdown as md } from './escape.js';
import {
  bySeverity,
  groupByCheck,
  isBlockingFail,
  STATUS_GLYPHS,
  scopeLine,
  summaryLine,
  thresholdLine,
} from './format.js';

function where(r: ReportResult): string {
  const account = r.accountId ? `\`${r.accountId}\` · ` : '';
  return `${account}${md(r.resource)}`;
}

function findingLines(results: ReportResult[]): string[] {
  return results.map((r) => `- ${where(r)}: ${md(r.reason)}`);
}

function failedSection(failed: ReportResult[]): string[] {
  if (failed.length === 0) return [];
  const lines = ['### ✗ Failed', ''];
  for (const group of groupByCheck(bySeverity(failed))) {
    const first = group.results[0]!;
    lines.push(`#### \`${first.checkId}\` · ${first.severity} — ${md(first.title)}`, '');
    lines.push(...findingLines(group.results), '');
    const check = findCheck(first.checkId);
    lines.push(`**How to fix:** ${md(first.remediation)}`, '');
    if (check?.remediation.config)
      lines.push('In `gatehouse.yaml`:', '', '```yaml', check.remediation.config, '```', '');
    if (check?.remediation.cli) lines.push('From the command line:', '', '```sh', check.remediation.cli, '```', '');
    lines.push(`More: \`gatehouse explain ${first.checkId}\``, '');
  }
  return lines;
}

function listSection(title: string, results: ReportResult[]): string[] {
  if (results.length === 0) return [];
  const lines = [title, ''];
  for (const r of bySeverity(results)) {
    const waiver = r.waived ? ` — waived until ${r.waived.expires}: ${md(r.waived.reason)}` : '';
    lines.push(`- **\`${r.checkId}\`** (${r.severity}) ${where(r)}: ${md(r.reason)}${waiver}`);
  }
  return [...lines, ''];
}

function manualSection(manual: ReportResult[], attested: ReportResult[]): string[] {
  if (manual.length === 0 && attested.length === 0) return [];
  const lines = [
    '### Manual steps',
    '',
    'AWS offers no API for these: verify them in the console, then record it under `attestations:` in gatehouse.yaml.',
    '',
  ];
  for (const r of bySeverity(manual)) {
    lines.push(`- [ ] **\`${r.checkId}\`** (${r.severity}) ${md(r.title)}: ${md(r.remediation)}`);
  }
  for (const r of bySeverity(attested)) {
    lines.push(`- [x] **\`${r.checkId}\`** (${r.severity}) ${md(r.title)}: ${md(r.reason)}`);
  }
  return [...lines, ''];
}

function collapsed(summary: string, results: ReportResult[]): string[] {
  if (results.length === 0) return [];
  return [
    '<details>',
    `<summary>${summary}</summary>`,
    '',
    ...results.map((r) => `- \`${r.checkId}\` ${where(r)}: ${md(r.reason)}`),
    '',
    '</details>',
    '',
  ];
}

/** Renders the report as GitHub-flavoured Markdown. Pure; all text from AWS is escaped. */
export function renderMarkdown(report: ReportDocument): string {
  const results = report.results;
  const failed = results.filter(isBlockingFail);
  const waived = results.filter((r) => r.status === 'fail' && r.waived);
  const errors = results.filter((r) => r.status === 'error');
  const passed = results.filter((r) => r.status === 'pass');
  const skipped = results.filter((r) => r.status === 'skipped');
  const { byStatus } = report.summary;
  const threshold = thresholdLine(report);
  const lines = [
    '## gatehouse audit',
    '',
    `**${md(summaryLine(report))}**`,
    '',
    `${md(scopeLine(report))} · ${report.generatedAt}`,
    '',
    ...(threshold ? [md(threshold), ''] : []),
    '| Status | Count |',
    '|---|---:|',
    `| ${STATUS_GLYPHS.fail} failed | ${failed.length} |`,
    ...(waived.length > 0 ? [`| ${STATUS_GLYPHS.fail} waived | ${waived.length} |`] : []),
    `| ${STATUS_GLYPHS.error} could not judge | ${byStatus.error} |`,
    `| ${STATUS_GLYPHS.manual} manual | ${byStatus.manual} |`,
    `| ${STATUS_GLYPHS.attested} attested | ${byStatus.attested} |`,
    `| ${STATUS_GLYPHS.pass} passed | ${byStatus.pass} |`,
    `| ${STATUS_GLYPHS.skipped} skipped | ${byStatus.skipped} |`,
    '',
    ...failedSection(failed),
    ...listSection('### ! Could not judge', errors),
    ...manualSection(
      results.filter((r) => r.status === 'manual'),
      results.filter((r) => r.status === 'attested'),
    ),
    ...listSection('### Waived', waived),
    ...collapsed(`${STATUS_GLYPHS.pass} ${passed.length} passed`, passed),
    ...collapsed(`${STATUS_GLYPHS.skipped} ${skipped.length} skipped`, skipped),
  ];
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
