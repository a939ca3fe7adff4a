/**
 * Access denied, through the built CLI against sandbox files with the `denials` knob (issue #7
 * item 3). Audit keeps its honesty contract — the checks that need a denied action report `error`
 * and the run goes on — and ends with one line naming the denied IAM actions and the policy
 * command. Plan, apply and import stop with exit 3 and one line naming the IAM action.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStateFile } from '../../src/sandbox/index.js';
import { ensureBuilt, runCli } from '../helpers/run-cli.js';
import {
  expectNoCrash,
  expectOneClearError,
  hintLines,
  prepareSandbox,
  recordedCalls,
  STARTUP_YAML,
  tempDir,
} from './helpers.js';

const tmp = tempDir('denied');
beforeAll(() => ensureBuilt(), 180_000);
afterAll(() => tmp.cleanup());

describe.concurrent('access denied', () => {
  it('audit: the affected checks report error, the run goes on, and the summary names the denied actions', async () => {
    const state = await prepareSandbox(join(tmp.dir, 'audit.json'), {
      scenario: 'day1',
      knobs: { denials: ['iam:GenerateCredentialReport', 'sso:ListPermissionSets'] },
    });
    const report = join(tmp.dir, 'audit-report.json');
    const run = await runCli(['audit', '--sandbox', state, '--format', 'json', '-o', report]);
    expect(run.code, run.stderr).toBe(1);
    expectNoCrash(run);
    const warning = run.stderr.split('\n').filter((l) => l.includes('access denied to 2 IAM actions'));
    expect(warning).toEqual([
      'warning: access denied to 2 IAM actions (iam:GenerateCredentialReport, sso:ListPermissionSets): the checks that need them report error; run `gatehouse permissions --for audit` for the policy an audit needs',
    ]);

    const doc = JSON.parse(readFileSync(report, 'utf8')) as {
      results: { checkId: string; status: string; reason: string }[];
    };
    const byId = new Map(doc.results.map((r) => [r.checkId, r]));
    expect(byId.get('root.mfa-enabled')).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('access denied to iam:GenerateCredentialReport'),
    });
    // One message for one cause: the first check that needs the set list states the denial, the
    // others point to it.
    expect(byId.get('identity-center.baseline-permission-sets')).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('access denied to sso:ListPermissionSets'),
    });
    expect(byId.get('identity-center.session-duration')).toMatchObject({
      status: 'error',
      reason:
        'Could not judge: identity-center.permission-sets could not be read (the cause is stated once, under identity-center.baseline-permission-sets).',
    });
    // The run went on: what did not need the denied actions was judged.
    expect(byId.get('identity-center.enabled')?.status).toBe('pass');
    expect(byId.get('organization.all-features')?.status).toBe('pass');
    // Denied means asked once and not retried.
    const denied = recordedCalls(state).filter(
      (c) => c.outcome === 'AccessDeniedException' || c.outcome === 'AccessDenied',
    );
    expect(new Set(denied.map((c) => c.action))).toEqual(
      new Set(['iam:GenerateCredentialReport', 'sso:ListPermissionSets']),
    );
  });

  it('plan: a denied read stops with exit 3, the IAM action and the apply policy hint', async () => {
    const state = await prepareSandbox(join(tmp.dir, 'plan.json'), {
      scenario: 'day1',
      knobs: { denials: ['identitystore:ListUsers'] },
    });
    const run = await runCli(['plan', '-c', STARTUP_YAML, '--sandbox', state]);
    expectOneClearError(
      run,
      3,
      /^error: cannot plan: access denied to identitystore:ListUsers \(reading identity-store\.users\)$/,
    );
    expect(hintLines(run)).toContain('  run `gatehouse permissions --for apply` for the policy gatehouse needs');
    expect(run.stdout).toBe('');
  });

  it('apply: a denied write (sso:CreatePermissionSet) stops with exit 3, names the action, reports what was done', async () => {
    const state = await prepareSandbox(join(tmp.dir, 'apply.json'), {
      scenario: 'org',
      knobs: { denials: ['sso:CreatePermissionSet'] },
    });
    const run = await runCli(['apply', '-c', STARTUP_YAML, '--sandbox', state, '--yes']);
    const line = expectOneClearError(run, 3, /^error: apply stopped: access denied to sso:CreatePermissionSet \(/);
    expect(line).toBe('error: apply stopped: access denied to sso:CreatePermissionSet (1 done, 2 failed, 1 not done)');
    const hints = hintLines(run);
    expect(hints).toContain('  done (1): user/ismail');
    expect(hints).toContain('  not done (1): assignment/Admin/user:ismail/111111111111');
    expect(hints).toContain(
      '  gatehouse needs sso:CreatePermissionSet; run `gatehouse permissions --for apply` for the policy plan and apply need',
    );
    // Asked once per permission set, never retried; nothing else was attempted on the sets.
    const creates = recordedCalls(state).filter((c) => c.operation === 'CreatePermissionSet');
    expect(creates.map((c) => c.outcome)).toEqual(['AccessDeniedException', 'AccessDeniedException']);
    const instance = Object.values(readStateFile(state).instances)[0];
    expect(Object.keys(instance?.permissionSets ?? {})).toEqual([]);
    expect(Object.keys(instance?.assignments ?? {})).toEqual([]);
  });

  it('import: a denied read stops with exit 3 and the audit (read-only) policy hint', async () => {
    const state = await prepareSandbox(join(tmp.dir, 'import.json'), {
      scenario: 'day1',
      knobs: { denials: ['sso:ListPermissionSets'] },
    });
    const run = await runCli(['import', '--sandbox', state]);
    expectOneClearError(run, 3, /sso:ListPermissionSets/);
    expect(run.stderr).toContain('gatehouse permissions --for audit');
    expect(run.stdout).toBe('');
  });
});
