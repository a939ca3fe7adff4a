import { describe, expect, test } from 'vitest';
import { REPORT_FORMATS, renderReport } from './render.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-md.js';
import { renderText } from './render-text.js';
import { freshReport } from './test-reports.test-helpers.js';

describe('renderReport', () => {
  const report = freshReport();

  test('dispatches every format to its renderer', () => {
    expect(REPORT_FORMATS).toEqual(['text', 'json', 'md', 'junit', 'html', 'sarif']);
    expect(renderReport(report, 'text')).toBe(renderText(report));
    expect(renderReport(report, 'text', { color: true })).toBe(renderText(report, { color: true }));
    expect(renderReport(report, 'json')).toBe(renderJson(report));
    expect(renderReport(report, 'md')).toBe(renderMarkdown(report));
    expect(renderReport(report, 'junit')).toBe(renderJunit(report));
    expect(renderReport(report, 'html')).toBe(renderHtml(report));
  });

  test('pure: rendering twice gives the same output and leaves the document untouched', () => {
    const before = structuredClone(report);
    for (const format of REPORT_FORMATS) expect(renderReport(report, format)).toBe(renderReport(report, format));
    expect(report).toEqual(before);
  });

  test('colour only affects text', () => {
    for (const format of ['json', 'md', 'junit', 'html'] as const) {
      expect(renderReport(report, format, { color: true })).toBe(renderReport(report, format));
    }
  });
});
