/**
 * @module The HTML report: ONE self-contained file (inline CSS, inline SVG charts, no scripts, no
 * external requests: links to AWS docs are shown as text), readable on screen and on paper, with
 * every piece of text escaped.
 */

import { findCheck } from '../checks/catalog.js';
import type { CheckStatus } from '../checks/define-check.js';
import type { Severity } from '../model/desired.js';
import type { ReportDocument, ReportResult } from './document.js';
import { escapeHtml as h } from './escape.js';
import {
  bySeverity,
  groupByCheck,
  isBlockingFail,
  SEVERITY_ORDER,
  scopeLine,
  summaryLine,
  thresholdLine,
} from './format.js';

const STATUS_COLORS: Record<CheckStatus | 'waived', string> = {
  fail: '#c62828',
  error: '#e65100',
  manual: '#1565c0',
  attested: '#6a1b9a',
  pass: '#2e7d32',
  skipped: '#9e9e9e',
  waived: '#bcaaa4',
};

const SEVERITY_COLORS: Record<Severity, string> = {
  critical: '#b71c1c',
  high: '#e53935',
  medium: '#fb8c00',
  low: '#fdd835',
  info: '#90a4ae',
};

const STATUS_LABELS: Record<CheckStatus | 'waived', string> = {
  fail: 'Failed',
  error: 'Could not judge',
  manual: 'Manual',
  attested: 'Attested',
  pass: 'Passed',
  skipped: 'Skipped',
  waived: 'Waived',
};

const CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; font: 14px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 0 0 6px; }
.meta, .muted { color: var(--muted); }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); padding: 1px 4px; border-radius: 4px; word-break: break-all; }
pre { font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; overflow-x: auto; white-space: pre-wrap; }
.summary { display: flex; gap: 32px; align-items: center; flex-wrap: wrap; margin-top: 16px; padding: 16px; border: 1px solid var(--line); border-radius: 8px; }
.headline { font-size: 16px; font-weight: 600; margin: 0 0 4px; }
.legend { border-collapse: collapse; margin-top: 8px; }
.legend td { padding: 2px 12px 2px 0; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
table.findings { width: 100%; border-collapse: collapse; margin-top: 8px; }
table.findings th, table.findings td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
table.findings th { background: var(--soft); font-weight: 600; }
.check { border: 1px solid var(--line); border-left: 4px solid ${STATUS_COLORS.fail}; border-radius: 6px; padding: 12px 16px; margin: 12px 0; break-inside: avoid; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; }
.sev-low { color: #1f2328; }
ul.plain { margin: 6px 0; padding-left: 20px; }
.manual li { list-style: none; margin-left: -20px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  .summary, .check, pre { border-color: #999; }
  h2 { break-after: avoid; }
  tr, .check, li { break-inside: avoid; }
  code, pre, table.findings th { background: none; }
}
`.trim();

function severityBadge(severity: Severity): string {
  const cls = severity === 'low' ? ' sev-low' : '';
  return `<span class="badge${cls}" style="background:${SEVERITY_COLORS[severity]}">${h(severity)}</span>`;
}

function statusCounts(report: ReportDocument): { key: CheckStatus | 'waived'; count: number }[] {
  const { byStatus, waived } = report.summary;
  return [
    { key: 'fail', count: byStatus.fail - waived },
    { key: 'waived', count: waived },
    { key: 'error', count: byStatus.error },
    { key: 'manual', count: byStatus.manual },
    { key: 'attested', count: byStatus.attested },
    { key: 'pass', count: byStatus.pass },
    { key: 'skipped', count: byStatus.skipped },
  ];
}

/** A donut of the results per status: one stroked circle per segment on a circumference of 100. */
function donut(report: ReportDocument): string {
  const total = report.summary.total;
  const radius = 15.91549430918954;
  let offset = 25;
  const segments = statusCounts(report)
    .filter((s) => s.count > 0)
    .map((s) => {
      const share = (s.count / total) * 100;
      const circle = `<circle cx="21" cy="21" r="${radius}" fill="none" stroke="${STATUS_COLORS[s.key]}" stroke-width="6" stroke-dasharray="${share.toFixed(3)} ${(100 - share).toFixed(3)}" stroke-dashoffset="${offset.toFixed(3)}"><title>${h(`${STATUS_LABELS[s.key]}: ${s.count}`)}</title></circle>`;
      offset -= share;
      return circle;
    });
  const failed = report.summary.byStatus.fail - report.summary.waived;
  const label = `${total} results: ${statusCounts(report)
    .filter((s) => s.count > 0)
    .map((s) => `${s.count} ${STATUS_LABELS[s.key].toLowerCase()}`)
    .join(', ')}`;
  return [
    `<svg class="donut" width="180" height="180" viewBox="0 0 42 42" role="img" aria-label="${h(label)}">`,
    `<circle cx="21" cy="21" r="${radius}" fill="none" stroke="#eaeef2" stroke-width="6"/>`,
    ...segments,
    `<text x="21" y="21" text-anchor="middle" font-size="7" font-weight="700" fill="${failed > 0 ? STATUS_COLORS.fail : STATUS_COLORS.pass}">${failed}</text>`,
    '<text x="21" y="27" text-anchor="middle" font-size="3.2" fill="#57606a">failed</text>',
    '</svg>',
  ].join('');
}

/** Horizontal bars of the unwaived failures per severity. */
function severityBars(report: ReportDocument): string {
  const counts = SEVERITY_ORDER.map((s) => ({ s, n: report.summary.bySeverity[s] }));
  const max = Math.max(1, ...counts.map((c) => c.n));
  const rows = counts.map(({ s, n }, i) => {
    const y = i * 22;
    const width = (n / max) * 200;
    return [
      `<text x="0" y="${y + 14}" font-size="12" fill="#1f2328">${h(s)}</text>`,
      `<rect x="70" y="${y + 3}" width="${width.toFixed(1)}" height="14" rx="2" fill="${SEVERITY_COLORS[s]}"/>`,
      `<text x="${(76 + width).toFixed(1)}" y="${y + 14}" font-size="12" fill="#1f2328">${n}</text>`,
    ].join('');
  });
  return `<svg class="bars" width="300" height="${counts.length * 22}" viewBox="0 0 300 ${counts.length * 22}" role="img" aria-label="${h(`Failures by severity: ${counts.map((c) => `${c.n} ${c.s}`).join(', ')}`)}">${rows.join('')}</svg>`;
}

function legend(report: ReportDocument): string {
  const rows = statusCounts(report)
    .filter((s) => s.count > 0 || s.key === 'fail' || s.key === 'pass')
    .map(
      (s) =>
        `<tr><td><span class="swatch" style="background:${STATUS_COLORS[s.key]}"></span>${h(STATUS_LABELS[s.key])}</td><td>${s.count}</td></tr>`,
    );
  return `<table class="legend">${rows.join('')}</table>`;
}

function where(r: ReportResult): string {
  return `${r.accountId ? `<code>${h(r.accountId)}</code> ` : ''}<code>${h(r.resource)}</code>`;
}

function referencesText(checkId: string): string {
  const refs = findCheck(checkId)?.references;
  if (!refs) return '';
  const parts = [
    ...(refs.cis?.length ? [`CIS ${refs.cis.map((r) => r.replace('v7.0:', 'v7 ')).join(', ')}`] : []),
    ...(refs.prowler?.length ? [`Prowler ${refs.prowler.join(', ')}`] : []),
    ...(refs.fsbp?.length ? [`FSBP ${refs.fsbp.join(', ')}`] : []),
  ];
  const docs = (refs.docs ?? []).map((u) => `<code>${h(u)}</code>`);
  if (parts.length === 0 && docs.length === 0) return '';
  return `<p class="muted">References: ${h(parts.join(' · '))}${docs.length > 0 ? `${parts.length > 0 ? ' · ' : ''}${docs.join(' ')}` : ''}</p>`;
}

function failedSection(failed: ReportResult[]): string {
  if (failed.length === 0) return '';
  const articles = groupByCheck(bySeverity(failed)).map((group) => {
    const first = group.results[0]!;
    const check = findCheck(first.checkId);
    const findings = group.results.map((r) => `<li>${where(r)} ${h(r.reason)}</li>`).join('');
    const config = check?.remediation.config
      ? `<p>In <code>gatehouse.yaml</code>:</p><pre>${h(check.remediation.config)}</pre>`
      : '';
    const cli = check?.remediation.cli ? `<p>From the command line:</p><pre>${h(check.remediation.cli)}</pre>` : '';
    return [
      `<article class="check" id="${h(first.checkId)}">`,
      `<h3>${severityBadge(first.severity)} <code>${h(first.checkId)}</code> ${h(first.title)}</h3>`,
      `<ul class="plain">${findings}</ul>`,
      `<p><strong>How to fix:</strong> ${h(first.remediation)}</p>`,
      config,
      cli,
      referencesText(first.checkId),
      '</article>',
    ].join('');
  });
  return `<section id="failed"><h2>Failed (${failed.length})</h2>${articles.join('')}</section>`;
}

function table(id: string, title: string, results: ReportResult[], extra?: (r: ReportResult) => string): string {
  if (results.length === 0) return '';
  const rows = bySeverity(results).map(
    (r) =>
      `<tr><td>${severityBadge(r.severity)}</td><td><code>${h(r.checkId)}</code><br><span class="muted">${h(r.title)}</span></td><td>${where(r)}</td><td>${h(r.reason)}${extra ? extra(r) : ''}</td></tr>`,
  );
  return `<section id="${id}"><h2>${h(title)} (${results.length})</h2><table class="findings"><thead><tr><th>Severity</th><th>Check</th><th>Where</th><th>Finding</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function manualSection(manual: ReportResult[], attested: ReportResult[]): string {
  if (manual.length === 0 && attested.length === 0) return '';
  const items = [
    ...bySeverity(manual).map(
      (r) =>
        `<li>☐ ${severityBadge(r.severity)} <code>${h(r.checkId)}</code> ${h(r.title)}<br><span class="muted">Verify: ${h(r.remediation)}</span></li>`,
    ),
    ...bySeverity(attested).map(
      (r) =>
        `<li>☑ ${severityBadge(r.severity)} <code>${h(r.checkId)}</code> ${h(r.title)}<br><span class="muted">${h(r.reason)}</span></li>`,
    ),
  ];
  return `<section id="manual" class="manual"><h2>Manual steps (${manual.length + attested.length})</h2><p class="muted">AWS offers no API for these: verify them in the console, then record it under <code>attestations:</code> in gatehouse.yaml.</p><ul class="plain">${items.join('')}</ul></section>`;
}

/**
 * Renders the report as a single self-contained HTML page. Pure; no scripts, no external resources.
 *
 * @example
 * writeFileAtomic('audit.html', renderHtml(report));
 */
export function renderHtml(report: ReportDocument): string {
  const results = report.results;
  const threshold = thresholdLine(report);
  const body = [
    '<header>',
    '<h1>gatehouse audit report</h1>',
    `<p class="meta">${h(scopeLine(report))}<br>${h(report.generatedAt)} · gatehouse ${h(report.tool.version)} · config hash <code>${h(report.config.hash)}</code></p>`,
    '</header>',
    '<section class="summary">',
    donut(report),
    `<div><p class="headline">${h(summaryLine(report))}</p>${threshold ? `<p>${h(threshold)}</p>` : ''}${legend(report)}</div>`,
    `<div><p class="muted">Failures by severity</p>${severityBars(report)}</div>`,
    '</section>',
    failedSection(results.filter(isBlockingFail)),
    table(
      'errors',
      'Could not judge',
      results.filter((r) => r.status === 'error'),
    ),
    manualSection(
      results.filter((r) => r.status === 'manual'),
      results.filter((r) => r.status === 'attested'),
    ),
    table(
      'waived',
      'Waived',
      results.filter((r) => r.status === 'fail' && r.waived),
      (r) =>
        r.waived ? `<br><span class="muted">Waived until ${h(r.waived.expires)}: ${h(r.waived.reason)}</span>` : '',
    ),
    table(
      'passed',
      'Passed',
      results.filter((r) => r.status === 'pass'),
    ),
    table(
      'skipped',
      'Skipped',
      results.filter((r) => r.status === 'skipped'),
    ),
    `<footer>Generated by gatehouse ${h(report.tool.version)} (report format ${report.formatVersion}). Run <code>gatehouse explain CHECK_ID</code> for a check's full documentation.</footer>`,
  ];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(`gatehouse audit · ${summaryLine(report)}`)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    ...body.filter((part) => part !== ''),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
