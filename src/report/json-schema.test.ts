import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { REPORT_FORMAT_VERSION } from './document.js';
import { reportJsonSchema } from './json-schema.js';
import { renderJson } from './render-json.js';
import { day1Report, freshReport } from './test-reports.test-helpers.js';

function compile() {
  // strict: unknown keywords or formats in the generated schema are errors, not silently ignored.
  const ajv = new Ajv({ strict: true, allErrors: true });
  ajv.addFormat('date-time', { type: 'string', validate: (s: string) => !Number.isNaN(Date.parse(s)) });
  ajv.addFormat('date', { type: 'string', validate: (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) });
  return ajv.compile(JSON.parse(reportJsonSchema()) as object);
}

describe('schema/report.schema.json', () => {
  test('is the generated schema (rewrite with: npx vitest run src/report/json-schema.test.ts -u)', async () => {
    await expect(reportJsonSchema()).toMatchFileSnapshot('../../schema/report.schema.json');
  });

  test('compiles under ajv strict mode as draft-07', () => {
    const schema = JSON.parse(reportJsonSchema()) as { $schema: string; title: string };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toBe('gatehouse audit report');
    expect(() => compile()).not.toThrow();
  });

  test('accepts the JSON reports gatehouse writes', () => {
    const validate = compile();
    for (const report of [freshReport(), day1Report()]) {
      const valid = validate(JSON.parse(renderJson(report)));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  test('rejects documents that break the contract', () => {
    const validate = compile();
    const report = JSON.parse(renderJson(freshReport())) as Record<string, unknown> & {
      results: Record<string, unknown>[];
    };
    expect(validate({ ...report, formatVersion: REPORT_FORMAT_VERSION + 1 })).toBe(false);
    expect(validate({ ...report, surprise: true })).toBe(false);
    const { summary: _summary, ...noSummary } = report;
    expect(validate(noSummary)).toBe(false);
    expect(validate({ ...report, results: [{ ...report.results[0], status: 'waived' }] })).toBe(false);
    expect(validate({ ...report, results: [{ ...report.results[0], accountId: 123456789012 }] })).toBe(false);
  });
});
