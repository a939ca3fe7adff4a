/** @module The terminal report: grouped by severity then area, one glyph per finding, a summary line; colour only when asked. */

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

export interface TextOptions {
  /** ANSI colours; false (the default) produces plain text with no escape codes. */
  color?: boolean;
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
  const accounts = showsAccounts(report);
  const out: string[] = [c.bold(`gatehouse audit · ${report.generatedAt}`), c.dim(scopeLine(report)), ''];
  for (const group of groupBySeverityAndArea(report)) {
    out.push(c.bold(group.severity.toUpperCase()));
    const idWidth = Math.max(...group.areas.flatMap((a) => a.results.map((r) => r.checkId.length)));
    for (const area of group.areas) {
      out.push(`  ${c.dim(area.area)}`);
      for (const r of area.results) out.push(line(r, idWidth, accounts, c));
    }
    out.push('');
  }
  if (report.results.length === 0) out.push('No checks ran.', '');
  out.push(c.bold(summaryLine(report)));
  const threshold = thresholdLine(report);
  if (threshold) out.push(report.summary.passedThreshold === false ? c.red(threshold) : threshold);
  if (report.results.some((r) => r.status === 'fail' || r.status === 'error' || r.status === 'manual')) {
    out.push(c.dim('Run `gatehouse explain CHECK_ID` for why a check matters and how to fix it.'));
  }
  return `${out.join('\n')}\n`;
}
