/**
 * @module SARIF 2.1.0 for GitHub code scanning (`gatehouse audit --format sarif`): one rule per check,
 * one result per failing (or unjudgeable) finding, waived/manual/attested findings kept as suppressed
 * results. Pure: where a finding sits in the config is given by the caller (see config-locations.ts).
 */

import { createHash } from 'node:crypto';
import type { Severity } from '../model/desired.js';
import type { ReportCheck, ReportDocument, ReportResult } from './document.js';

/** A 1-based position in a config file. */
export interface ConfigLocation {
  file: string;
  line: number;
  column: number;
}

export interface SarifOptions {
  /** Where in the config a finding comes from, or undefined when it is about AWS only. */
  locate?: (result: ReportResult) => ConfigLocation | undefined;
}

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/gatehouse-aws';

/**
 * GitHub maps `security-severity` to its own labels: over 9.0 critical, 7.0–8.9 high, 4.0–6.9
 * medium, 0.1–3.9 low. Each value sits inside the band of the check's severity.
 */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.5',
  info: '0.0',
};

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** `root.mfa-enabled` → `RootMfaEnabled`: SARIF's rule name is an identifier-like word. */
function ruleName(checkId: string): string {
  return checkId
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function helpText(check: ReportCheck): string {
  const lines = [check.rationale, '', `Fix in the console: ${check.remediation.console}`];
  if (check.remediation.config) lines.push(`Fix in gatehouse.yaml: ${check.remediation.config}`);
  if (check.remediation.cli) lines.push(`Fix from the command line: ${check.remediation.cli}`);
  if (check.manual && check.consolePath) lines.push(`Verify in the console: ${check.consolePath}`);
  lines.push(`More: gatehouse explain ${check.id}`);
  return lines.join('\n');
}

function helpMarkdown(check: ReportCheck): string {
  const lines = [check.rationale, '', `**Fix in the console:** ${check.remediation.console}`];
  if (check.remediation.config) lines.push('', '**Fix in gatehouse.yaml:**', '', fenced(check.remediation.config));
  if (check.remediation.cli) lines.push('', '**Fix from the command line:**', '', fenced(check.remediation.cli));
  lines.push('', `More: \`gatehouse explain ${check.id}\``);
  return lines.join('\n');
}

function fenced(text: string): string {
  const fence = text.includes('```') ? '~~~~' : '```';
  return `${fence}\n${text}\n${fence}`;
}

function rule(check: ReportCheck) {
  const helpUri = check.references.docs?.[0];
  return {
    id: check.id,
    name: ruleName(check.id),
    shortDescription: { text: check.title },
    fullDescription: { text: check.rationale },
    help: { text: helpText(check), markdown: helpMarkdown(check) },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: LEVEL[check.severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[check.severity],
      precision: 'very-high',
      tags: ['security', 'aws', check.area, ...(check.references.cis ?? []).map((id) => `CIS ${id}`)],
    },
  };
}

type Suppression = { kind: 'external'; status: 'accepted' | 'underReview'; justification: string };

/** Waived, manual and attested findings stay in the log, suppressed with the reason (never dropped). */
function suppressionOf(r: ReportResult): Suppression | undefined {
  if (r.status === 'fail' && r.waived) {
    return {
      kind: 'external',
      status: 'accepted',
      justification: `waived until ${r.waived.expires}: ${r.waived.reason}`,
    };
  }
  if (r.status === 'attested' && r.attestation) {
    const note = r.attestation.note ? ` (${r.attestation.note})` : '';
    return {
      kind: 'external',
      status: 'accepted',
      justification: `attested by ${r.attestation.by} on ${r.attestation.on}, valid until ${r.attestation.expires}${note}`,
    };
  }
  if (r.status === 'manual') {
    return {
      kind: 'external',
      status: 'underReview',
      justification: 'AWS has no API for this: verify it in the console, then record an attestation in the config',
    };
  }
  return undefined;
}

/** Stable across runs, so GitHub tracks one alert per (check, account, resource). */
function fingerprint(r: ReportResult): string {
  return createHash('sha256')
    .update(`${r.checkId}\u0000${r.accountId ?? ''}\u0000${r.resource}`)
    .digest('hex')
    .slice(0, 32);
}

function logicalLocations(r: ReportResult) {
  const locations: { name: string; fullyQualifiedName: string; kind: string }[] = [];
  if (r.accountId) {
    locations.push({ name: r.accountId, fullyQualifiedName: `account/${r.accountId}`, kind: 'namespace' });
  }
  const name = r.resource.includes('/') ? r.resource.slice(r.resource.indexOf('/') + 1) : r.resource;
  locations.push({ name, fullyQualifiedName: r.resource, kind: 'resource' });
  return locations;
}

function resultOf(r: ReportResult, index: number, options: SarifOptions) {
  const suppression = suppressionOf(r);
  // A finding that could not be judged fails closed: shown like a failure, never as a pass.
  const failing = r.status === 'fail' || r.status === 'error';
  const text = r.status === 'error' ? `Could not be judged (treated as failing): ${r.reason}` : r.reason;
  const place = options.locate?.(r);
  return {
    ruleId: r.checkId,
    ruleIndex: index,
    // SARIF: a kind other than `fail` carries level `none`.
    kind: failing ? 'fail' : 'review',
    level: failing ? LEVEL[r.severity] : 'none',
    message: { text: r.accountId ? `${text} (account ${r.accountId}, ${r.resource})` : `${text} (${r.resource})` },
    locations: [
      {
        ...(place
          ? {
              physicalLocation: {
                artifactLocation: { uri: toUri(place.file) },
                region: { startLine: Math.max(1, place.line), startColumn: Math.max(1, place.column) },
              },
            }
          : {}),
        logicalLocations: logicalLocations(r),
      },
    ],
    partialFingerprints: { 'gatehouse/finding/v1': fingerprint(r) },
    ...(suppression ? { suppressions: [suppression] } : {}),
    properties: { status: r.status, severity: r.severity, ...(r.accountId ? { accountId: r.accountId } : {}) },
  };
}

/** A relative path with forward slashes, as code scanning resolves it against the repository root. */
function toUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** Statuses that become SARIF results: passes and not-applicable ones are left out (code scanning closes them). */
function reported(r: ReportResult): boolean {
  return r.status === 'fail' || r.status === 'error' || r.status === 'manual' || r.status === 'attested';
}

export function renderSarif(report: ReportDocument, options: SarifOptions = {}): string {
  const ruleIndex = new Map(report.checks.map((check, i) => [check.id, i]));
  const results = report.results
    .filter(reported)
    .map((r) => resultOf(r, ruleIndex.get(r.checkId) ?? -1, options))
    .filter((r) => r.ruleIndex >= 0);
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'gatehouse',
            semanticVersion: report.tool.version,
            version: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: report.checks.map(rule),
          },
        },
        automationDetails: {
          id: `gatehouse/audit/${report.scope.organizationId ?? report.scope.callerAccountId ?? 'unknown'}/`,
        },
        invocations: [{ executionSuccessful: true, endTimeUtc: report.generatedAt }],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
