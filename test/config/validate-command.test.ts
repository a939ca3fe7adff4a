/**
 * @module `gatehouse validate`, in-process: exit codes, the one-line summary, warnings, `--format json`,
 * and the default file name.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { run, type ValidateJson } from '../../src/cli/commands/validate.js';
import { reportError } from '../../src/cli/report-error.js';
import { ConfigError } from '../../src/errors.js';
import { VirtualClock } from '../../src/util/clock.js';
import { testContext } from '../helpers/cli-context.js';

const ROOT = join(import.meta.dirname, '../..');
const NOW = Date.UTC(2026, 10, 28, 9);
const dir = mkdtempSync(join(tmpdir(), 'gatehouse-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function validate(options: { config?: string; format?: 'text' | 'json' }, cwd = ROOT) {
  const ctx = testContext({ cwd, clock: new VirtualClock(NOW) });
  let stderr = '';
  let exitCode: number;
  try {
    exitCode = await run(options, ctx);
  } catch (error) {
    exitCode = reportError(error, { color: false, debug: false, write: (text) => (stderr += text) });
  }
  return { exitCode, stdout: ctx.output(), notes: ctx.notes, stderr };
}

describe('gatehouse validate', () => {
  test('the startup example is valid: exit 0 and a one-line summary', async () => {
    const result = await validate({ config: 'examples/startup.yaml' });
    expect(result).toEqual({
      exitCode: 0,
      stdout: '',
      notes: ['examples/startup.yaml is valid (2 permission sets, 1 user, 1 assignment rule)'],
      stderr: '',
    });
  });

  test('the growing-org example is valid', async () => {
    const result = await validate({ config: 'examples/growing-org.yaml' });
    expect(result.exitCode).toBe(0);
    expect(result.notes).toEqual([
      'examples/growing-org.yaml is valid (5 permission sets, 3 groups, 4 users, 5 assignment rules, 2 attestations)',
    ]);
  });

  test('reads ./gatehouse.yaml by default', async () => {
    writeFileSync(join(dir, 'gatehouse.yaml'), 'version: 1\n');
    const result = await validate({}, dir);
    expect(result.exitCode).toBe(0);
    expect(result.notes).toEqual(['gatehouse.yaml is valid (0 permission sets, 0 users, 0 assignment rules)']);
  });

  test('warnings are shown as diagnostic lines and do not fail', async () => {
    const result = await validate({ config: 'test/fixtures/configs/warnings-only.yaml' });
    expect(result.exitCode).toBe(0);
    expect(result.notes).toHaveLength(12);
    expect(result.notes[0]).toBe(
      'test/fixtures/configs/warnings-only.yaml:4:13: warning: identityCenter.instance: an account instance cannot assign permission sets across the organization; `organization` is recommended [account-instance]',
    );
    expect(result.notes.at(-1)).toMatch(/^test\/fixtures\/configs\/warnings-only\.yaml is valid \(/);
  });

  test('a config with several mistakes: every one with its line and column, exit 2', async () => {
    const result = await validate({ config: 'several-mistakes.yaml' }, join(ROOT, 'test/fixtures/bad-configs'));
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'several-mistakes.yaml:3:8: error: root.mfa: must be one of `required`, `hardware`, not "requried"; did you mean `required`? [invalid-value]',
      'several-mistakes.yaml:6:5: error: unknown key `sesionDuration` in `permissionSets.Admin`; did you mean `sessionDuration`? [unknown-key]',
      "several-mistakes.yaml:9:22: error: permissionSets.PowerUser.sessionDuration: must be between PT1H and PT12H (AWS's limits); PT13H is longer [invalid-session-duration]",
      'several-mistakes.yaml:13:20: error: groups.Founders.members[1]: member `grace` is not defined under `users:` [undefined-user]',
      'several-mistakes.yaml:19:3: error: duplicate key `ada` (first defined on line 15); a key may appear only once [duplicate-key]',
      "several-mistakes.yaml:24:9: error: accounts.prod: account id 012345678901 is not quoted; YAML turns unquoted digits into numbers (dropping leading zeros): write '012345678901' [unquoted-account-id]",
      'several-mistakes.yaml:26:16: error: assignments[0].principal: group `Engineers` is not defined under `groups:` [undefined-group]',
      'several-mistakes.yaml:28:28: error: assignments[0].accounts[1]: an OU path starts at the root: `ou:/Workloads` [invalid-target]',
    ]);
  });

  test('an invalid config throws ConfigError carrying the warnings too', async () => {
    writeFileSync(join(dir, 'mixed.yaml'), 'version: 1\nidentityCenter: { instance: account }\nroot: { mfa: maybe }\n');
    const ctx = testContext({ cwd: dir, clock: new VirtualClock(NOW) });
    const error = await run({ config: 'mixed.yaml' }, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual([
      'warning account-instance',
      'error invalid-value',
    ]);
  });

  describe('--format json', () => {
    test('valid: the JSON on stdout, exit 0', async () => {
      const result = await validate({ config: 'examples/startup.yaml', format: 'json' });
      expect(result.exitCode).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ valid: true, diagnostics: [] } satisfies ValidateJson);
      expect(result.notes).toEqual([]);
    });

    test('invalid: every diagnostic as JSON, exit 2, nothing on stderr', async () => {
      const result = await validate(
        { config: 'undefined-group.yaml', format: 'json' },
        join(ROOT, 'test/fixtures/bad-configs'),
      );
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual({
        valid: false,
        diagnostics: [
          {
            severity: 'error',
            code: 'undefined-group',
            message:
              'assignments[0].principal: group `Founder` is not defined under `groups:`; did you mean `Founders`?',
            file: 'undefined-group.yaml',
            line: 14,
            column: 16,
            path: 'assignments[0].principal',
          },
        ],
      } satisfies ValidateJson);
    });

    test('an unreadable file is a diagnostic about the whole file', async () => {
      const result = await validate({ config: 'nope.yaml', format: 'json' }, dir);
      expect(result.exitCode).toBe(2);
      expect(JSON.parse(result.stdout)).toEqual({
        valid: false,
        diagnostics: [
          {
            severity: 'error',
            code: 'input-file',
            message: 'config file nope.yaml not found',
            file: 'nope.yaml',
            line: 0,
            column: 0,
          },
        ],
      } satisfies ValidateJson);
    });
  });
});

describe('gatehouse validate in GitHub Actions', () => {
  const bad = join(dir, 'several-mistakes.yaml');
  writeFileSync(
    bad,
    [
      'version: 1',
      'permissionSets:',
      '  Admin: { policies: [AdministratorAccess], sessionDuration: PT99H }',
      'users:',
      '  ana: { emial: ana@example.com, givenName: Ana, familyName: B }',
      'assignments:',
      '  - { principal: group:Nobody, permissionSet: Admin, accounts: [management] }',
      '',
    ].join('\n'),
  );

  async function validateIn(env: NodeJS.ProcessEnv, format?: 'text' | 'json' | 'github') {
    const ctx = testContext({ cwd: dir, clock: new VirtualClock(NOW), env });
    let stderr = '';
    let exitCode: number;
    try {
      exitCode = await run({ config: bad, ...(format ? { format } : {}) }, ctx);
    } catch (error) {
      exitCode = reportError(error, { color: false, debug: false, write: (text) => (stderr += text) });
    }
    return { exitCode, stdout: ctx.output(), stderr };
  }

  test('--format github prints one located ::error per mistake, matching the text diagnostics', async () => {
    const github = await validateIn({}, 'github');
    const text = await validateIn({}, 'text');
    expect(github.exitCode).toBe(2);
    const commands = github.stdout.trim().split('\n');
    const located = text.stderr.split('\n').filter((l) => /:\d+:\d+: error:/.test(l));
    expect(commands.length).toBeGreaterThanOrEqual(3);
    expect(commands).toHaveLength(located.length);
    for (const command of commands) {
      expect(command).toMatch(/^::error file=[^,]+,line=\d+,col=\d+,title=[a-z-]+::\S/);
    }
    // Each mistake points at its own line: sessionDuration (3), emial (5), the group (7).
    const lines = commands.map((c) => Number(/line=(\d+)/.exec(c)?.[1]));
    expect(new Set(lines)).toEqual(new Set([3, 5, 7]));
  });

  test('GITHUB_ACTIONS=true without --format: workflow commands on stdout and the normal text too', async () => {
    const result = await validateIn({ GITHUB_ACTIONS: 'true' });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(/^::error file=/);
    expect(result.stderr).toMatch(/error in configuration|error\(s\) in configuration|: error: /);
  });

  test('outside GitHub Actions the default stays plain text', async () => {
    const result = await validateIn({});
    expect(result.stdout).toBe('');
  });
});

describe('finding the config', () => {
  test('gatehouse.yml is read when gatehouse.yaml is absent', async () => {
    const ymlDir = mkdtempSync(join(tmpdir(), 'gatehouse-yml-'));
    writeFileSync(join(ymlDir, 'gatehouse.yml'), 'version: 1\n');
    const result = await validate({}, ymlDir);
    expect(result.exitCode).toBe(0);
    expect(result.notes).toEqual(['gatehouse.yml is valid (0 permission sets, 0 users, 0 assignment rules)']);
  });

  test('with no config at all, the error says how to start: init, import, the examples', async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'gatehouse-empty-'));
    const result = await validate({}, emptyDir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('gatehouse.yaml not found (nor gatehouse.yml)');
    expect(result.stderr).toContain('gatehouse init');
    expect(result.stderr).toContain('gatehouse import -o gatehouse.yaml');
    expect(result.stderr).toContain('examples/startup.yaml');
  });
});
