/** @module Shared steps of the plan/apply end-to-end tests: sandbox files, knobs, the spawned CLI, the state afterwards. */

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { CLI_ENTRY, type CliRun, cleanEnv, runCli } from '../helpers/run-cli.js';

export const GROWING_ORG = resolve(import.meta.dirname, '../../examples/growing-org.yaml');

export interface Workspace {
  dir: string;
  state: string;
  /** `gatehouse --sandbox STATE …` in `dir`. */
  cli(args: string[], options?: { timeoutMs?: number }): Promise<CliRun>;
}

/** A temporary directory with an `org` sandbox state file made by `gatehouse sandbox create`. */
export async function orgWorkspace(): Promise<Workspace> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'));
  const state = join(dir, 'org.json');
  const created = await runCli(['sandbox', 'create', '--scenario', 'org', '--state', state], { cwd: dir });
  expect(created.code, created.stderr).toBe(0);
  return {
    dir,
    state,
    cli: (args, options = {}) =>
      runCli(['--sandbox', state, ...args], { cwd: dir, timeoutMs: options.timeoutMs ?? 60_000 }),
  };
}

/** Edits the knobs in a state file no process holds (as a user would with jq). */
export function setKnobs(state: string, knobs: Record<string, unknown>): void {
  const doc = JSON.parse(readFileSync(state, 'utf8')) as { knobs: Record<string, unknown> };
  doc.knobs = { ...doc.knobs, ...knobs };
  writeFileSync(state, `${JSON.stringify(doc, null, 2)}\n`);
}

interface StateView {
  users: string[];
  groups: string[];
  sets: string[];
  memberships: number;
  assignments: string[];
}

/** What the sandbox holds, by name. */
export function stateView(state: string): StateView {
  const doc = JSON.parse(readFileSync(state, 'utf8')) as {
    instances: Record<
      string,
      {
        kind: string;
        permissionSets: Record<string, { arn: string; name: string }>;
        assignments: Record<string, { accountId: string; permissionSetArn: string; principalId: string }>;
        identityStore: {
          users: Record<string, { UserId: string; UserName: string }>;
          groups: Record<string, { GroupId: string; DisplayName: string }>;
          memberships: Record<string, unknown>;
        };
      }
    >;
  };
  const instance = Object.values(doc.instances).find((i) => i.kind === 'organization')!;
  const names = new Map<string, string>();
  for (const p of Object.values(instance.permissionSets)) names.set(p.arn, p.name);
  for (const u of Object.values(instance.identityStore.users)) names.set(u.UserId, u.UserName);
  for (const g of Object.values(instance.identityStore.groups)) names.set(g.GroupId, g.DisplayName);
  return {
    users: Object.values(instance.identityStore.users)
      .map((u) => u.UserName)
      .sort(),
    groups: Object.values(instance.identityStore.groups)
      .map((g) => g.DisplayName)
      .sort(),
    sets: Object.values(instance.permissionSets)
      .map((p) => p.name)
      .sort(),
    memberships: Object.keys(instance.identityStore.memberships).length,
    assignments: Object.values(instance.assignments)
      .map((a) => `${names.get(a.permissionSetArn)}|${names.get(a.principalId)}|${a.accountId}`)
      .sort(),
  };
}

/** growing-org fully applied: every name once, 13 assignments, no duplicates. */
export function expectGrowingOrgApplied(state: string): void {
  const view = stateView(state);
  expect(view.users).toEqual(['ismail', 'lea', 'noor', 'sam.okafor']);
  expect(view.groups).toEqual(['Engineers', 'Founders', 'Security']);
  expect(view.sets).toEqual(['Admin', 'Developer', 'PowerUser', 'ReadOnly', 'SecurityAudit']);
  expect(view.memberships).toBe(5);
  expect(view.assignments).toHaveLength(13);
  expect(new Set(view.assignments).size).toBe(13);
}

/**
 * Spawns `gatehouse … apply` and SIGKILLs it as soon as stderr shows a line starting with `waitFor`
 * (synchronisation on the process's own output, not a timed sleep).
 */
export function killWhen(
  w: Workspace,
  args: string[],
  waitFor: RegExp,
): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, '--sandbox', w.state, ...args], {
      cwd: w.dir,
      env: cleanEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
      if (!killed && stderr.split('\n').some((line) => waitFor.test(line))) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stdout.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      resolvePromise({ signal, stderr });
    });
    child.stdin.end();
  });
}
