/**
 * @module Starts moto (the Python AWS emulator) on a free loopback port for one test file: spawns
 * `python3 -m moto.server` (or, with `shims`, the launcher next to this file that first registers
 * the read-only shims documented in docs/testing.md), waits until it answers over HTTP, and kills it
 * afterwards. Failing to start is an error with moto's own output, never a silent skip.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface MotoServer {
  /** `http://127.0.0.1:PORT`, for AWS_ENDPOINT_URL or a client's `endpoint`. */
  endpoint: string;
  /** The operations the launcher added to moto (`sso-admin:DescribeInstance`, …); empty without shims. */
  shims: readonly string[];
  /** Environment for a client process (the CLI, boto3, the aws CLI): endpoint, dummy credentials, region. */
  env: Readonly<Record<string, string>>;
  /** Wipes every backend (`POST /moto-api/reset`): a fresh moto without a restart. */
  reset(): Promise<void>;
  /** Stops the server (idempotent). */
  stop(): Promise<void>;
}

export interface StartMotoOptions {
  /** Register the launcher's shims for operations moto lacks (contract tests of apply and import). */
  shims?: boolean;
  /** How long moto may take to answer, in ms (a loaded 2-core machine needs a few seconds). */
  readyTimeoutMs?: number;
  /** The Python interpreter (default `python3`). */
  python?: string;
}

/** Dummy credentials: moto accepts any, and tests must never hold real ones. */
export const MOTO_CREDENTIALS = { accessKeyId: 'AKIAMOTOTESTKEY00001', secretAccessKey: 'moto-test-secret' } as const;
/** moto's default account (the caller of every request signed with the dummy credentials). */
export const MOTO_ACCOUNT_ID = '123456789012';

const LAUNCHER = join(import.meta.dirname, 'moto_launcher.py');
const SHIMS_LINE = /gatehouse-moto-shims: (\[.*\])/;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not find a free loopback port'));
      });
    });
  });
}

/** True once moto answers its own API; false while the port is not listening yet. */
async function answers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function startOnce(port: number, options: StartMotoOptions): Promise<MotoServer> {
  const args = options.shims
    ? [LAUNCHER, '--port', String(port)]
    : ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)];
  const python = options.python ?? 'python3';
  const child = spawn(python, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' },
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    // Keep only the start of moto's output (the request log grows with every call).
    if (output.length < 20_000) output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // A test worker that dies must not leave moto running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let spawnError: Error | null = null;
  child.on('error', (error) => {
    spawnError = error;
  });

  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await waitForExit(child);
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  // Bounded readiness poll: synchronisation with a process that has no readiness signal, not a sleep.
  for (let attempt = 0; ; attempt++) {
    if (spawnError !== null) throw new Error(`moto could not be started (${python} ${args.join(' ')}): ${spawnError}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      const hint = output.includes('No module named') ? "\n(moto's server is missing: pip install 'moto[server]')" : '';
      throw new Error(
        `moto exited before answering (${python} ${args.join(' ')}; code ${child.exitCode}, signal ${child.signalCode}):\n${output.trim()}${hint}`,
      );
    }
    if (await answers(endpoint)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `moto did not answer on ${endpoint} within ${options.readyTimeoutMs ?? 60_000} ms:\n${output.trim()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 250)));
  }

  let shims: string[] = [];
  if (options.shims) {
    const line = SHIMS_LINE.exec(output);
    if (!line?.[1]) {
      await stop();
      throw new Error(`the moto launcher did not report its shims:\n${output.trim()}`);
    }
    shims = JSON.parse(line[1]) as string[];
  }

  return {
    endpoint,
    shims,
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
    },
    async reset() {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
    },
    stop,
  };
}

/**
 * Starts moto and waits until it answers. Retries on another port when the chosen one was taken
 * between choosing and binding it; any other failure throws with moto's output.
 */
export async function startMoto(options: StartMotoOptions = {}): Promise<MotoServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await startOnce(port, options);
    } catch (error) {
      lastError = error;
      if (!String(error).includes('Address already in use')) break;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
