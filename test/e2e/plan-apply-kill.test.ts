/**
 * End-to-end: `kill -9` of `gatehouse apply --yes` while assignment requests are in flight, then
 * `apply --yes` again: exit 0, the plan is empty afterwards and nothing exists twice.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/run-cli.js';
import {
  expectGrowingOrgApplied,
  GROWING_ORG,
  killWhen,
  orgWorkspace,
  setKnobs,
  stateView,
  type Workspace,
} from './plan-apply-helpers.js';

let w: Workspace;

beforeAll(async () => {
  ensureBuilt();
  w = await orgWorkspace();
  // Long enough to catch the run with assignment requests IN_PROGRESS.
  setKnobs(w.state, {
    completionDelayMs: { default: 300, perOperation: { CreateAccountAssignment: 3000 }, jitter: 0 },
  });
}, 180_000);

describe('kill -9 during apply, then apply again', () => {
  it('converges without duplicates', async () => {
    // The first finished assignment: others are still in flight.
    const killed = await killWhen(w, ['apply', '-c', GROWING_ORG, '--yes'], /^✓ assignment\//);
    expect(killed.signal).toBe('SIGKILL');
    const partial = stateView(w.state);
    expect(partial.assignments.length).toBeLessThan(13);

    const rerun = await w.cli(['apply', '-c', GROWING_ORG, '--yes']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expectGrowingOrgApplied(w.state);

    // Nothing left to apply, and nothing manual (the org scenario's root already has hardware MFA).
    const plan = await w.cli(['plan', '-c', GROWING_ORG, '--format', 'json']);
    expect(plan.code, plan.stderr).toBe(0);
    const doc = JSON.parse(plan.stdout) as { actions: unknown[]; manualSteps: { id: string }[] };
    expect(doc.actions).toEqual([]);
    expect(doc.manualSteps).toEqual([]);
  }, 120_000);
});
