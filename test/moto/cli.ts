/**
 * @module Helpers of the moto contract tests: the built CLI run against a moto server (its endpoint
 * and dummy credentials in a clean environment), a scratch directory, and an independent reader
 * (boto3 through `python3 -c`) that checks what gatehouse wrote without gatehouse's own code.
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliRun, runCli } from '../helpers/run-cli.js';
import type { MotoServer } from './moto-server.js';

/**
 * Time limits for a loaded 2-core machine: a CLI run normally takes 1–5 s, but CPU contention can
 * stretch it several times; setup may rebuild dist/ (`ensureBuilt`) and start moto.
 */
export const CLI_TEST_TIMEOUT_MS = 120_000;
export const SETUP_TIMEOUT_MS = 240_000;

/** Runs `gatehouse ARGS` against moto (AWS_ENDPOINT_URL, dummy credentials, no profile files). */
export function gatehouse(moto: MotoServer, args: string[], options: { cwd: string }): Promise<CliRun> {
  return runCli(args, { cwd: options.cwd, env: { ...moto.env }, timeoutMs: 90_000 });
}

/** A fresh scratch directory and its removal. */
export function scratchDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `gatehouse-moto-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The JSON a short boto3 script prints (its `result`), run against moto: gatehouse's code plays no part. */
export function boto3(moto: MotoServer, script: string): Promise<unknown> {
  const program = [
    'import json, boto3',
    `def client(service, region='eu-west-1'): return boto3.client(service, region_name=region, endpoint_url=${JSON.stringify(moto.endpoint)})`,
    script,
    'print(json.dumps(result, default=str))',
  ].join('\n');
  return new Promise((resolve, reject) => {
    execFile(
      'python3',
      ['-c', program],
      {
        env: {
          PATH: process.env.PATH,
          ...moto.env,
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        },
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`boto3 script failed: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout));
      },
    );
  });
}

/** A one-line summary of a CLI run for assertion messages. */
export function describeRun(run: CliRun): string {
  return `exit ${run.code}\nstderr:\n${run.stderr.slice(0, 3000)}\nstdout:\n${run.stdout.slice(0, 3000)}`;
}
