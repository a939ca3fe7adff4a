import { describe, expect, test } from 'vitest';
import { aSnapshot, builtInDesired, MANAGEMENT, MEMBER } from '../checks/test-builders.test-helpers.js';
import { InternalError } from '../errors.js';
import { ok } from '../observe/evidence.js';
import { blockingResults, buildReport, exceedsThreshold, ReportDocumentSchema } from './document.js';
import { day1Report, freshReport, reportOf, result, VERSION } from './test-reports.test-helpers.js';

describe('buildReport', () => {
  test('the document satisfies its own schema', () => {
    expect(ReportDocumentSchema.safeParse(freshReport()).success).toBe(true);
    expect(ReportDocumentSchema.safeParse(day1Report()).success).toBe(true);
  });

  test('header: format version, tool, time, scope and config', () => {
    const snapshot = aSnapshot()
      .organization()
      .inScope(MANAGEMENT)
      .inScope(MEMBER)
      .identityCenterRegion('eu-west-1')
      .build();
    const report = reportOf([result()], { snapshot, desired: builtInDesired() });
    expect(report).toMatchObject({
      formatVersion: 1,
      tool: { name: 'gatehouse', version: VERSION },
      generatedAt: '2026-11-28T12:00:00.000Z',
      scope: {
        callerAccountId: MANAGEMENT,
        organizationId: 'o-abc123def4',
        accounts: [MANAGEMENT, MEMBER],
        identityCenterRegion: 'eu-west-1',
      },
      config: { builtInBaseline: true },
    });
    expect(report.config.file).toBeUndefined();
  });

  test('results carry the catalogue metadata; checks lists what ran, once, with effective severity', () => {
    const report = reportOf([
      result(),
      result({ accountId: MEMBER, resource: `arn:aws:iam::${MEMBER}:root` }),
      result({
        checkId: 'identity-center.mfa-required',
        severity: 'high',
        status: 'manual',
        accountId: undefined,
        resource: 'identity-center',
        reason: 'x',
      }),
    ]);
    expect(report.results[0]).toMatchObject({
      title: 'The root user has MFA',
      area: 'root',
      remediation: expect.stringContaining('Security credentials'),
      references: { cis: ['1.5', 'v7.0:2.5'], prowler: ['iam_root_mfa_enabled'] },
    });
    expect(report.results[2]?.remediation).toContain('Settings → Authentication');
    expect(report.checks.map((c) => [c.id, c.severity, c.manual])).toEqual([
      ['root.mfa-enabled', 'critical', false],
      ['identity-center.mfa-required', 'high', true],
    ]);
    expect(report.checks[0]?.facts).toContain('iam.credential-report');
  });

  test('summary: by status, waived apart, failures and errors by severity', () => {
    const report = reportOf(
      [
        result(),
        result({ checkId: 'root.not-used', severity: 'high', waived: { reason: 'r', expires: '2027-01-01' } }),
        result({ checkId: 'iam.password-policy', severity: 'medium', status: 'error' }),
        result({ checkId: 'iam.one-active-key', severity: 'low', status: 'pass' }),
      ],
      { failOn: 'medium' },
    );
    expect(report.summary).toEqual({
      total: 4,
      byStatus: { pass: 1, fail: 2, error: 1, skipped: 0, manual: 0, attested: 0 },
      waived: 1,
      bySeverity: { critical: 1, high: 0, medium: 0, low: 0, info: 0 },
      errorsBySeverity: { critical: 0, high: 0, medium: 1, low: 0, info: 0 },
      failOn: 'medium',
      passedThreshold: false,
    });
  });

  test('organizationId only from a readable organization fact', () => {
    const snapshot = aSnapshot()
      .org(
        'organizations.organization',
        ok({ id: 'o-x', arn: 'a', featureSet: 'ALL', managementAccountId: MANAGEMENT }),
      )
      .build();
    expect(reportOf([result()], { snapshot }).scope.organizationId).toBe('o-x');
    expect(
      reportOf([result()], { snapshot: aSnapshot().noOrganization().build() }).scope.organizationId,
    ).toBeUndefined();
  });

  test('unknown check ids and invalid times are internal errors', () => {
    expect(() => reportOf([result({ checkId: 'root.nope' })])).toThrow(InternalError);
    expect(() =>
      buildReport([], {
        toolVersion: 'x',
        generatedAt: 'soon',
        snapshot: aSnapshot().build(),
        desired: builtInDesired(),
      }),
    ).toThrow(InternalError);
  });
});

describe('exceedsThreshold', () => {
  const report = reportOf([
    result({ severity: 'medium' }),
    result({ checkId: 'root.not-used', severity: 'critical', waived: { reason: 'r', expires: '2027-01-01' } }),
    result({ checkId: 'iam.one-active-key', severity: 'low', status: 'error' }),
    result({ checkId: 'iam.password-policy', severity: 'critical', status: 'manual' }),
  ]);

  test('unwaived failures at or above the threshold count; waived ones and manual ones never do', () => {
    expect(exceedsThreshold(report, 'critical')).toBe(false);
    expect(exceedsThreshold(report, 'high')).toBe(false);
    expect(exceedsThreshold(report, 'medium')).toBe(true);
    expect(blockingResults(report, 'medium').map((r) => r.checkId)).toEqual(['root.mfa-enabled']);
  });

  test('errors count too (could not read must not pass a CI gate); never means never', () => {
    expect(blockingResults(report, 'low').map((r) => r.checkId)).toEqual(['root.mfa-enabled', 'iam.one-active-key']);
    expect(exceedsThreshold(report, 'info')).toBe(true);
    expect(exceedsThreshold(report, 'never')).toBe(false);
  });
});
