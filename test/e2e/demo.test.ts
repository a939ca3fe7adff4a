import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from '../helpers/run-cli.js';

describe('gatehouse demo (the README’s first command)', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-demo-'));
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('walks audit → plan → console steps → apply → audit and writes the HTML report', async () => {
    const run = await runCli(['demo'], { cwd: dir, timeoutMs: 120_000 });
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(run.code).toBe(0);
    const steps = [...run.stdout.matchAll(/━━ Step (\d)\/6 · (.+)/g)].map((m) => m[1]);
    expect(steps).toEqual(['1', '2', '3', '4', '5', '6']);
    // The first audit fails the baseline, the second passes it.
    expect(run.stdout).toMatch(/✗ root\.mfa-enabled/);
    expect(run.stdout).toMatch(/✗ identity-center\.enabled/);
    expect(run.stdout).toContain('→ exit code 1: the root user and the missing Identity Center fail the baseline.');
    expect(run.stdout).toContain('→ exit code 0: nothing at or above high fails any more.');
    // The plan names the manual steps, and the console performs them.
    expect(run.stdout).toContain('gatehouse sandbox console enable-organization-instance');
    expect(run.stdout).toContain('gatehouse sandbox console enable-root-mfa');
    expect(run.stdout).toContain('gatehouse sandbox console delete-root-access-keys');
    // The IAM user's console password is one of the plan's manual steps, not a silent extra.
    const plan = run.stdout.slice(run.stdout.indexOf('━━ Step 2/6'), run.stdout.indexOf('━━ Step 3/6'));
    expect(plan).toContain('Remove the console password of IAM user in 111111111111: admin');
    expect(plan).toContain('IAM console → Users → admin → Security credentials → Console sign-in');
    expect(run.stdout).toContain('gatehouse sandbox console disable-iam-user-console-access --user admin');
    expect(run.stdout).toContain('removed the console password of IAM user admin in 111111111111');
    expect(run.stdout).toMatch(/Apply complete: 4 added, 0 changed, 0 destroyed/);
    expect(run.stdout).toContain('✓ identity-center.matches-config');
    const report = join(dir, 'gatehouse-report.html');
    expect(existsSync(report)).toBe(true);
    const html = readFileSync(report, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('identity-center.matches-config');
    expect(html).not.toMatch(/<script|https?:\/\/[^"' ]*\.(js|css)/i);
  }, 150_000);

  it('runs again in the same folder (the sandbox is recreated)', async () => {
    const run = await runCli(['demo'], { cwd: dir, timeoutMs: 120_000 });
    expect(run.code).toBe(0);
  }, 150_000);
});
