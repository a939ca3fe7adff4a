/**
 * The access matrix rendered by a real browser (Debian's headless Chromium through playwright-core):
 * it lays out as a people × accounts table, the cells name the permission sets and how they are
 * reached, administrator cells look different, and the page requests nothing but its own file.
 * Chromium is required: without it this suite FAILS (like the report's HTML test).
 */

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { computeLiveAccess } from '../../src/access/compute.js';
import { renderAccessHtml } from '../../src/access/render-html.js';
import {
  AUDIT,
  assignment,
  assignments,
  DEV,
  group,
  LOG,
  liveSnapshot,
  MGMT,
  member,
  OLD_DEV,
  PROD,
  PROD_EU,
  permissionSet,
  STAGING,
  user,
} from '../../src/import/org.test-helpers.js';

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
const MISSING = `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set GATEHOUSE_CHROMIUM; the access matrix test needs a real browser and never skips`;

let dir: string;
let context: BrowserContext | undefined;

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function open(name: string, html: string): Promise<{ page: Page; requests: string[]; url: string }> {
  if (!context) throw new Error(MISSING);
  const file = join(dir, name);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => {
    requests.push(request.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, url };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-access-html-'));
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

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const PEOPLE = ['ada', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'oscar'];

function view() {
  return computeLiveAccess(
    liveSnapshot({
      permissionSets: [
        permissionSet('Admin', { managedPolicies: [ADMIN] }),
        permissionSet('ReadOnly', { managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }),
        permissionSet('Deploy', { managedPolicies: ['arn:aws:iam::aws:policy/PowerUserAccess'] }),
      ],
      users: PEOPLE.map((name) => user(name)),
      groups: [group('Founders'), group('Engineers'), group('Auditors')],
      memberships: [
        member('Founders', 'ada'),
        member('Founders', 'bob'),
        ...PEOPLE.slice(2, 9).map((name) => member('Engineers', name)),
        ...PEOPLE.slice(9).map((name) => member('Auditors', name)),
      ],
      assignments: [
        assignment('Admin', 'group:Founders', MGMT),
        ...assignments('Deploy', 'group:Engineers', [DEV, STAGING, PROD, PROD_EU]),
        ...assignments('ReadOnly', 'group:Auditors', [MGMT, DEV, STAGING, PROD, PROD_EU, AUDIT, LOG, OLD_DEV]),
        assignment('ReadOnly', 'user:carol', PROD),
        assignment('Admin', 'user:dave', DEV),
      ],
    }),
  );
}

describe('access matrix in headless Chromium', () => {
  test('lays out people × accounts, names sets and paths, marks admin cells, requests only itself', async () => {
    const v = view();
    const { page, requests, url } = await open('access.html', renderAccessHtml(v));

    const header = await page.$$eval('thead th', (cells) =>
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text a reader sees (line breaks from layout)
      cells.map((c) => (c as unknown as { innerText: string }).innerText.split('\n')[0]),
    );
    expect(header).toEqual([
      'Person',
      'audit',
      'dev',
      'log',
      'management',
      'old-dev (suspended)',
      'prod',
      'prod-eu',
      'staging',
    ]);
    const rows = await page.$$eval('tbody th', (cells) =>
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text a reader sees (line breaks from layout)
      cells.map((c) => (c as unknown as { innerText: string }).innerText.split('\n')[0]),
    );
    expect(rows).toEqual(PEOPLE);

    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text a reader sees
    const carolProd = await page.innerText('tbody tr:nth-child(3) td:nth-child(7)');
    expect(carolProd).toContain('Deploy (via Engineers)');
    expect(carolProd).toContain('ReadOnly (direct)');

    const adminCells = await page.$$eval('td.admin', (cells) => cells.length);
    expect(adminCells).toBe(new Set(v.entries.filter((e) => e.admin).map((e) => `${e.userName}/${e.accountId}`)).size);
    const [adminBg, plainBg] = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
      const style = (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } })
        .getComputedStyle;
      return [
        style(doc.querySelector('td.admin')).backgroundColor,
        style(doc.querySelector('td.granted')).backgroundColor,
      ];
    });
    expect(adminBg).not.toBe(plainBg);
    expect(await page.$$('script')).toHaveLength(0);
    expect(requests).toEqual([url]);

    const { width, height } = pngSize(await page.screenshot({ fullPage: true }));
    expect(width).toBe(1280);
    expect(height).toBeGreaterThan(300);
    expect(height).toBeLessThan(5_000);
    const table = await page.$eval('table', (t) =>
      (t as unknown as { getBoundingClientRect(): { width: number; height: number } }).getBoundingClientRect(),
    );
    expect(table.width).toBeGreaterThan(600);
    expect(table.height).toBeGreaterThan(PEOPLE.length * 20);
    await page.close();
  });

  test('prints: the print stylesheet applies and the page still holds the whole matrix', async () => {
    const { page } = await open('print.html', renderAccessHtml(view()));
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ landscape: true });
    expect(pdf.subarray(0, 4).toString('ascii')).toBe('%PDF');
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text a reader sees
    expect(await page.innerText('table')).toContain('oscar');
    await page.close();
  });
});
