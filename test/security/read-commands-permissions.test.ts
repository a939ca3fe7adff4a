/**
 * Least privilege for the read-only commands (issue #7 item 6): `import`, `access` and `profiles`
 * need nothing beyond `gatehouse permissions --for audit` (docs/permissions.md says so). Each runs,
 * through its real command module and session, against sandbox files on the day1 and org scenarios;
 * every call the sandbox recorded must be in the audit policy, and none may change anything. (The
 * audit's own calls and plan + apply's are checked in test/observe/sandbox.test.ts and
 * test/apply/permissions.test.ts.)
 */

import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as access } from '../../src/cli/commands/access.js';
import { run as importCommand } from '../../src/cli/commands/import.js';
import { run as profiles } from '../../src/cli/commands/profiles.js';
import type { CliContext } from '../../src/cli/context.js';
import { NO_PERMISSION_NEEDED, permissionsPolicy } from '../../src/permissions/index.js';
import { openSandboxFile, readStateFile, type ScenarioName } from '../../src/sandbox/index.js';
import { VirtualClock } from '../../src/util/clock.js';
import { STARTUP_YAML, tempDir } from '../faults/helpers.js';
import { testContext } from '../helpers/cli-context.js';

const tmp = tempDir('read-permissions');
afterAll(() => tmp.cleanup());

const allowed = new Set(permissionsPolicy('audit').Statement.flatMap((s) => s.Action));

const COMMANDS: [string, (ctx: CliContext) => Promise<number>][] = [
  ['import', (ctx) => importCommand({}, ctx)],
  ['access', (ctx) => access({ format: 'json' }, ctx)],
  ['access -c', (ctx) => access({ config: STARTUP_YAML, format: 'json' }, ctx)],
  ['profiles', (ctx) => profiles({}, ctx)],
  ['profiles -c', (ctx) => profiles({ config: STARTUP_YAML }, ctx)],
];

describe('import, access and profiles need only the audit policy', () => {
  it.each(
    (['day1', 'org'] as ScenarioName[]).flatMap((scenario) =>
      COMMANDS.map(([name, command]) => [scenario, name, command] as const),
    ),
  )('%s: %s', async (scenario, name, command) => {
    const clock = new VirtualClock();
    const state = join(tmp.dir, `${scenario}-${name.replace(/\W+/g, '-')}.json`);
    const file = await openSandboxFile(state, {
      clock,
      create: { scenario, overwrite: true, knobs: { recordCallsInState: true } },
    });
    file.close();
    const ctx = testContext({ clock, cwd: tmp.dir, globals: { sandbox: state } });
    expect(await command(ctx)).toBe(0);
    const calls = readStateFile(state).calls ?? [];
    expect(calls.length).toBeGreaterThan(0);
    const outside = calls.filter((c) => !NO_PERMISSION_NEEDED.has(c.action) && !allowed.has(c.action));
    expect(outside.map((c) => c.action)).toEqual([]);
    expect(calls.filter((c) => !/^(List|Get|Describe)/.test(c.operation)).map((c) => c.operation)).toEqual([]);
  });
});
