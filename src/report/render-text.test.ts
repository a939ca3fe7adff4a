import { describe, expect, test } from 'vitest';
import { aSnapshot, MANAGEMENT, MEMBER } from '../checks/test-builders.test-helpers.js';
import { renderText } from './render-text.js';
import { day1Report, freshReport, reportOf, result } from './test-reports.test-helpers.js';

const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[`);
const ANSI_CODES = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');

describe('renderText', () => {
  test('groups by severity (most severe first), then area; one glyph per finding', () => {
    const text = renderText(freshReport());
    const order = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'].map((s) => text.indexOf(`\n${s}\n`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain('CRITICAL\n  root\n    ✗ root.mfa-enabled         The root user has no MFA device.\n');
    expect(text).toMatch(/\n {4}✓ root\.no-signing-certificates +The root user has no X\.509 signing certificates\.\n/);
    expect(text).toMatch(/\n {4}- organization\.all-features +The account is not a member of an organization\.\n/);
    expect(text).toMatch(/\n {4}\? account\.contact-details +Whether/);
  });

  test('ends with the summary line, the threshold and a pointer to explain', () => {
    const lines = renderText(freshReport()).trimEnd().split('\n');
    expect(lines.slice(-3)).toEqual([
      '4 passed, 11 failed (3 critical, 4 high, 3 medium, 1 low), 1 manual, 14 skipped',
      '--fail-on high: findings at or above high failed or could not be judged (exit 1).',
      'Run `gatehouse explain CHECK_ID` for why a check matters and how to fix it.',
    ]);
    expect(renderText(day1Report())).toContain(
      '\n23 passed, 5 failed (4 medium, 1 low), 3 manual\n--fail-on high: nothing at or above high failed.\n',
    );
  });

  test('the summary line counts waived, attested and errors apart', () => {
    const report = reportOf([
      result(),
      result({ checkId: 'root.not-used', severity: 'high', waived: { reason: 'closing', expires: '2027-01-01' } }),
      result({ checkId: 'iam.password-policy', severity: 'medium', status: 'error', reason: 'Could not judge: x.' }),
      result({ checkId: 'iam.one-active-key', severity: 'low', status: 'error', reason: 'Could not judge: y.' }),
      result({ checkId: 'identity-center.mfa-required', severity: 'high', status: 'attested', reason: 'Attested.' }),
    ]);
    const text = renderText(report);
    expect(text).toContain('0 passed, 1 failed (1 critical), 1 waived, 1 attested, 2 errors\n');
    expect(text).toMatch(/✗ root\.not-used +The root user has no MFA device\. \(waived until 2027-01-01: closing\)/);
    expect(text).toContain('✎ identity-center.mfa-required');
    expect(text).toContain('! iam.password-policy');
  });

  test('shows the account only when more than one account is in scope', () => {
    const single = renderText(reportOf([result()]));
    expect(single).not.toContain(`  ${MANAGEMENT}  `);
    const snapshot = aSnapshot().inScope(MANAGEMENT).inScope(MEMBER).build();
    const multi = renderText(reportOf([result(), result({ accountId: MEMBER })], { snapshot }));
    expect(multi).toContain(`✗ root.mfa-enabled  ${MANAGEMENT}  The root user has no MFA device.`);
    expect(multi).toContain(`✗ root.mfa-enabled  ${MEMBER}  The root user has no MFA device.`);
  });

  test('no ANSI codes unless colour is asked for', () => {
    expect(renderText(freshReport())).not.toMatch(ANSI);
    expect(renderText(freshReport(), { color: false })).not.toMatch(ANSI);
    const coloured = renderText(freshReport(), { color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(ANSI_CODES, '')).toBe(renderText(freshReport()));
  });

  test('an empty report says so', () => {
    expect(renderText(reportOf([]))).toContain('No checks ran.\n\n0 passed, 0 failed\n');
  });
});

describe('renderText views', () => {
  const report = () =>
    reportOf([
      result(),
      result({ checkId: 'root.no-access-keys', status: 'pass', reason: 'No access keys.' }),
      result({ checkId: 'root.not-used', severity: 'high', waived: { reason: 'closing', expires: '2027-01-01' } }),
      result({ checkId: 'iam.password-policy', severity: 'medium', status: 'error', reason: 'Could not judge: x.' }),
      result({ checkId: 'account.contact-details', severity: 'low', status: 'manual', reason: 'Verify by hand.' }),
      result({ checkId: 'identity-center.mfa-required', severity: 'high', status: 'attested', reason: 'Attested.' }),
    ]);

  test('problems: failures, errors and manual items; the rest is one count line', () => {
    const text = renderText(report(), { view: 'problems' });
    expect(text).toContain('✗ root.mfa-enabled');
    expect(text).toContain('! iam.password-policy');
    expect(text).toContain('? account.contact-details');
    expect(text).not.toContain('root.no-access-keys');
    expect(text).not.toContain('root.not-used');
    expect(text).toContain('1 passed, 1 waived, 1 attested not shown (`--all` lists every check)\n');
    expect(text).toContain('1 passed, 1 failed (1 critical), 1 waived, 1 manual, 1 attested, 1 error\n');
  });

  test('quiet: only failures (and errors) and the verdict', () => {
    const text = renderText(
      reportOf([result(), result({ checkId: 'root.no-access-keys', status: 'pass' })], {
        failOn: 'high',
      }),
      { view: 'quiet' },
    );
    expect(text).toBe(
      [
        'CRITICAL',
        '  root',
        '    ✗ root.mfa-enabled  The root user has no MFA device.',
        '',
        '1 passed, 1 failed (1 critical)',
        '--fail-on high: findings at or above high failed or could not be judged (exit 1).',
        '',
      ].join('\n'),
    );
  });

  test('a check with many subjects is one entry with a count and the first few', () => {
    const many = Array.from({ length: 401 }, (_, i) =>
      result({
        checkId: 'identity-center.admin-through-groups',
        severity: 'medium',
        resource: `user-${i}`,
        reason: `Admin is assigned to user u${String(i).padStart(3, '0')}.`,
      }),
    );
    const text = renderText(reportOf(many), { view: 'problems' });
    expect(text).toContain(
      [
        '    ✗ identity-center.admin-through-groups  401 findings, the first 3:',
        '        Admin is assigned to user u000.',
        '        Admin is assigned to user u001.',
        '        Admin is assigned to user u002.',
        '        … and 398 more (`--format json` or `html` lists them all)',
      ].join('\n'),
    );
    expect(text.split('\n').length).toBeLessThan(20);
  });
});
