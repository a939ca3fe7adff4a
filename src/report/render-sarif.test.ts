import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { configLocator } from './config-locations.js';
import { renderSarif } from './render-sarif.js';
import { day1Report, freshReport, HOSTILE, reportOf, result } from './test-reports.test-helpers.js';

const SCHEMA_FILE = join(import.meta.dirname, '../../test/fixtures/sarif/sarif-2.1.0-rtm.5.json');

/**
 * The vendored schema is draft-04 (SARIF's own); ajv 8 speaks draft-07, whose only differences that
 * matter here are the `$schema` URI and the top-level `id` (now `$id`). Everything else is unchanged.
 */
function validator() {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  const { $schema: _draft04, id, ...rest } = schema;
  // The schema's `language` pattern is not valid with the u flag (`]?` after a group); JSON Schema patterns are ECMA-262 without it.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s));
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///repo/'));
  return ajv.compile({ ...rest, $id: id as string });
}

type Log = {
  version: string;
  runs: {
    tool: { driver: { rules: { id: string; help: { text: string }; properties: Record<string, unknown> }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      kind: string;
      level: string;
      message: { text: string };
      locations: { physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
      suppressions?: { status: string; justification: string }[];
    }[];
  }[];
};

describe('audit --format sarif', () => {
  const validate = validator();

  test('the fresh and day1 reports validate against the SARIF 2.1.0 schema', () => {
    for (const report of [freshReport(), day1Report()]) {
      const log = JSON.parse(renderSarif(report));
      const valid = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  test('the schema really rejects a malformed log (the validation is not vacuous)', () => {
    const log = JSON.parse(renderSarif(freshReport())) as Log;
    (log.runs[0]!.results[0] as { level: string }).level = 'catastrophic';
    expect(validate(log)).toBe(false);
    expect(validate({ version: '2.1.0' })).toBe(false);
  });

  test('one rule per check with security-severity from its severity and the fix in its help', () => {
    const report = freshReport();
    const log = JSON.parse(renderSarif(report)) as Log;
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(report.checks.map((c) => c.id));
    const mfa = rules.find((r) => r.id === 'root.mfa-enabled')!;
    expect(mfa.properties['security-severity']).toBe('9.5');
    const check = report.checks.find((c) => c.id === 'root.mfa-enabled')!;
    expect(mfa.help.text).toContain(check.remediation.console);
    for (const r of log.runs[0]!.results) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
  });

  test('one result per failing finding with its level; passes left out', () => {
    const report = freshReport();
    const log = JSON.parse(renderSarif(report)) as Log;
    const failing = report.results.filter((r) => r.status === 'fail' || r.status === 'error');
    const failResults = log.runs[0]!.results.filter((r) => r.kind === 'fail');
    expect(failResults).toHaveLength(failing.length);
    const mfa = failResults.find((r) => r.ruleId === 'root.mfa-enabled')!;
    expect(mfa.level).toBe('error');
    expect(
      log.runs[0]!.results.some((r) =>
        report.results.find(
          (x) => x.status === 'pass' && x.checkId === r.ruleId && x.reason && r.message.text.startsWith(x.reason),
        ),
      ),
    ).toBe(false);
  });

  test('waived, manual and attested findings are kept as suppressed results', () => {
    const report = reportOf([
      result({ checkId: 'root.no-access-keys', waived: { reason: 'closing', expires: '2027-01-01' } }),
      result({ checkId: 'account.contact-details', status: 'manual', reason: 'Verify it.' }),
      result({ checkId: 'root.mfa-enabled' }),
    ]);
    const log = JSON.parse(renderSarif(report)) as Log;
    expect(validate(log)).toBe(true);
    const byRule = new Map(log.runs[0]!.results.map((r) => [r.ruleId, r]));
    expect(byRule.get('root.no-access-keys')!.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'waived until 2027-01-01: closing' },
    ]);
    const manual = byRule.get('account.contact-details')!;
    expect(manual.kind).toBe('review');
    expect(manual.level).toBe('none');
    expect(manual.suppressions?.[0]?.status).toBe('underReview');
    expect(byRule.get('root.mfa-enabled')!.suppressions).toBeUndefined();
  });

  test('a finding the config names points at its line; others only at the account and resource', () => {
    const config = [
      'version: 1',
      'root:',
      '  mfa: required',
      'permissionSets:',
      '  Admin:',
      '    policies: [AdministratorAccess]',
      '',
    ].join('\n');
    const report = reportOf([
      result({ checkId: 'root.mfa-enabled' }),
      result({
        checkId: 'identity-center.session-duration',
        severity: 'medium',
        resource: 'permission-set/Admin',
        reason: 'Too long.',
      }),
      result({ checkId: 'iam.no-console-users', severity: 'high', resource: 'user/bob', reason: HOSTILE }),
    ]);
    const log = JSON.parse(renderSarif(report, { locate: configLocator('infra/gatehouse.yaml', config) })) as Log;
    expect(validate(log)).toBe(true);
    const byRule = new Map(log.runs[0]!.results.map((r) => [r.ruleId, r]));
    expect(byRule.get('root.mfa-enabled')!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'infra/gatehouse.yaml' },
      region: { startLine: 2, startColumn: 1 },
    });
    expect(byRule.get('identity-center.session-duration')!.locations[0]!.physicalLocation!.region.startLine).toBe(5);
    const iam = byRule.get('iam.no-console-users')!;
    expect(iam.locations[0]!.physicalLocation).toBeUndefined();
    expect(iam.locations[0]).toMatchObject({
      logicalLocations: expect.arrayContaining([expect.objectContaining({ fullyQualifiedName: 'user/bob' })]),
    });
  });
});
