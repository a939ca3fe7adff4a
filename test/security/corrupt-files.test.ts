/**
 * No secrets out through error messages (issue #7 item 5): a file gatehouse is pointed at — a
 * damaged sandbox state next to its secret key, or a credentials file passed as a snapshot, plan or
 * config by mistake — is refused without quoting its content (Node's JSON.parse message would
 * quote the text around the error).
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneClearError, prepareSandbox, STARTUP_YAML, tempDir } from '../faults/helpers.js';
import { ensureBuilt, runCli } from '../helpers/run-cli.js';

const SECRET = 'SECRETMARKERq7v0x9z2w4y6u8s1r3p5n7m9k2j4';
const tmp = tempDir('corrupt-files');
const credentialsFile = join(tmp.dir, 'credentials.json');
beforeAll(() => {
  ensureBuilt();
  writeFileSync(
    credentialsFile,
    `[default]\naws_access_key_id = AKIAGATEHOUSEMARKER7\naws_secret_access_key = ${SECRET}\n`,
  );
}, 180_000);
afterAll(() => tmp.cleanup());

/** Any 6 characters of the secret (or of the marker key) in the output is a leak. */
function expectNoFragment(text: string): void {
  for (const value of [SECRET, 'AKIAGATEHOUSEMARKER7']) {
    for (let i = 0; i + 6 <= value.length; i++) expect(text).not.toContain(value.slice(i, i + 6));
  }
}

describe.concurrent('refused files are not quoted', () => {
  it('a sandbox state damaged right at its secret key', async () => {
    const state = await prepareSandbox(join(tmp.dir, 'damaged.json'), {
      scenario: 'day1',
      credentials: { accessKeyId: 'AKIAGATEHOUSEMARKER7', secretAccessKey: SECRET },
    });
    const text = readFileSync(state, 'utf8');
    expect(text).toContain(`"${SECRET}"`);
    writeFileSync(state, text.replace(`"${SECRET}"`, SECRET));
    const run = await runCli(['audit', '--sandbox', state]);
    expectOneClearError(
      run,
      2,
      /^error: the sandbox state .*damaged\.json is not valid JSON \(unexpected character `S` at line \d+, column \d+\)$/,
    );
    expectNoFragment(run.stdout + run.stderr);
  });

  it.each([
    ['a snapshot', ['audit', '--snapshot', credentialsFile], 2],
    ['a saved plan', ['apply', credentialsFile, '-c', STARTUP_YAML], 4],
    ['a config', ['validate', '-c', credentialsFile], 2],
    ['a config for plan', ['plan', '-c', credentialsFile], 2],
  ] as const)('a credentials file passed as %s', async (_name, args, code) => {
    const run = await runCli([...args]);
    expect(run.code, run.stderr).toBe(code);
    expectNoFragment(run.stdout + run.stderr);
  });
});
