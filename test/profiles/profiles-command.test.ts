/**
 * `gatehouse profiles` in-process against sandbox state files: printing, merging into a config file
 * (AWS_CONFIG_FILE, ~/.aws/config, --write FILE), backup once, atomic and idempotent writes, --prune,
 * --user, config mode, symlinks and bytes that are not UTF-8.
 */

import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { run as runProfiles } from '../../src/cli/commands/profiles.js';
import { BEGIN_MARKER, END_MARKER } from '../../src/profiles/index.js';
import { openSandboxFile, type ScenarioName } from '../../src/sandbox/index.js';
import { VirtualClock } from '../../src/util/clock.js';
import { testContext } from '../helpers/cli-context.js';

let dir: string;
let state: string;
let storeId: string;
const clock = new VirtualClock();

async function sandbox(scenario: ScenarioName): Promise<void> {
  const file = await openSandboxFile(state, { clock, create: { scenario, overwrite: true } });
  storeId = Object.values(file.sandbox.state.instances)[0]?.identityStoreId ?? '';
  file.close();
}

const context = (env: NodeJS.ProcessEnv = {}) =>
  testContext({ globals: { sandbox: state }, cwd: dir, clock, env: { HOME: dir, ...env } });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-profiles-cmd-'));
  state = join(dir, 'sandbox.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const USER_FILE =
  '# mine\r\n[default]\r\nregion = us-east-1\r\n\r\n[profile   personal ]\r\naws_access_key_id=AKIDEXAMPLE ; key\r\n[profile work]\r\nregion=eu-north-1';

const CONFIG = `version: 1
identityCenter: { region: eu-west-1, portalUrl: "https://acme.awsapps.com/start" }
permissionSets:
  Admin: { policies: [AdministratorAccess] }
  ReadOnly: { policies: [ReadOnlyAccess] }
users:
  ada: { email: ada@example.com, givenName: Ada, familyName: Lovelace }
  bob: { email: bob@example.com, givenName: Bob, familyName: Builder }
assignments:
  - { principal: user:ada, permissionSet: ReadOnly, accounts: ["ou:/Workloads"] }
  - { principal: user:bob, permissionSet: Admin, accounts: [management, legacy] }
profiles: { namePattern: "{permissionSet}@{account}", region: us-east-2, sessionName: acme }
`;

describe('gatehouse profiles', () => {
  test('prints the block (sso-session + one profile per account × permission set) without --write', async () => {
    await sandbox('day1');
    const ctx = context();
    expect(await runProfiles({}, ctx)).toBe(0);
    expect(ctx.output()).toBe(
      [
        BEGIN_MARKER,
        '[sso-session gatehouse]',
        `sso_start_url = https://${storeId}.awsapps.com/start`,
        'sso_region = eu-west-1',
        'sso_registration_scopes = sso:account:access',
        '',
        '[profile management-Admin]',
        'sso_session = gatehouse',
        'sso_account_id = 111111111111',
        'sso_role_name = Admin',
        'region = eu-west-1',
        END_MARKER,
        '',
      ].join('\n'),
    );
  });

  test('--write into AWS_CONFIG_FILE: everything else kept byte for byte, one backup, mode kept, rerun writes nothing', async () => {
    await sandbox('day1');
    const file = join(dir, 'aws-config');
    writeFileSync(file, USER_FILE, { mode: 0o640 });
    const env = { AWS_CONFIG_FILE: file };

    const first = context(env);
    expect(await runProfiles({ write: true }, first)).toBe(0);
    const written = readFileSync(file, 'utf8');
    expect(written.startsWith(`${USER_FILE}\r\n\r\n${BEGIN_MARKER}\r\n`)).toBe(true);
    expect(written.endsWith(`${END_MARKER}\r\n`)).toBe(true);
    expect(readFileSync(`${file}.gatehouse.bak`, 'utf8')).toBe(USER_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(first.notes[0]).toBe(`Wrote ${file}: 1 added; the original is saved as ${file}.gatehouse.bak.`);

    const inode = statSync(file).ino;
    const again = context(env);
    expect(await runProfiles({ write: true }, again)).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(written);
    expect(statSync(file).ino).toBe(inode);
    expect(again.notes).toEqual([`${file} is up to date (1 unchanged).`]);

    // A later change keeps the first backup: the original file, not the previous gatehouse version.
    const renamed = context(env);
    expect(await runProfiles({ write: true, namePattern: '{accountId}-{permissionSet}' }, renamed)).toBe(0);
    expect(readFileSync(`${file}.gatehouse.bak`, 'utf8')).toBe(USER_FILE);
    expect(readFileSync(file, 'utf8')).toContain('[profile 111111111111-Admin]');
    expect(readFileSync(file, 'utf8')).toContain('[profile management-Admin]');
    expect(renamed.host.logs('info')).toContain(
      '1 profile in the block no longer applies and was kept (management-Admin); --prune removes it',
    );

    const pruned = context(env);
    expect(await runProfiles({ write: true, prune: true, namePattern: '{accountId}-{permissionSet}' }, pruned)).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after).not.toContain('[profile management-Admin]');
    expect(after.startsWith(USER_FILE)).toBe(true);
  });

  test('--write with no file anywhere creates ~/.aws (0700) and ~/.aws/config (0600), no backup', async () => {
    await sandbox('day1');
    const ctx = context();
    expect(await runProfiles({ write: true }, ctx)).toBe(0);
    const file = join(dir, '.aws', 'config');
    expect(statSync(join(dir, '.aws')).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').startsWith(BEGIN_MARKER)).toBe(true);
    expect(() => statSync(`${file}.gatehouse.bak`)).toThrow();
  });

  test('--write FILE wins over AWS_CONFIG_FILE; a same-name profile of the user is kept and reported', async () => {
    await sandbox('day1');
    const mine = join(dir, 'mine.ini');
    writeFileSync(mine, '[profile management-Admin]\nregion = ap-south-1\n');
    const ctx = context({ AWS_CONFIG_FILE: join(dir, 'other') });
    expect(await runProfiles({ write: mine }, ctx)).toBe(0);
    const text = readFileSync(mine, 'utf8');
    expect(text.match(/\[profile management-Admin\]/g)).toHaveLength(1);
    expect(text.startsWith('[profile management-Admin]\nregion = ap-south-1\n')).toBe(true);
    expect(ctx.host.logs('warn')).toEqual([
      `[profile management-Admin] is defined outside gatehouse's block in ${mine}; it is yours and was left as it is (not generated)`,
    ]);
    expect(() => statSync(join(dir, 'other'))).toThrow();
  });

  test('a symlinked config file stays a symlink; bytes that are not UTF-8 survive', async () => {
    await sandbox('day1');
    mkdirSync(join(dir, 'dotfiles'));
    mkdirSync(join(dir, '.aws'));
    const target = join(dir, 'dotfiles', 'aws-config');
    const latin1 = Buffer.concat([
      Buffer.from('# caf'),
      Buffer.from([0xe9]),
      Buffer.from(' (latin-1)\n[default]\nregion = us-east-1\n'),
    ]);
    writeFileSync(target, latin1);
    symlinkSync(target, join(dir, '.aws', 'config'));
    expect(await runProfiles({ write: true }, context())).toBe(0);
    expect(lstatSync(join(dir, '.aws', 'config')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, '.aws', 'config'))).toBe(target);
    const bytes = readFileSync(target);
    expect(bytes.subarray(0, latin1.length).equals(latin1)).toBe(true);
    expect(bytes.toString('latin1')).toContain('[profile management-Admin]');
  });

  test('-c: from the config — its pattern, region and session name; --user; suspended accounts get no profile', async () => {
    await sandbox('org');
    writeFileSync(join(dir, 'gatehouse.yaml'), CONFIG);
    const all = context();
    expect(await runProfiles({ config: 'gatehouse.yaml' }, all)).toBe(0);
    const text = all.output();
    expect(text).toContain(
      '[sso-session acme]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = eu-west-1\n',
    );
    expect(text.match(/^\[profile .*\]$/gm)).toEqual([
      '[profile Admin-management]',
      '[profile ReadOnly-dev]',
      '[profile ReadOnly-prod]',
      '[profile ReadOnly-staging]',
    ]);
    expect(text).toContain(
      'sso_session = acme\nsso_account_id = 444444444444\nsso_role_name = ReadOnly\nregion = us-east-2\n',
    );
    const bob = context();
    expect(await runProfiles({ config: 'gatehouse.yaml', user: 'bob', profileRegion: 'ap-southeast-2' }, bob)).toBe(0);
    expect(bob.output().match(/^\[profile .*\]$/gm)).toEqual(['[profile Admin-management]']);
    expect(bob.output()).toContain('region = ap-southeast-2');
  });

  test('usage errors: --prune without --write, a bad pattern or region, a damaged block', async () => {
    await sandbox('day1');
    await expect(runProfiles({ prune: true }, context())).rejects.toMatchObject({ exitCode: 2 });
    await expect(runProfiles({ namePattern: '{acount}' }, context())).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/unknown token \{acount\}/),
    });
    await expect(runProfiles({ profileRegion: 'Europe' }, context())).rejects.toMatchObject({ exitCode: 2 });
    const damaged = join(dir, 'damaged');
    writeFileSync(damaged, `${BEGIN_MARKER}\n[profile x]\n`);
    await expect(runProfiles({ write: damaged }, context())).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/damaged/),
    });
    expect(readFileSync(damaged, 'utf8')).toBe(`${BEGIN_MARKER}\n[profile x]\n`);
  });

  test('no Identity Center instance: nothing to make profiles for (exit 2)', async () => {
    await sandbox('fresh');
    await expect(runProfiles({}, context())).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/no IAM Identity Center instance/),
    });
  });
});
