/** `gatehouse access` in-process against sandbox state files: live and config views, every format, --user, --onboarding, -o FILE. */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { run as runAccess } from '../../src/cli/commands/access.js';
import { openSandboxFile, type ScenarioName } from '../../src/sandbox/index.js';
import { VirtualClock } from '../../src/util/clock.js';
import { testContext } from '../helpers/cli-context.js';

let dir: string;
let state: string;
const clock = new VirtualClock();

async function sandbox(scenario: ScenarioName): Promise<string> {
  const file = await openSandboxFile(state, { clock, create: { scenario, overwrite: true } });
  const storeId = Object.values(file.sandbox.state.instances)[0]?.identityStoreId ?? '';
  file.close();
  return storeId;
}

const context = () => testContext({ globals: { sandbox: state }, cwd: dir, clock, env: {} });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-access-'));
  state = join(dir, 'sandbox.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const CONFIG = `version: 1
identityCenter: { region: eu-west-1 }
permissionSets:
  Admin: { policies: [AdministratorAccess] }
  ReadOnly: { policies: [ReadOnlyAccess] }
users:
  ada: { email: ada@example.com, givenName: Ada, familyName: Lovelace }
  bob: { email: bob@example.com, givenName: Bob, familyName: Builder }
groups:
  Engineers: { members: [ada, bob] }
assignments:
  - { principal: group:Engineers, permissionSet: ReadOnly, accounts: ["ou:/Workloads"] }
  - { principal: user:ada, permissionSet: Admin, accounts: [management] }
`;

describe('gatehouse access', () => {
  test('live state as text (the default)', async () => {
    await sandbox('day1');
    const ctx = context();
    expect(await runAccess({}, ctx)).toBe(0);
    expect(ctx.output()).toMatch(/^ismail \(Ismail G\)\n {2}management +111111111111 +Admin \[admin\] +/);
  });

  test('json and csv of the live state', async () => {
    await sandbox('day1');
    const json = context();
    await runAccess({ format: 'json' }, json);
    const doc = JSON.parse(json.output());
    expect(doc).toMatchObject({ format: 'gatehouse-access', source: 'live' });
    expect(
      doc.entries.map((e: { userName: string; permissionSet: string; admin: boolean }) => [
        e.userName,
        e.permissionSet,
        e.admin,
      ]),
    ).toEqual([['ismail', 'Admin', true]]);
    const csv = context();
    await runAccess({ format: 'csv' }, csv);
    expect(csv.output().split('\r\n')[0]).toBe(
      'user_name,display_name,account_id,account_name,account_state,permission_set,via,group,admin',
    );
  });

  test('-c: what the config grants after apply, expanded against the live organization', async () => {
    await sandbox('org');
    writeFileSync(join(dir, 'gatehouse.yaml'), CONFIG);
    const ctx = context();
    expect(await runAccess({ config: 'gatehouse.yaml', format: 'json' }, ctx)).toBe(0);
    const doc = JSON.parse(ctx.output());
    expect(doc.source).toBe('config');
    const rows = doc.entries.map(
      (e: { userName: string; accountName: string; permissionSet: string; via: string }) =>
        `${e.userName} ${e.accountName} ${e.permissionSet} ${e.via}`,
    );
    expect(rows).toEqual([
      'ada dev ReadOnly group',
      'ada management Admin direct',
      'ada prod ReadOnly group',
      'ada staging ReadOnly group',
      'bob dev ReadOnly group',
      'bob prod ReadOnly group',
      'bob staging ReadOnly group',
    ]);
  });

  test('--user: one person; an unknown name is a usage error with a suggestion', async () => {
    await sandbox('org');
    writeFileSync(join(dir, 'gatehouse.yaml'), CONFIG);
    const ctx = context();
    await runAccess({ config: 'gatehouse.yaml', user: 'bob' }, ctx);
    expect(ctx.output()).toMatch(/^bob \(Bob Builder\)\n/);
    expect(ctx.output()).not.toContain('ada');
    await expect(runAccess({ config: 'gatehouse.yaml', user: 'bbo' }, context())).rejects.toMatchObject({
      exitCode: 2,
      message: 'no user "bbo" in the config; did you mean "bob"?',
    });
  });

  test('--user NAME --onboarding: the note with the default portal URL', async () => {
    const storeId = await sandbox('day1');
    const ctx = context();
    expect(await runAccess({ user: 'ismail', onboarding: true }, ctx)).toBe(0);
    expect(ctx.output()).toContain(`AWS access portal:  https://${storeId}.awsapps.com/start`);
    expect(ctx.output()).toContain('management (111111111111)  Admin (administrator)');
    await expect(runAccess({ onboarding: true }, context())).rejects.toMatchObject({ exitCode: 2 });
    await expect(runAccess({ user: 'ismail', onboarding: true, format: 'csv' }, context())).rejects.toMatchObject({
      exitCode: 2,
    });
  });

  test('-o FILE writes the HTML matrix atomically', async () => {
    await sandbox('day1');
    const ctx = context();
    expect(await runAccess({ format: 'html', output: 'access.html' }, ctx)).toBe(0);
    expect(ctx.output()).toBe('');
    expect(readFileSync(join(dir, 'access.html'), 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*ismail[\s\S]*<\/html>\n$/);
    expect(ctx.notes).toEqual(['Wrote the html access view to access.html']);
  });
});

describe('gatehouse access without -c next to a gatehouse.yaml', () => {
  test('shows the live state, reads the region the config sets and does not advise setting it', async () => {
    await sandbox('day1');
    writeFileSync(join(dir, 'gatehouse.yaml'), CONFIG);
    const ctx = context();
    expect(await runAccess({}, ctx)).toBe(0);
    expect(ctx.output()).toMatch(/^ismail \(Ismail G\)\n/); // the live state, not the config's people
    const messages = ctx.host.events.flatMap((e) => (e.type === 'log' ? [e.message] : []));
    expect(messages.filter((m) => m.includes('identityCenter.region'))).toEqual([]);
    expect(messages.filter((m) => m.includes('searched'))).toEqual([]);
  });

  test('without a gatehouse.yaml the region is searched for, and setting it is advised', async () => {
    await sandbox('day1');
    const ctx = context();
    expect(await runAccess({}, ctx)).toBe(0);
    const messages = ctx.host.events.flatMap((e) => (e.type === 'log' ? [e.message] : []));
    expect(messages.some((m) => m.includes('set identityCenter.region: eu-west-1 to skip the search'))).toBe(true);
  });
});
