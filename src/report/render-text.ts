/**
 * @module The terminal report: grouped by severity then area, one glyph per finding, a summary line;
 * colour only when asked. Views: `all` (every result), `problems` (failures, errors and manual items;
 * the rest as one count line) and `quiet` (failures and errors, then the verdict). A check with many
 * findings is one entry with a count and its first few subjects (JSON and HTML list them all).
 */

import pc from 'picocolors';
import type { CheckStatus } from '../checks/define-check.js';
import { visibleData } from '../util/visible-text.js';
import type { ReportDocument, ReportResult } from './document.js';
import {
  groupBySeverityAndArea,
  STATUS_GLYPHS,
  scopeLine,
  showsAccounts,
  summaryLine,
  thresholdLine,
} from './format.js';

type Colors = ReturnType<typeof pc.createColors>;

export type TextView = 'all' | 'problems' | 'quiet';

export interface TextOptions {
  /** ANSI colours; false (the default) produces plain text with no escape codes. */
  color?: boolean;
  /** Which results are listed (default `all`). The summary line always counts every result. */
  view?: TextView;
}

/** Findings of one check beyond this many are folded into one entry with a count. */
const FOLD_OVER = 5;
/** Subjects shown in a folded entry. */
const FOLD_SHOWN = 3;

function isShown(r: ReportResult, view: TextView): boolean {
  if (view === 'all') return true;
  if (r.waived) return false;
  if (view === 'quiet') return r.status === 'fail' || r.status === 'error';
  return r.status === 'fail' || r.status === 'error' || r.status === 'manual';
}

/** "23 passed, 2 attested, 14 skipped, 1 waived not shown": what a view leaves out, in one line. */
function hiddenLine(hidden: ReportResult[]): string | undefined {
  if (hidden.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const r of hidden) {
    const key = r.waived ? 'waived' : r.status === 'pass' ? 'passed' : r.status;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return `${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')} not shown (\`--all\` lists every check)`;
}

/** Consecutive results of one check and status, folded when there are many. */
function foldedLines(results: ReportResult[], idWidth: number, accounts: boolean, c: Colors): string[] {
  const out: string[] = [];
  for (let i = 0; i < results.length; ) {
    const first = results[i] as ReportResult;
    let j = i;
    while (
      j < results.length &&
      results[j]?.checkId === first.checkId &&
      results[j]?.status === first.status &&
      (results[j]?.waived === undefined) === (first.waived === undefined)
    )
      j += 1;
    const run = results.slice(i, j);
    if (run.length <= FOLD_OVER) {
      for (const r of run) out.push(line(r, idWidth, accounts, c));
    } else {
      const glyph = paintStatus(first.status, STATUS_GLYPHS[first.status], c, first.waived !== undefined);
      out.push(
        `    ${glyph} ${c.bold(first.checkId.padEnd(idWidth))}  ${run.length} findings, the first ${FOLD_SHOWN}:`,
      );
      for (const r of run.slice(0, FOLD_SHOWN))
        out.push(`        ${accounts && r.accountId ? `${r.accountId}  ` : ''}${r.reason}`);
      out.push(c.dim(`        … and ${run.length - FOLD_SHOWN} more (\`--format json\` or \`html\` lists them all)`));
    }
    i = j;
  }
  return out;
}

function paintStatus(status: CheckStatus, text: string, c: Colors, waived: boolean): string {
  if (waived) return c.dim(text);
  switch (status) {
    case 'pass':
      return c.green(text);
    case 'fail':
      return c.red(text);
    case 'error':
      return c.yellow(text);
    case 'manual':
      return c.cyan(text);
    case 'attested':
      return c.blue(text);
    case 'skipped':
      return c.dim(text);
  }
}

function line(r: ReportResult, idWidth: number, accounts: boolean, c: Colors): string {
  const glyph = paintStatus(r.status, STATUS_GLYPHS[r.status], c, r.waived !== undefined);
  const id = r.checkId.padEnd(idWidth);
  const account = accounts ? `${(r.accountId ?? '-').padEnd(12)}  ` : '';
  const waived = r.waived ? c.dim(` (waived until ${r.waived.expires}: ${r.waived.reason})`) : '';
  return `    ${glyph} ${c.bold(id)}  ${account}${r.reason}${waived}`;
}

/**
 * Renders the report for a terminal. Pure: same document and options, same text.
 *
 * @example
 * process.stdout.write(renderText(report, { color: process.stdout.isTTY }));
 */
export function renderText(input: ReportDocument, options: TextOptions = {}): string {
  // Names and reasons come from AWS: no control character of theirs reaches the text (see visible-text.ts).
  const report = visibleData(input);
  const c = pc.createColors(options.color === true);
  const view = options.view ?? 'all';
  const accounts = showsAccounts(report);
  const out: string[] =
    view === 'quiet' ? [] : [c.bold(`gatehouse audit · ${report.generatedAt}`), c.dim(scopeLine(report)), ''];
  const shown = { ...report, results: report.results.filter((r) => isShown(r, view)) };
  for (const group of groupBySeverityAndArea(shown)) {
    out.push(c.bold(group.severity.toUpperCase()));
    const idWidth = Math.max(...group.areas.flatMap((a) => a.results.map((r) => r.checkId.length)));
    for (const area of group.areas) {
      out.push(`  ${c.dim(area.area)}`);
      out.push(...foldedLines(area.results, idWidth, accounts, c));
    }
    out.push('');
  }
  if (report.results.length === 0) out.push('No checks ran.', '');
  const hidden = hiddenLine(report.results.filter((r) => !isShown(r, view)));
  if (hidden && view === 'problems') out.push(c.green(hidden), '');
  out.push(c.bold(summaryLine(report)));
  const threshold = thresholdLine(report);
  if (threshold) out.push(report.summary.passedThreshold === false ? c.red(threshold) : threshold);
  const actionable = report.results.some((r) => r.status === 'fail' || r.status === 'error' || r.status === 'manual');
  if (actionable && view !== 'quiet') {
    out.push(c.dim('Run `gatehouse explain CHECK_ID` for why a check matters and how to fix it.'));
  }
  return `${out.join('\n')}\n`;
}
