import { describe, expect, test } from 'vitest';
import { catalog } from '../checks/catalog.js';
import { renderHtml } from './render-html.js';
import { day1Report, freshReport, HOSTILE, reportOf, result } from './test-reports.test-helpers.js';

describe('renderHtml', () => {
  const html = renderHtml(freshReport());

  test('one self-contained document: inline CSS and SVG, no scripts, no external resources', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).toContain('<svg class="donut"');
    expect(html).toContain('<svg class="bars"');
    expect(html).not.toMatch(/<script|<link|<iframe|<img|<object|<embed|@import/i);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/\bon[a-z]+\s*=/i);
  });

  test('printable: a print stylesheet that avoids breaking findings', () => {
    expect(html).toContain('@media print');
    expect(html).toContain('break-inside: avoid');
  });

  test('has the summary, every check that ran and the fixes', () => {
    expect(html).toContain('4 passed, 11 failed (3 critical, 4 high, 3 medium, 1 low), 1 manual, 14 skipped');
    for (const check of catalog) expect(html).toContain(`<code>${check.id}</code>`);
    expect(html).toContain('<h2>Failed (11)</h2>');
    expect(html).toContain('<strong>How to fix:</strong>');
    expect(html).toContain('<pre>organization:\n  featureSet: ALL</pre>');
    expect(html).toContain('aria-label="30 results: 11 failed, 1 manual, 4 passed, 14 skipped"');
  });

  test('AWS documentation links are shown as text, not fetched or linked', () => {
    expect(html).toContain(
      '<code>https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_mfa.html</code>',
    );
  });

  test('escapes all text', () => {
    const hostile = renderHtml(reportOf([result({ reason: HOSTILE, resource: HOSTILE })]));
    expect(hostile).not.toContain('<img');
    expect(hostile).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(hostile).not.toMatch(/\bon[a-z]+\s*=\s*"/i);
  });

  test('a clean day1 report shows manual steps and passes', () => {
    const day1 = renderHtml(day1Report());
    expect(day1).toContain('<section id="manual" class="manual"><h2>Manual steps (3)</h2>');
    expect(day1).toContain('<h2>Passed (23)</h2>');
  });
});
