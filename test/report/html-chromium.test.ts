/**
 * @module The HTML report rendered by a real browser (Debian's headless Chromium through
 * playwright-core): it lays out, shows the check titles and the summary, and requests nothing but
 * its own file. Also parses the JUnit report with the browser's XML parser. Chromium is required:
 * without it this suite FAILS (CI installs it; `scripts/test.sh` installs it on Debian).
 */

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { summaryLine } from '../../src/report/format.js';
import { renderHtml } from '../../src/report/render-html.js';
import { renderJunit } from '../../src/report/render-junit.js';
import { day1Report, freshReport, HOSTILE, reportOf, result } from '../../src/report/test-reports.test-helpers.js';

const CHROMIUM = process.env.GATEHOUSE_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The slice of the browser's XML DOM the JUnit test reads (this project compiles without the DOM lib). */
interface XmlDocument {
  getElementsByTagName(name: string): {
    length: number;
    [index: number]: { getAttribute(name: string): string | null } | undefined;
  };
}
type DomParser = new () => { parseFromString(source: string, type: string): XmlDocument };

let dir: string;
let context: BrowserContext | undefined;

/** PNG width and height from the IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function open(name: string, html: string): Promise<{ page: Page; requests: string[]; url: string }> {
  const file = join(dir, name);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const page = await browser().newPage();
  const requests: string[] = [];
  page.on('request', (request) => {
    requests.push(request.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, url };
}

const MISSING = `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set GATEHOUSE_CHROMIUM; the HTML report test needs a real browser and never skips`;

/** The browser context; every test FAILS with a clear message when Chromium is missing. */
function browser(): BrowserContext {
  if (!context) throw new Error(MISSING);
  return context;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-html-'));
  if (!existsSync(CHROMIUM)) return;
  context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
    offline: true,
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('HTML report in headless Chromium', () => {
  test.each([
    ['fresh', freshReport()],
    ['day1', day1Report()],
  ])('%s: renders with every check title and the summary, and requests only its own file', async (name, report) => {
    const { page, requests, url } = await open(`${name}.html`, renderHtml(report));
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text a reader sees
    const text = await page.innerText('body');
    for (const check of report.checks) expect(text).toContain(check.title);
    expect(text).toContain(summaryLine(report));
    expect(requests).toEqual([url]);

    const { width, height } = pngSize(await page.screenshot({ fullPage: true }));
    expect(width).toBe(1280);
    expect(height).toBeGreaterThan(800);
    expect(height).toBeLessThan(30_000);

    const svgBoxes = await page.$$eval('svg', (svgs) => svgs.map((s) => s.getBoundingClientRect().width));
    expect(svgBoxes.length).toBe(2);
    for (const w of svgBoxes) expect(w).toBeGreaterThan(100);
    await page.close();
  });

  test('escaped hostile text stays text: no element, no request, no dialog', async () => {
    const { page, requests, url } = await open('hostile.html', renderHtml(reportOf([result({ reason: HOSTILE })])));
    let dialogs = 0;
    page.on('dialog', async (dialog) => {
      dialogs++;
      await dialog.dismiss();
    });
    expect(await page.$$('img')).toHaveLength(0);
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text a reader sees
    expect(await page.innerText('body')).toContain('<img src=x onerror="alert(1)">');
    expect(requests).toEqual([url]);
    expect(dialogs).toBe(0);
    await page.close();
  });

  test('print layout renders (PDF with the print stylesheet)', async () => {
    const { page } = await open('print.html', renderHtml(freshReport()));
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('ascii')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.close();
  });

  test('the JUnit report is well-formed XML for a real parser', async () => {
    const page = await browser().newPage();
    const firstFailures: string[] = [];
    for (const xml of [renderJunit(freshReport()), renderJunit(reportOf([result({ reason: HOSTILE })]))]) {
      const parsed = await page.evaluate((source) => {
        const Parser = (globalThis as unknown as { DOMParser: DomParser }).DOMParser;
        const doc = new Parser().parseFromString(source, 'application/xml');
        return {
          error: doc.getElementsByTagName('parsererror').length,
          suites: doc.getElementsByTagName('testsuite').length,
          cases: doc.getElementsByTagName('testcase').length,
          failures: doc.getElementsByTagName('failure').length,
          firstFailure: doc.getElementsByTagName('failure')[0]?.getAttribute('message') ?? '',
        };
      }, xml);
      expect(parsed.error).toBe(0);
      expect(parsed.suites).toBeGreaterThan(0);
      expect(parsed.cases).toBeGreaterThan(0);
      expect(parsed.failures).toBeGreaterThan(0);
      firstFailures.push(parsed.firstFailure);
    }
    expect(firstFailures[1]).toBe(HOSTILE.replace('\u0007', '\uFFFD'));
    await page.close();
  });
});
