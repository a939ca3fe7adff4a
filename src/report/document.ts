/**
 * @module The audit report document: a versioned, public JSON contract. The zod schema below is the
 * single source of its TypeScript type and of `schema/report.schema.json`; every renderer (text, md,
 * junit, html) reads this document and nothing else.
 */

import { z } from 'zod';
import { findCheck } from '../checks/catalog.js';
import { CHECK_AREAS, CHECK_STATUSES, type CheckStatus, remediationOn } from '../checks/define-check.js';
import type { CheckResult } from '../checks/run.js';
import { InternalError } from '../errors.js';
import { type DesiredState, SEVERITIES, type Severity } from '../model/desired.js';
import type { Snapshot } from '../observe/snapshot.js';

/** Bumped only for changes that break readers; adding an optional field is not one. */
export const REPORT_FORMAT_VERSION = 1;

/** `--fail-on`: the lowest severity that makes the audit exit 1, or `never`. */
export type FailOn = Severity | 'never';
export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, 'never'];

const severity = z.enum(SEVERITIES as [Severity, ...Severity[]]);
const status = z.enum(CHECK_STATUSES as [CheckStatus, ...CheckStatus[]]);
const accountId = z
  .string()
  .regex(/^\d{12}$/)
  .describe('A 12-digit AWS account id (a string: leading zeros matter).');
const isoDate = z.iso.date().describe('An ISO-8601 date, YYYY-MM-DD.');
const count = z.number().int().min(0);
const checkId = z
  .string()
  .regex(/^[a-z]+(?:-[a-z]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .describe('A check id, `<area>.<condition>` (see docs/checks).');

const references = z
  .strictObject({
    cis: z
      .array(z.string())
      .optional()
      .describe('CIS AWS Foundations Benchmark ids: `1.5` is the v3.0/v4.0.1 numbering, `v7.0:2.5` the v7.0 one.'),
    prowler: z.array(z.string()).optional().describe('Prowler check ids.'),
    fsbp: z.array(z.string()).optional().describe('AWS Security Hub Foundational Security Best Practices control ids.'),
    docs: z.array(z.string()).optional().describe('AWS documentation URLs.'),
  })
  .describe('Where the check maps to the frameworks and scanners users already run.');

export const ReportResultSchema = z
  .strictObject({
    checkId,
    title: z.string().describe('The good condition the check verifies.'),
    severity: severity.describe('Effective severity: the config override, else the check default.'),
    area: z.enum(CHECK_AREAS),
    status: status.describe(
      'pass | fail | error (could not judge: never a pass) | skipped (not applicable) | manual (no API: verify in the console) | attested (manual, verified per the config).',
    ),
    accountId: accountId.optional().describe('The account the finding is about, when it is about one.'),
    resource: z
      .string()
      .min(1)
      .describe('What was judged: an ARN, an address such as permission-set/Admin, or account/<id>.'),
    reason: z.string().min(1).describe('One sentence for a human: what was found.'),
    waived: z
      .strictObject({ reason: z.string(), expires: isoDate })
      .optional()
      .describe('A `fail` covered by an unexpired waiver from the config; it does not count towards failOn.'),
    attestation: z
      .strictObject({ by: z.string(), on: isoDate, expires: isoDate, note: z.string().optional() })
      .optional()
      .describe('Who verified an `attested` manual check, when, and until when it counts.'),
    remediation: z
      .string()
      .describe('How to fix it in the console (the console path); see checks[].remediation for config and CLI.'),
    references,
  })
  .describe('One finding of one check.');

export const ReportCheckSchema = z
  .strictObject({
    id: checkId,
    title: z.string(),
    area: z.enum(CHECK_AREAS),
    scope: z.enum(['organization', 'account']),
    severity: severity.describe('Effective severity in this run.'),
    defaultSeverity: severity,
    manual: z.boolean().describe('AWS has no API for it: verified in the console or attested.'),
    consolePath: z.string().optional().describe('Where to verify a manual check.'),
    rationale: z.string(),
    remediation: z.strictObject({ console: z.string(), config: z.string().optional(), cli: z.string().optional() }),
    references,
    facts: z.array(z.string()).describe('The facts (observations of AWS) the check reads.'),
  })
  .describe('Metadata of a check that ran.');

const byStatus = z.strictObject({
  pass: count,
  fail: count,
  error: count,
  skipped: count,
  manual: count,
  attested: count,
});

const bySeverity = z.strictObject({ critical: count, high: count, medium: count, low: count, info: count });

export const ReportSummarySchema = z.strictObject({
  total: count.describe('Number of results.'),
  byStatus: byStatus.describe('Results per status; `fail` includes waived failures.'),
  waived: count.describe('Failures covered by an unexpired waiver.'),
  bySeverity: bySeverity.describe('Failures that are not waived, per severity.'),
  errorsBySeverity: bySeverity.describe('Errors (could not judge) per severity: they count towards failOn too.'),
  failOn: z
    .enum(FAIL_ON_VALUES as [FailOn, ...FailOn[]])
    .optional()
    .describe('The --fail-on threshold of the run.'),
  passedThreshold: z
    .boolean()
    .optional()
    .describe('false when an unwaived failure or an error is at or above failOn (the audit exits 1).'),
});

export const ReportDocumentSchema = z
  .strictObject({
    formatVersion: z.literal(REPORT_FORMAT_VERSION),
    tool: z.strictObject({ name: z.literal('gatehouse'), version: z.string() }),
    generatedAt: z.iso.datetime().describe('When the audit ran (UTC).'),
    scope: z.strictObject({
      callerAccountId: accountId.optional().describe('The account gatehouse was signed in to.'),
      organizationId: z.string().optional(),
      accounts: z.array(accountId).describe('Accounts whose per-account facts were read.'),
      identityCenterRegion: z.string().optional(),
    }),
    config: z.strictObject({
      file: z.string().optional().describe('The config file, absent for the built-in baseline.'),
      hash: z.string().describe('sha256 of the normalised config.'),
      builtInBaseline: z.boolean(),
    }),
    summary: ReportSummarySchema,
    results: z.array(ReportResultSchema).describe('In catalogue order; account checks once per account.'),
    checks: z.array(ReportCheckSchema).describe('The checks that ran, in catalogue order.'),
  })
  .meta({
    title: 'gatehouse audit report',
    description: 'The result of `gatehouse audit --format json` (format version 1).',
  });

export type ReportDocument = z.infer<typeof ReportDocumentSchema>;
export type ReportResult = z.infer<typeof ReportResultSchema>;
export type ReportCheck = z.infer<typeof ReportCheckSchema>;
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

export interface ReportMeta {
  /** The gatehouse version (the CLI passes its package version). */
  toolVersion: string;
  /** ISO-8601 time of the audit (the `now` given to runChecks). */
  generatedAt: string;
  /** What was observed: the scope (caller, organization, accounts, Identity Center region) comes from it. */
  snapshot: Snapshot;
  /** The config the audit judged against (file, hash, built-in or not). */
  desired: DesiredState;
  /** The --fail-on threshold, when there is one: fills `summary.failOn` and `summary.passedThreshold`. */
  failOn?: FailOn;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Severities from `failOn` upwards (`high` → critical, high). */
function atOrAbove(failOn: FailOn): Set<Severity> {
  if (failOn === 'never') return new Set();
  return new Set(SEVERITIES.filter((s) => SEVERITY_RANK[s] >= SEVERITY_RANK[failOn]));
}

/** The results that make the audit fail at `failOn`: unwaived failures and errors (fail closed). */
export function blockingResults(report: Pick<ReportDocument, 'results'>, failOn: FailOn): ReportResult[] {
  const severities = atOrAbove(failOn);
  return report.results.filter(
    (r) => severities.has(r.severity) && ((r.status === 'fail' && !r.waived) || r.status === 'error'),
  );
}

/**
 * Whether the audit must exit 1: an unwaived failure, or an error (evidence that could not be read),
 * at or above `failOn`. Errors count because "could not read" must never pass a CI gate.
 */
export function exceedsThreshold(report: Pick<ReportDocument, 'results'>, failOn: FailOn): boolean {
  return blockingResults(report, failOn).length > 0;
}

function zeroBySeverity(): Record<Severity, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

function summarise(results: ReportResult[], failOn: FailOn | undefined): ReportSummary {
  const statuses = { pass: 0, fail: 0, error: 0, skipped: 0, manual: 0, attested: 0 };
  const failed = zeroBySeverity();
  const errors = zeroBySeverity();
  let waived = 0;
  for (const r of results) {
    statuses[r.status]++;
    if (r.status === 'fail' && r.waived) waived++;
    else if (r.status === 'fail') failed[r.severity]++;
    if (r.status === 'error') errors[r.severity]++;
  }
  return {
    total: results.length,
    byStatus: statuses,
    waived,
    bySeverity: failed,
    errorsBySeverity: errors,
    ...(failOn !== undefined ? { failOn, passedThreshold: !exceedsThreshold({ results }, failOn) } : {}),
  };
}

/**
 * Builds the report document from runner results. Pure.
 *
 * @throws InternalError when a result names a check that is not in the catalogue.
 * @example
 * const report = buildReport(runChecks({ snapshot, desired, now }), { toolVersion, generatedAt: now, snapshot, desired, failOn: 'high' });
 */
export function buildReport(results: readonly CheckResult[], meta: ReportMeta): ReportDocument {
  const checkFor = (id: string) => {
    const check = findCheck(id);
    if (!check) throw new InternalError(`buildReport: result for unknown check "${id}"`);
    return check;
  };
  const reportResults = results.map((r): ReportResult => {
    const check = checkFor(r.checkId);
    return {
      checkId: r.checkId,
      title: check.title,
      severity: r.severity,
      area: check.area,
      status: r.status,
      ...(r.accountId !== undefined ? { accountId: r.accountId } : {}),
      resource: r.resource,
      reason: r.reason,
      ...(r.waived ? { waived: { reason: r.waived.reason, expires: r.waived.expires } } : {}),
      ...(r.attestation ? { attestation: { ...r.attestation } } : {}),
      remediation: check.manual?.consolePath ?? check.remediation.console,
      references: { ...check.references },
    };
  });
  const ran = [...new Set(results.map((r) => r.checkId))];
  const checks = ran.map((id): ReportCheck => {
    const check = checkFor(id);
    return {
      id: check.id,
      title: check.title,
      area: check.area,
      scope: check.scope,
      severity: results.find((r) => r.checkId === id)?.severity ?? check.severity,
      defaultSeverity: check.severity,
      manual: check.manual !== undefined,
      ...(check.manual ? { consolePath: check.manual.consolePath } : {}),
      rationale: check.rationale,
      remediation: remediationOn(check.remediation, meta.generatedAt.slice(0, 10)),
      references: { ...check.references },
      facts: [...check.requires, ...check.alsoReads],
    };
  });
  const { snapshot, desired } = meta;
  const generatedMs = Date.parse(meta.generatedAt);
  if (Number.isNaN(generatedMs))
    throw new InternalError(`buildReport: generatedAt is not an ISO-8601 time: ${meta.generatedAt}`);
  const organization = snapshot.org['organizations.organization'];
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    tool: { name: 'gatehouse', version: meta.toolVersion },
    generatedAt: new Date(generatedMs).toISOString(),
    scope: {
      ...(snapshot.callerAccountId ? { callerAccountId: snapshot.callerAccountId } : {}),
      ...(organization?.status === 'ok' ? { organizationId: organization.value.id } : {}),
      accounts: Object.keys(snapshot.accounts).sort(),
      ...(snapshot.identityCenterRegion ? { identityCenterRegion: snapshot.identityCenterRegion } : {}),
    },
    config: {
      ...(desired.file !== undefined ? { file: desired.file } : {}),
      hash: desired.hash,
      builtInBaseline: desired.file === undefined,
    },
    summary: summarise(reportResults, meta.failOn),
    results: reportResults,
    checks,
  };
}
