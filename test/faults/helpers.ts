/**
 * @module Shared by the fault suites: sandbox state files prepared with knobs (and credentials) for
 * the spawned CLI, what the sandbox recorded, and the "one clear line, no stack trace" assertion.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import {
  type CallRecord,
  type ChosenCredentials,
  type KnobsPatch,
  openSandboxFile,
  readStateFile,
  type Sandbox,
  type ScenarioName,
} from '../../src/sandbox/index.js';
import type { CliRun } from '../helpers/run-cli.js';

export const EXAMPLES = resolve(import.meta.dirname, '../../examples');
export const STARTUP_YAML = join(EXAMPLES, 'startup.yaml');

/** A fresh temporary directory; `cleanup()` removes it. */
export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `gatehouse-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface PrepareOptions {
  scenario: ScenarioName;
  knobs?: KnobsPatch;
  credentials?: ChosenCredentials;
  seed?: number;
  /** Changes the sandbox before the CLI sees it (issue credentials, expire them…). */
  setup?: (sandbox: Sandbox) => void;
}

/**
 * Writes a sandbox state file as `gatehouse sandbox create` would, with knobs set in the file (the
 * CLI reads them on open) and the call record kept in the file, so that the test can read back
 * every call the CLI made.
 */
export async function prepareSandbox(path: string, options: PrepareOptions): Promise<string> {
  const file = await openSandboxFile(path, {
    create: {
      scenario: options.scenario,
      overwrite: true,
      knobs: { recordCallsInState: true, ...options.knobs },
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    },
  });
  try {
    options.setup?.(file.sandbox);
  } finally {
    file.close();
  }
  return path;
}

/** Every call the CLI made against the state file (kept with the `recordCallsInState` knob). */
export function recordedCalls(path: string): CallRecord[] {
  return readStateFile(path).calls ?? [];
}

/** Operations that change AWS: none of them may appear after a refused apply. */
const WRITE = /^(Create|Delete|Update|Put|Attach|Detach|Provision|Tag|Untag|Enable|Register)/;

export function writeCalls(path: string): CallRecord[] {
  return recordedCalls(path).filter((c) => WRITE.test(c.operation));
}

/** The lines of stderr that report an error (`error: …`). */
export function errorLines(run: CliRun): string[] {
  return run.stderr.split('\n').filter((l) => l.startsWith('error:'));
}

/**
 * The CLI failed the way a user should see it: the expected exit code, exactly one `error:` line
 * matching `message`, no stack trace, not reported as an internal error. Returns the error line.
 */
export function expectOneClearError(run: CliRun, exitCode: number, message: RegExp): string {
  const context = `exit ${run.code}\nstderr:\n${run.stderr}`;
  expect(run.code, context).toBe(exitCode);
  const lines = errorLines(run);
  expect(lines, context).toHaveLength(1);
  expect(lines[0], context).toMatch(message);
  expectNoCrash(run);
  return lines[0]!;
}

/** No stack trace, no internal error, no Node warning on stderr. */
export function expectNoCrash(run: CliRun): void {
  const context = `exit ${run.code}\nstderr:\n${run.stderr}`;
  expect(run.signal, context).toBeNull();
  expect(run.code, context).not.toBe(70);
  expect(run.stderr, context).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(run.stderr, context).not.toMatch(/internal error|This is a bug/);
  expect(run.stderr, context).not.toMatch(/\(node:\d+\) \w*Warning/);
}

/** The hint lines under the error (indented by two spaces). */
export function hintLines(run: CliRun): string[] {
  return run.stderr.split('\n').filter((l) => l.startsWith('  '));
}
