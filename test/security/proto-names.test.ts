/**
 * Names that are also JavaScript's object machinery (issue 11 finding 8): a live user, group or
 * permission set named `__proto__`, `constructor` or `prototype` is legal in AWS (UserName is
 * `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`). `constructor` and `prototype` import, plan and round-trip like
 * any other name; `__proto__` cannot be a config key: the config reports it at file:line:col and
 * import leaves it out with a note, never silently.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { run as runAccess } from '../../src/cli/commands/access.js';
import { run as runImport } from '../../src/cli/commands/import.js';
import { run as runPlan } from '../../src/cli/commands/plan.js';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
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
  test('import exits 0; constructor and prototype round-trip; __proto__ is announced and left out, not lost silently', async () => {
    await hostileSandbox();
    const ctx = context();
    expect(await runImport({ output: 'gatehouse.yaml' }, ctx)).toBe(0);
    const text = readFileSync(join(dir, 'gatehouse.yaml'), 'utf8');
    expect(text).toContain('  constructor:\n');
    expect(text).toContain('  prototype:\n');
    expect(text).not.toMatch(/^ {2}__proto__:/m);
    expect(text).toMatch(/user __proto__ cannot be written: the key `__proto__` cannot be used/);
    const { desired } = await loadConfig(join(dir, 'gatehouse.yaml'), { cwd: dir });
    expect(desired.users.map((u) => u.userName)).toEqual(expect.arrayContaining(['constructor', 'prototype']));
    const plan = context();
    await runPlan({ config: 'gatehouse.yaml', format: 'json' }, plan);
    const doc = JSON.parse(plan.output()) as { actions: { address: string }[] };
    expect(doc.actions.filter((a) => NAMES.some((n) => a.address.includes(n)))).toEqual([]);
  });

  test('access finds each of them by name, live', async () => {
    await hostileSandbox();
    for (const name of NAMES) {
      const ctx = context();
      expect(await runAccess({ user: name }, ctx)).toBe(0);
      expect(ctx.output()).toBe(`${name} has no access to any account (live state).\n`);
    }
  });

  test('a __proto__ key in the config is an error at its file:line:col, not dropped', async () => {
    writeFileSync(
      join(dir, 'gatehouse.yaml'),
      'version: 1\nusers:\n  ada:\n    email: a@example.com\n    givenName: Ada\n    familyName: L\n  __proto__:\n    email: proto@example.com\n    givenName: Proto\n    familyName: User\n',
    );
    const error = await loadConfig(join(dir, 'gatehouse.yaml'), { cwd: dir }).then(
      () => undefined,
      (e: ConfigError) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.exitCode).toBe(2);
    expect(error!.diagnostics.map((d) => [d.code, d.line, d.column])).toContainEqual(['reserved-key', 7, 3]);
  });
});
