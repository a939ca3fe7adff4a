/**
 * @module A child process for the state-file tests (run after transpiling, see child-process.ts).
 * `hammer FILE LABEL N GO`: once the file GO exists, N times open the file, create an identity-store
 * user, hold the file a few milliseconds, close.
 * `hold FILE`: open the file, create a user, flush, print `ready`, then keep the lock until killed.
 */

import { existsSync } from 'node:fs';
import { openSandboxFile } from '../../src/sandbox/index.js';

const [mode, file, label = 'child', count = '10', go] = process.argv.slice(2);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function createUser(name: string): Promise<void> {
  const opened = await openSandboxFile(file as string, { lockTimeoutMs: 60_000 });
  try {
    const sandbox = opened.sandbox;
    const credentials = sandbox.defaultCredentials();
    const instance = Object.values(sandbox.state.instances)[0];
    if (!credentials || !instance) throw new Error('the state has no default credentials or instance');
    await sandbox.handle({
      service: 'identitystore',
      operation: 'CreateUser',
      input: {
        IdentityStoreId: instance.identityStoreId,
        UserName: name,
        DisplayName: name,
        Name: { GivenName: name, FamilyName: 'Child' },
      },
      accessKeyId: credentials.accessKeyId,
      region: instance.region,
    });
    // Hold the lock a little, so the other process has to wait for it.
    await sleep(3);
  } finally {
    opened.close();
  }
}

if (mode === 'hammer') {
  while (go && !existsSync(go)) await sleep(2);
  for (let i = 0; i < Number(count); i++) await createUser(`${label}-${i}`);
  process.stdout.write('done\n');
} else if (mode === 'hold') {
  const opened = await openSandboxFile(file as string);
  const sandbox = opened.sandbox;
  const credentials = sandbox.defaultCredentials();
  const instance = Object.values(sandbox.state.instances)[0];
  await sandbox.handle({
    service: 'identitystore',
    operation: 'CreateUser',
    input: {
      IdentityStoreId: instance?.identityStoreId,
      UserName: label,
      DisplayName: label,
      Name: { GivenName: label, FamilyName: 'Held' },
    },
    accessKeyId: credentials?.accessKeyId ?? '',
    region: instance?.region ?? 'eu-west-1',
  });
  opened.flush();
  process.stdout.write('ready\n');
  setInterval(() => {}, 1000);
}
