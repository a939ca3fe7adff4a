import { describe, expect, test } from 'vitest';
import { InternalError } from '../errors.js';
import { type ReportDocument, ReportDocumentSchema } from './document.js';
import { renderJson } from './render-json.js';
import { freshReport } from './test-reports.test-helpers.js';

function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    );
  }
  return value;
}

describe('renderJson', () => {
  test('pretty-printed document that parses back to the same data', () => {
    const report = freshReport();
    const text = renderJson(report);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "formatVersion": 1,\n');
    expect(ReportDocumentSchema.parse(JSON.parse(text))).toEqual(report);
  });

  test('stable key order: the same document with its keys shuffled renders identically', () => {
    const report = freshReport();
    expect(renderJson(reversedKeys(report) as ReportDocument)).toBe(renderJson(report));
    expect(Object.keys(JSON.parse(renderJson(report)) as object)).toEqual([
      'formatVersion',
      'tool',
      'generatedAt',
      'scope',
      'config',
      'summary',
      'results',
      'checks',
    ]);
  });

  test('a document that breaks the schema is a bug, not output', () => {
    const broken = { ...freshReport(), formatVersion: 2 } as unknown as ReportDocument;
    expect(() => renderJson(broken)).toThrow(InternalError);
  });
});
