/**
 * @module Check documentation, generated from the catalogue metadata: one Markdown page per check
 * (`docs/checks/<id>.md`, also what `gatehouse explain` prints) and an index (`docs/checks/README.md`).
 * A test regenerates them and compares with the committed files, so they cannot drift.
 */

import { SEVERITIES } from '../model/desired.js';
import { catalog } from './catalog.js';
import { CHECK_AREAS, type Check } from './define-check.js';
import { parseCisReference } from './frameworks.js';

export const DOCS_UPDATE_COMMAND = 'UPDATE_DOCS=1 npx vitest run src/checks/docs.test.ts';

const GENERATED_NOTE = `<!-- Generated from the check catalogue (src/checks). Do not edit: run \`${DOCS_UPDATE_COMMAND}\`. -->`;

const AREA_TITLES: Record<Check['area'], string> = {
  root: 'Root user',
  account: 'Account contacts',
  organization: 'Organization',
  'identity-center': 'IAM Identity Center',
  iam: 'IAM users',
};

function referenceLines(check: Check): string[] {
  const { cis = [], prowler = [], fsbp = [], docs = [] } = check.references;
  const lines: string[] = [];
  const v3v4 = cis.map(parseCisReference).filter((r) => r.framework.key === 'cis-v3-v4');
  const v7 = cis.map(parseCisReference).filter((r) => r.framework.key === 'cis-v7');
  if (v3v4.length > 0 || v7.length > 0) {
    const parts = [
      ...(v3v4.length > 0 ? [`v3.0 / v4.0.1: ${v3v4.map((r) => r.id).join(', ')}`] : []),
      ...(v7.length > 0 ? [`v7.0: ${v7.map((r) => r.id).join(', ')}`] : []),
    ];
    lines.push(`- CIS AWS Foundations Benchmark ${parts.join('; ')}`);
  }
  if (prowler.length > 0) lines.push(`- Prowler: ${prowler.map((id) => `\`${id}\``).join(', ')}`);
  if (fsbp.length > 0) lines.push(`- AWS Security Hub (FSBP): ${fsbp.join(', ')}`);
  for (const url of docs) lines.push(`- AWS documentation: <${url}>`);
  return lines;
}

function severityText(check: Check): string {
  const escalation = check.severityWhen ? ` (${check.severityWhen.description})` : '';
  return `${check.severity}${escalation}; override with \`audit.severity: { ${check.id}: <level> }\``;
}

/**
 * One check's page, in Markdown: what it checks, why, how gatehouse decides, how to fix it (console,
 * config, CLI) and the framework references. `gatehouse explain ID` prints exactly this.
 */
export function renderCheckDoc(check: Check): string {
  const kind = check.manual
    ? 'manual (AWS has no API: verify in the console, then record an attestation in the config)'
    : 'automated';
  const scope =
    check.scope === 'account'
      ? 'every account in scope (the signed-in account, and member accounts with `--accounts`)'
      : 'once per organization';
  const facts = [
    ...check.requires.map((id) => `\`${id}\``),
    ...check.alsoReads.map((id) => `\`${id}\` (when readable)`),
  ];
  const lines: string[] = [
    `# ${check.id}`,
    '',
    `**${check.title}**`,
    '',
    '| | |',
    '|---|---|',
    `| Severity | ${severityText(check)} |`,
    `| Area | ${AREA_TITLES[check.area]} |`,
    `| Runs | ${scope} |`,
    `| Kind | ${kind} |`,
    `| Reads | ${facts.length > 0 ? facts.join(', ') : 'nothing from AWS'} |`,
    '',
    '## Why it matters',
    '',
    check.rationale,
    '',
    '## How gatehouse decides',
    '',
    ...(check.notes ? [check.notes, ''] : []),
    ...(check.manual ? [`Where to verify it: ${check.manual.consolePath}.`, ''] : []),
    'A fact that cannot be read (access denied, throttled, not collected) makes the finding `error`, never `pass`; a fact that does not apply (no organization, no Identity Center instance) makes it `skipped`, with the reason.',
    '',
    '## How to fix it',
    '',
    '### In the console',
    '',
    check.remediation.console,
    '',
  ];
  if (check.remediation.config) {
    lines.push('### In gatehouse.yaml', '', '```yaml', check.remediation.config, '```', '');
  }
  if (check.remediation.cli) {
    lines.push('### From the command line', '', '```sh', check.remediation.cli, '```', '');
  }
  const refs = referenceLines(check);
  if (refs.length > 0) lines.push('## References', '', ...refs, '');
  return lines.join('\n');
}

/** The index page: every check by area, with severity and framework ids. */
export function renderCheckIndex(checks: readonly Check[] = catalog): string {
  const lines: string[] = [
    GENERATED_NOTE,
    '',
    '# Checks',
    '',
    `gatehouse audit runs ${checks.length} checks. Each page says why the check matters, how gatehouse decides and how to fix a failure; \`gatehouse explain CHECK_ID\` prints the same page.`,
    '',
    'Statuses: `pass`, `fail`, `error` (could not read the evidence: never counted as a pass), `skipped` (not applicable, with the reason), `manual` (AWS has no API; the finding carries the console path) and `attested` (manual, and the config records who verified it and when).',
    '',
    '`--fail-on SEVERITY` (default `high`) makes the audit exit 1 when a finding at or above that severity failed **or could not be judged** (`error`): an unreadable fact never passes a CI gate.',
    '',
    'Attestations (`attestations:` in gatehouse.yaml) turn a manual check into `attested` until they expire (default: 180 days after `on`); an expired one is `manual` again and says when it expired. Waivers (`audit.waivers`) must have a reason and an expiry date: a waived finding keeps its `fail` status, is marked waived in every report format and does not count towards `--fail-on`; an expired waiver has no effect and the finding says it expired. Waivers never hide `error` findings. Expiry dates count through the end of that day (UTC).',
    '',
  ];
  for (const area of CHECK_AREAS) {
    const inArea = checks.filter((c) => c.area === area);
    if (inArea.length === 0) continue;
    lines.push(`## ${AREA_TITLES[area]}`, '', '| Check | Severity | Good condition | CIS |', '|---|---|---|---|');
    for (const c of inArea) {
      const cis = (c.references.cis ?? []).map((r) => r.replace('v7.0:', 'v7 ')).join(', ') || '—';
      const severity = c.manual ? `${c.severity} (manual)` : c.severity;
      lines.push(`| [\`${c.id}\`](${c.id}.md) | ${severity} | ${c.title} | ${cis} |`);
    }
    lines.push('');
  }
  lines.push(`Severity order: ${SEVERITIES.join(' > ')}.`, '');
  return lines.join('\n');
}

/** Every generated file under docs/checks: file name → content. */
export function checkDocFiles(checks: readonly Check[] = catalog): Map<string, string> {
  const files = new Map<string, string>();
  files.set('README.md', renderCheckIndex(checks));
  for (const check of checks) files.set(`${check.id}.md`, `${GENERATED_NOTE}\n\n${renderCheckDoc(check)}`);
  return files;
}
