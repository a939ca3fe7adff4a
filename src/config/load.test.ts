import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../cli/format-diagnostic.js';
import { ConfigError, InputFileError } from '../errors.js';
import { checkConfigText, loadConfig, parseConfigText } from './load.js';

const NOW = Date.UTC(2026, 10, 28, 9);

/** An in-memory file system for policy files and configs. */
function files(entries: Record<string, string>) {
  return async (path: string) => {
    const text = entries[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT ${path}`), { code: 'ENOENT' });
    return Buffer.from(text);
  };
}

async function diagnostics(text: string, options: Parameters<typeof checkConfigText>[2] = {}): Promise<string[]> {
  const check = await checkConfigText(text, 'g.yaml', { now: NOW, ...options });
  return check.diagnostics.map(formatDiagnostic);
}

describe('parseConfigText', () => {
  test('a valid config gives the model and its warnings', async () => {
    const { desired, warnings } = await parseConfigText(
      'version: 1\npermissionSets:\n  Admin:\n    policies: [AdministratorAccess]\n    sessionDuration: PT12H\n',
      'g.yaml',
      { now: NOW },
    );
    expect(desired.file).toBe('g.yaml');
    expect(desired.permissionSets[0]?.source).toEqual({ file: 'g.yaml', line: 3, column: 3 });
    expect(warnings.map(formatDiagnostic)).toEqual([
      'g.yaml:5:22: warning: permissionSets.Admin.sessionDuration: `Admin` grants administrator access for sessions of PT12H; the audit allows at most 4 hour(s) (audit.thresholds.adminSessionHours) [admin-session-too-long]',
    ]);
  });

  test('an invalid config throws ConfigError with every diagnostic, errors and warnings, in file order', async () => {
    const text = [
      'version: 1',
      'permissionSets:',
      '  Admin:',
      '    policies: [AdministratorAccess]',
      '    sessionDuration: PT12H',
      'users:',
      '  ada: { email: nope, givenName: Ada, familyName: L }',
      'assignments:',
      '  - { principal: "group:Ghosts", permissionSet: Admin, accounts: [management] }',
      '',
    ].join('\n');
    const error = await parseConfigText(text, 'g.yaml', { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe('2 error(s) in configuration');
    expect((error as ConfigError).diagnostics.map(formatDiagnostic)).toEqual([
      'g.yaml:5:22: warning: permissionSets.Admin.sessionDuration: `Admin` grants administrator access for sessions of PT12H; the audit allows at most 4 hour(s) (audit.thresholds.adminSessionHours) [admin-session-too-long]',
      'g.yaml:7:17: error: users.ada.email: is not an email address (got "nope") [invalid-format]',
      'g.yaml:9:18: error: assignments[0].principal: group `Ghosts` is not defined under `groups:` [undefined-group]',
    ]);
  });

  test('attestations are checked against the known check ids when given', async () => {
    const text =
      'version: 1\nattestations:\n  identity-center.mfa-required: { by: ada, on: 2026-11-20 }\n  root.nope: { by: ada, on: 2026-11-20 }\n';
    expect(await diagnostics(text)).toEqual([]);
    expect(await diagnostics(text, { knownCheckIds: new Set(['identity-center.mfa-required']) })).toEqual([
      'g.yaml:4:3: error: attestations["root.nope"]: there is no check `root.nope` [unknown-check]',
    ]);
  });

  test('past 500 diagnostics, one last line counts the rest', async () => {
    const keys = Array.from({ length: 600 }, (_, i) => `unknown${i}: 1`).join('\n');
    const lines = await diagnostics(`version: 1\n${keys}\n`);
    expect(lines).toHaveLength(501);
    expect(lines[0]).toBe('g.yaml:2:1: error: unknown key `unknown0` at the top level [unknown-key]');
    expect(lines[500]).toBe(
      'g.yaml: error: 100 more problem(s) not shown (100 error(s)); fix the ones above first [too-many-problems]',
    );
  });

  test('Windows line endings are fine', async () => {
    expect(await diagnostics('version: 1\r\nroot:\r\n  mfa: maybe\r\n')).toEqual([
      'g.yaml:3:8: error: root.mfa: must be one of `required`, `hardware`, not "maybe" [invalid-value]',
    ]);
  });

  test('a UTF-8 BOM at the start of text is ignored', async () => {
    expect(await diagnostics('\ufeffversion: 1\n')).toEqual([]);
  });

  test('text over the size limit is refused before parsing', async () => {
    await expect(checkConfigText(`version: 1\n#${'x'.repeat(9 * 1024 * 1024)}`, 'big.yaml')).rejects.toThrow(
      InputFileError,
    );
  });
});

describe('inline policy files', () => {
  const config = 'version: 1\npermissionSets:\n  Dev:\n    inlinePolicy: { file: policies/dev.json }\n';
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }] };

  test('are read relative to the config file, as JSON data', async () => {
    const readFile = files({
      '/repo/infra/gatehouse.yaml': config,
      '/repo/infra/policies/dev.json': JSON.stringify(policy),
    });
    const { desired } = await loadConfig('infra/gatehouse.yaml', { cwd: '/repo', readFile, now: NOW });
    expect(desired.permissionSets[0]?.inlinePolicy).toEqual(policy);
  });

  test('problems in the file point at the `file:` line', async () => {
    const readFile = files({
      '/repo/policies/dev.json': '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*"}}',
    });
    expect(await diagnostics(config, { cwd: '/repo', readFile })).toEqual([
      'g.yaml:4:27: error: permissionSets.Dev.inlinePolicy.file: policies/dev.json: Statement: a statement needs Resource (or NotResource) [policy-statement]',
    ]);
  });
});

describe('loadConfig', () => {
  test('the examples are valid without warnings', async () => {
    for (const file of ['examples/startup.yaml', 'examples/growing-org.yaml']) {
      const { desired, warnings } = await loadConfig(file, { now: NOW });
      expect(warnings).toEqual([]);
      expect(desired.file).toBe(file);
    }
  });

  test('a missing file is an InputFileError', async () => {
    await expect(loadConfig('nope.yaml', { readFile: files({}) })).rejects.toThrow(
      new InputFileError('nope.yaml', 'config file nope.yaml not found'),
    );
  });
});
