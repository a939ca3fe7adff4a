import { describe, expect, test } from 'vitest';
import { renderMarkdown } from './render-md.js';
import { day1Report, freshReport, HOSTILE, reportOf, result } from './test-reports.test-helpers.js';

describe('renderMarkdown', () => {
  const md = renderMarkdown(freshReport());

  test('summary first, then a table of counts', () => {
    expect(
      md.startsWith(
        '## gatehouse audit\n\n**4 passed, 11 failed (3 critical, 4 high, 3 medium, 1 low), 1 manual, 14 skipped**\n',
      ),
    ).toBe(true);
    expect(md).toContain('| Status | Count |\n|---|---:|\n| ✗ failed | 11 |');
  });

  test('failed findings come first, most severe first, each with how to fix it', () => {
    const failedAt = md.indexOf('### ✗ Failed');
    expect(failedAt).toBeGreaterThan(0);
    expect(failedAt).toBeLessThan(md.indexOf('### Manual steps'));
    expect(md.indexOf('#### `root.mfa-enabled` · critical')).toBeLessThan(
      md.indexOf('#### `iam.no-console-users` · high'),
    );
    expect(md).toContain('#### `organization.exists` · high — The account belongs to an AWS Organization');
    expect(md).toContain('```yaml\norganization:\n  featureSet: ALL\n```');
    expect(md).toContain('```sh\naws organizations create-organization --feature-set ALL\n```');
    expect(md).toContain('More: `gatehouse explain organization.exists`');
  });

  test('manual steps are a checklist; attested ones are ticked', () => {
    const day1 = renderMarkdown(day1Report());
    expect(day1).toContain(
      '- [ ] **`identity-center.mfa-required`** (high) Every IAM Identity Center sign-in requires MFA: IAM Identity Center console → Settings',
    );
    const attested = renderMarkdown(
      reportOf([
        result({
          checkId: 'identity-center.mfa-required',
          status: 'attested',
          severity: 'high',
          reason: 'Attested by ana on 2026-11-20.',
        }),
      ]),
    );
    expect(attested).toContain('- [x] **`identity-center.mfa-required`** (high)');
  });

  test('passes and skips are collapsed in <details>', () => {
    expect(md).toContain('<details>\n<summary>✓ 4 passed</summary>\n');
    expect(md).toContain('<summary>- 14 skipped</summary>');
    expect(md.trimEnd().endsWith('</details>')).toBe(true);
  });

  test('errors and waived failures have their own sections', () => {
    const text = renderMarkdown(
      reportOf([
        result({ status: 'error', reason: 'Could not judge: denied.' }),
        result({ checkId: 'root.not-used', waived: { reason: 'closing', expires: '2027-01-01' } }),
      ]),
    );
    expect(text).toContain('### ! Could not judge\n\n- **`root.mfa-enabled`** (critical)');
    expect(text).toContain('### Waived\n\n- **`root.not-used`** (critical)');
    expect(text).toContain('waived until 2027-01-01: closing');
    expect(text).not.toContain('### ✗ Failed');
  });

  test('text from AWS cannot inject HTML, links, emphasis or table cells', () => {
    const text = renderMarkdown(reportOf([result({ reason: HOSTILE, resource: HOSTILE })]));
    expect(text).not.toMatch(/(?<!\\)<img/);
    expect(text).not.toMatch(/(?<!\\)\]\(https:\/\/evil/);
    expect(text).toContain(
      '\\<img src=x onerror="alert(1)"\\> \\| \\[click\\](https://evil.example/x) \\*\\*bold\\*\\* \\& ',
    );
    expect(text).not.toContain('\u0007');
  });
});
