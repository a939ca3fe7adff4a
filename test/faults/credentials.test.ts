/**
 * Credentials the user must fix, through the built CLI (issue #7 item 3): none at all (real AWS mode,
 * empty environment), an unknown `--profile`, expired session credentials (sandbox credentials whose
 * expiry has passed), an expired IAM Identity Center (SSO) token in the SDK's cache, and a session
 * that expires in the middle of an apply. Each is exit 3 with one line and the hint to sign in;
 * nothing reaches the network.
 */

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as runApply } from '../../src/cli/commands/apply.js';
import { reportError } from '../../src/cli/report-error.js';
import { ExitCode } from '../../src/errors.js';
import { openSandboxFile } from '../../src/sandbox/index.js';
import { VirtualClock } from '../../src/util/clock.js';
import { testContext } from '../helpers/cli-context.js';
import { ensureBuilt, runCli } from '../helpers/run-cli.js';
import { expectOneClearError, hintLines, prepareSandbox, recordedCalls, STARTUP_YAML, tempDir } from './helpers.js';

const tmp = tempDir('credentials');
/** A HOME without ~/.aws: the SDK finds nothing there. */
const emptyHome = join(tmp.dir, 'empty-home');
beforeAll(() => {
  mkdirSync(emptyHome);
  ensureBuilt();
}, 180_000);
afterAll(() => tmp.cleanup());

const NO_AWS = { HOME: emptyHome, AWS_REGION: 'eu-west-1' };

describe.concurrent('missing or unknown credentials (real AWS mode)', () => {
  it.each([
    ['audit', ['audit']],
    ['plan', ['plan', '-c', STARTUP_YAML]],
    ['import', ['import']],
  ])('%s without any credentials: exit 3 and how to sign in', async (_name, args) => {
    const run = await runCli(args, { env: NO_AWS });
    expectOneClearError(run, 3, /^error: no AWS credentials found: /);
    expect(hintLines(run).join('\n')).toContain('aws sso login --profile NAME');
    expect(run.stdout).toBe('');
  });

  it('an unknown --profile names the profile and the files searched', async () => {
    const run = await runCli(['audit', '--profile', 'typo-profile'], { env: NO_AWS });
    expectOneClearError(
      run,
      3,
      /^error: no AWS credentials found: the profile "typo-profile" is not defined in \/dev\/null or \/dev\/null$/,
    );
  });

  it('an unknown AWS_PROFILE is reported the same way', async () => {
    const run = await runCli(['plan', '-c', STARTUP_YAML], { env: { ...NO_AWS, AWS_PROFILE: 'nobody' } });
    expectOneClearError(run, 3, /the profile "nobody" is not defined/);
  });
});

describe.concurrent('expired credentials', () => {
  it.each([
    ['audit', ['audit']],
    ['plan', ['plan', '-c', STARTUP_YAML]],
    ['apply', ['apply', '-c', STARTUP_YAML, '--yes']],
    ['access', ['access']],
  ])('%s with expired session credentials: exit 3 and the refresh hint', async (name, args) => {
    const state = await prepareSandbox(join(tmp.dir, `expired-${name}.json`), {
      scenario: 'day1',
      setup: (sandbox) => {
        // The scenario's own session, expired a minute ago (as an SSO role session ends).
        sandbox.mutate((world) => {
          const id = world.state.defaultAccessKeyId!;
          world.state.credentials[id]!.expiresAt = Date.now() - 60_000;
        });
      },
    });
    const run = await runCli([...args, '--sandbox', state]);
    expectOneClearError(run, 3, /^error: the AWS credentials have expired \(ExpiredToken(Exception)?\)$/);
    expect(hintLines(run).join('\n')).toMatch(/aws sso login/);
    expect(recordedCalls(state).filter((c) => c.outcome === 'ok')).toEqual([]);
  });

  it.each([
    ['--profile', ['audit', '--profile', 'admin'], {}],
    ['AWS_PROFILE', ['plan', '-c', STARTUP_YAML], { AWS_PROFILE: 'admin' }],
  ])('an expired SSO token (%s): exit 3 and `aws sso login --profile admin`, offline', async (_name, args, env) => {
    const home = join(tmp.dir, `sso-home-${String(_name).replace(/\W/g, '')}`);
    writeSsoProfile(home);
    const run = await runCli(args, {
      env: { HOME: home, AWS_CONFIG_FILE: undefined, AWS_SHARED_CREDENTIALS_FILE: undefined, ...env },
    });
    expectOneClearError(run, 3, /^error: the AWS SSO session of profile admin has expired or is invalid$/);
    expect(hintLines(run)).toEqual(['  run `aws sso login --profile admin` and try again']);
  });
});

describe('credentials that expire during an apply (in process, virtual clock)', () => {
  it('stops at once with exit 3, says so first, and lists what was done', async () => {
    const clock = new VirtualClock();
    const state = join(tmp.dir, 'expires-mid-apply.json');
    const file = await openSandboxFile(state, { clock, create: { scenario: 'org', overwrite: true } });
    try {
      // A session that ends 1.5 s (sandbox time) from now: during the assignment's asynchronous work.
      const short = file.sandbox.issueCredentials({ accountId: '111111111111', expiresInMs: 1500 });
      file.sandbox.mutate((world) => {
        world.state.defaultAccessKeyId = short.accessKeyId;
      });
    } finally {
      file.close();
    }
    const ctx = testContext({ clock, cwd: tmp.dir, globals: { sandbox: state } });
    const error = await runApply({ config: STARTUP_YAML, yes: true }, ctx).catch((e: unknown) => e);
    let text = '';
    const code = reportError(error, { color: false, debug: false, write: (t) => (text += t) });
    expect(code).toBe(ExitCode.Aws);
    const [first, ...rest] = text.trimEnd().split('\n');
    expect(first).toMatch(
      /^error: apply stopped: the AWS credentials have expired \(ExpiredToken(Exception)?\) \(\d+ done, \d+ failed, \d+ not done\)$/,
    );
    expect(rest).toContain(
      '  sign in again (`aws sso login --profile NAME`, or fresh credentials), then run `gatehouse plan` and `gatehouse apply` again',
    );
    expect(rest.some((l) => l.startsWith('  done ('))).toBe(true);
  });
});

/**
 * ~/.aws/config with an sso-session profile, and the SDK's token cache holding a token that expired
 * in 2020 without a refresh token: the SDK's SSO provider refuses it without any network call.
 */
function writeSsoProfile(home: string): void {
  const cache = join(home, '.aws', 'sso', 'cache');
  mkdirSync(cache, { recursive: true });
  writeFileSync(
    join(home, '.aws', 'config'),
    [
      '[profile admin]',
      'sso_session = corp',
      'sso_account_id = 111111111111',
      'sso_role_name = AdministratorAccess',
      'region = eu-west-1',
      '',
      '[sso-session corp]',
      'sso_start_url = https://d-1234567890.awsapps.com/start',
      'sso_region = eu-west-1',
      'sso_registration_scopes = sso:account:access',
      '',
    ].join('\n'),
  );
  // The SDK names the cache file after the SHA-1 of the session name.
  const file = `${createHash('sha1').update('corp').digest('hex')}.json`;
  writeFileSync(
    join(cache, file),
    JSON.stringify({
      startUrl: 'https://d-1234567890.awsapps.com/start',
      region: 'eu-west-1',
      accessToken: 'expired-token-value',
      expiresAt: '2020-01-01T00:00:00Z',
    }),
  );
}
