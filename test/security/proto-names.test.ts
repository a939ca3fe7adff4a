/**
 * Names that are also JavaScript's object machinery (issue 11 finding 8): a live user, group or
 * permission set named `__proto__`, `constructor` or `prototype` is legal in AWS (UserName is
 * `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`) and must import, plan and round-trip like any other name; a
 * `__proto__` key in the config is kept as data, never dropped.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { run as runImport } from '../../src/cli/commands/import.js';
import { run as runPlan } from '../../src/cli/commands/plan.js';
import { run as runValidate } from '../../src/cli/commands/validate.js';
import { loadConfig } from '../../src/config/load.js';
import { openSandboxFile } from '../../src/sandbox/index.js';
import { VirtualClock } from '../../src/util/clock.js';
import { testContext } from '../helpers/cli-context.js';

const NAMES = ['__proto__', 'constructor', 'prototype'];
let dir: string;
let state: string;
const clock = new VirtualClock();
const context = () => testContext({ globals: { sandbox: state }, cwd: dir, clock, env: {} });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-proto-'));
  state = join(dir, 'sandbox.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The day1 sandbox plus users and groups (each group holding its user) named after object machinery. */
async function hostileSandbox(): Promise<void> {
  const file = await openSandboxFile(state, { clock, create: { scenario: 'day1', overwrite: true } });
  file.sandbox.mutate((world) => {
    const instance = Object.values(world.state.instances).find((i) => Object.keys(i.identityStore.users).length > 0)!;
    const template = Object.values(instance.identityStore.users)[0]!;
    NAMES.forEach((name, i) => {
      const userId = `90000000-0000-0000-0000-00000000000${i}`;
      instance.identityStore.users[userId] = structuredClone({ ...template, UserId: userId, UserName: name });
    });
  });
  file.close();
}

describe('object-machinery names', () => {
  test('import exits 0 and writes them; validate accepts the file; plan shows no user changes', async () => {
    await hostileSandbox();
    const ctx = context();
    expect(await runImport({ output: 'gatehouse.yaml' }, ctx)).toBe(0);
    const text = (await import('node:fs')).readFileSync(join(dir, 'gatehouse.yaml'), 'utf8');
    for (const name of NAMES) expect(text).toContain(`${name}:`);
    const validate = context();
    expect(await runValidate({ config: 'gatehouse.yaml' }, validate)).toBe(0);
    const { desired } = await loadConfig(join(dir, 'gatehouse.yaml'), { cwd: dir });
    for (const name of NAMES) expect(desired.users.map((u) => u.userName)).toContain(name);
    const plan = context();
    await runPlan({ config: 'gatehouse.yaml', format: 'json' }, plan);
    const doc = JSON.parse(plan.output()) as { actions: { address: string }[] };
    expect(doc.actions.filter((a) => NAMES.some((n) => a.address.includes(n)))).toEqual([]);
  });

  test('a __proto__ key in the config is data, not dropped', async () => {
    writeFileSync(
      join(dir, 'gatehouse.yaml'),
      'version: 1\nusers:\n  __proto__:\n    displayName: Proto User\n    email: proto@example.com\n    givenName: Proto\n    familyName: User\n',
    );
    const validate = context();
    const code = await runValidate({ config: 'gatehouse.yaml' }, validate).catch(
      (e: { exitCode: number }) => e.exitCode,
    );
    expect(code).toBe(0);
  });
});
