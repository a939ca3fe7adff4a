/**
 * AWS cannot be reached (issue #7 item 3): real AWS mode with AWS_ENDPOINT_URL at a loopback port
 * nobody listens on, and at a host name that cannot resolve (`.invalid` is reserved for that). Exit
 * 3 with "cannot reach …" and the network hint; retries are bounded, so the process ends on its own
 * (the test gives it a generous timeout and asserts the exit, not a duration).
 */

import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from '../helpers/run-cli.js';
import { expectOneClearError, hintLines, STARTUP_YAML, tempDir } from './helpers.js';

const tmp = tempDir('network');
let closedPort = 0;

/** A loopback port that was free a moment ago and has no listener now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  ensureBuilt();
  closedPort = await freePort();
}, 180_000);
afterAll(() => tmp.cleanup());

/** Well-formed but useless keys: the request is signed, then the connection fails. */
const KEYS = {
  HOME: tmp.dir,
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLENETWORK01',
  AWS_SECRET_ACCESS_KEY: 'network-test-secret-key-0000000000000000',
  AWS_REGION: 'eu-west-1',
};
const GENEROUS = 120_000;

describe.concurrent('no network', () => {
  it.each([
    ['audit', ['audit']],
    ['plan', ['plan', '-c', STARTUP_YAML]],
    ['apply', ['apply', '-c', STARTUP_YAML, '--yes']],
  ])(
    '%s against a closed loopback port: exit 3, cannot reach 127.0.0.1:PORT',
    async (_name, args) => {
      const run = await runCli(args, {
        env: { ...KEYS, AWS_ENDPOINT_URL: `http://127.0.0.1:${closedPort}` },
        timeoutMs: GENEROUS,
      });
      expectOneClearError(run, 3, new RegExp(`^error: cannot reach 127\\.0\\.0\\.1:${closedPort} \\(ECONNREFUSED\\)$`));
      expect(hintLines(run)).toEqual(['  check the network, proxy (HTTPS_PROXY) and AWS_ENDPOINT_URL settings']);
    },
    GENEROUS,
  );

  it(
    'an endpoint host that does not resolve (DNS failure): exit 3, cannot reach the host',
    async () => {
      const run = await runCli(['audit'], {
        env: { ...KEYS, AWS_ENDPOINT_URL: 'http://gatehouse-nonexistent.invalid' },
        timeoutMs: GENEROUS,
      });
      // ENOTFOUND with a resolver, EAI_AGAIN without one: either way the host is named.
      expectOneClearError(run, 3, /^error: cannot reach gatehouse-nonexistent\.invalid \((ENOTFOUND|EAI_AGAIN)\)$/);
    },
    GENEROUS,
  );
});
