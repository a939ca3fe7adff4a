/** `gatehouse import` in-process against a sandbox state file: stdout, -o FILE, --force, the summary, warnings, and a file that validates. */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { run as runImport } from '../../src/cli/commands/import.js';
import { run as runValidate } from '../../src/cli/commands/validate.js';
import { openSandboxFile, type ScenarioName } from '../../src/sandbox/index.js';
import { VirtualClock } from '../../src/util/clock.js';
import { testContext } from '../helpers/cli-context.js';

let dir: string;
let state: string;
const clock = new VirtualClock();

async function sandboxFile(
  scenario: ScenarioName,
  change?: Parameters<Awaited<ReturnType<typeof openSandboxFile>>['sandbox']['mutate']>[0],
) {
  const file = await openSandboxFile(state, { clock, create: { scenario, overwrite: true } });
  if (change) file.sandbox.mutate(change);
  file.close();
}

const context = () => testContext({ globals: { sandbox: state }, cwd: dir, clock, env: {} });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-import-'));
  state = join(dir, 'sandbox.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('gatehouse import', () => {
  test('prints the config to stdout and a summary note; the text passes validate', async () => {
    await sandboxFile('day1');
    const ctx = context();
    expect(await runImport({}, ctx)).toBe(0);
    const text = ctx.output();
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    expect(text).toContain('permissionSets:\n  Admin:\n');
    expect(ctx.notes[0]).toMatch(/^imported 2 permission sets, 1 user, \d+ groups?, 1 assignment as 1 rule\.$/);
    writeFileSync(join(dir, 'gatehouse.yaml'), text);
    const validate = context();
    expect(await runValidate({ config: 'gatehouse.yaml' }, validate)).toBe(0);
    expect(validate.notes.at(-1)).toMatch(/gatehouse.yaml is valid/);
  });

  test('-o FILE writes atomically; an existing file needs --force (exit 2)', async () => {
    await sandboxFile('day1');
    const first = context();
    expect(await runImport({ output: 'out.yaml' }, first)).toBe(0);
    expect(first.output()).toBe('');
    expect(first.notes[0]).toMatch(/^Wrote out\.yaml: imported /);
    const written = readFileSync(join(dir, 'out.yaml'), 'utf8');
    expect(written).toContain('assignments:');

    writeFileSync(join(dir, 'out.yaml'), 'mine\n');
    await expect(runImport({ output: 'out.yaml' }, context())).rejects.toMatchObject({
      exitCode: 2,
      message: 'out.yaml already exists; import does not overwrite it without --force',
    });
    expect(readFileSync(join(dir, 'out.yaml'), 'utf8')).toBe('mine\n');

    expect(await runImport({ output: 'out.yaml', force: true }, context())).toBe(0);
    expect(readFileSync(join(dir, 'out.yaml'), 'utf8')).toBe(written);
  });

  test('-o into a directory that does not exist is a usage error, checked before reading AWS', async () => {
    await sandboxFile('day1');
    await expect(runImport({ output: 'missing/out.yaml' }, context())).rejects.toMatchObject({
      exitCode: 2,
      message: `cannot write missing/out.yaml: the directory ${join(dir, 'missing')} does not exist`,
    });
  });

  test('what cannot be expressed is announced as warnings and listed in the file', async () => {
    await sandboxFile('day1', (world) => {
      const instance = Object.values(world.state.instances)[0]!;
      const ismail = Object.values(instance.identityStore.users).find((u) => u.UserName === 'ismail')!;
      delete ismail.attributes.Name;
    });
    const ctx = context();
    expect(await runImport({}, ctx)).toBe(0);
    expect(ctx.host.logs('warn')).toEqual([
      expect.stringMatching(/^\d+ live items could not be expressed in the config; each is listed in a comment/),
      '1 user lacks an email, given or family name and was not written: ismail',
    ]);
    expect(ctx.output()).toMatch(/# - user\/ismail: user ismail has no givenName, familyName/);
  });

  test('a user without an email is imported without one (the config makes email optional)', async () => {
    await sandboxFile('day1', (world) => {
      const instance = Object.values(world.state.instances)[0]!;
      const ismail = Object.values(instance.identityStore.users).find((u) => u.UserName === 'ismail')!;
      delete ismail.attributes.Emails;
    });
    const ctx = context();
    expect(await runImport({}, ctx)).toBe(0);
    expect(ctx.output()).toMatch(/ {2}ismail:\n {4}givenName: Ismail\n {4}familyName: G\n/);
    expect(ctx.output()).not.toContain('email:');
  });

  test('a fresh standalone account without Identity Center: a minimal file', async () => {
    await sandboxFile('fresh');
    const ctx = context();
    expect(await runImport({}, ctx)).toBe(0);
    expect(ctx.output()).toMatch(/no IAM Identity Center instance/);
    expect(ctx.output().trimEnd().endsWith('version: 1')).toBe(true);
  });
});
