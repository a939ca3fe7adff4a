/**
 * End-to-end: the real CLI process on an `org` sandbox file with examples/growing-org.yaml — plan
 * shows changes, a saved plan and the refusals (no terminal without --yes; stale plan), apply --yes,
 * then plan is empty ("No changes", exit 0 with --detailed-exitcode).
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/run-cli.js';
import {
  expectGrowingOrgApplied,
  GROWING_ORG,
  orgWorkspace,
  setKnobs,
  stateView,
  type Workspace,
} from './plan-apply-helpers.js';

let w: Workspace;

beforeAll(async () => {
  ensureBuilt();
  w = await orgWorkspace();
  // Assignments and provisioning finish in 300 ms of real time (AWS: seconds).
  setKnobs(w.state, { completionDelayMs: { default: 300, perOperation: {}, jitter: 0 } });
}, 180_000);

describe('gatehouse plan / apply (spawned CLI, org sandbox)', () => {
  it('plans changes, refuses without a terminal and --yes, applies with --yes, refuses the stale plan, then plans nothing', async () => {
    const planned = await w.cli(['plan', '-c', GROWING_ORG, '--detailed-exitcode', '-o', 'plan.json']);
    expect(planned.code, planned.stderr).toBe(1);
    expect(planned.stdout).toContain('+ assignment/Admin/group:Founders/111111111111');
    expect(planned.stdout).toMatch(/Plan: 34 to add, 0 to change, 0 to destroy, 0 to provision\./);
    expect(planned.stderr).toContain('Saved the plan to plan.json');

    const refused = await w.cli(['apply', 'plan.json', '-c', GROWING_ORG]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('refusing to apply without confirmation');
    expect(stateView(w.state).assignments).toEqual([]);

    const applied = await w.cli(['apply', '-c', GROWING_ORG, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout.trimEnd().split('\n').at(-1)).toBe(
      'Apply complete: 34 added, 0 changed, 0 destroyed, 0 provisioned.',
    );
    expect(applied.stderr).toMatch(/✓ assignment\/Admin\/group:Founders\/111111111111 created/);
    expect(applied.stderr).not.toContain('manual/');
    expectGrowingOrgApplied(w.state);

    const stale = await w.cli(['apply', 'plan.json', '-c', GROWING_ORG, '--yes']);
    expect(stale.code).toBe(4);
    expect(stale.stderr).toContain('AWS changed since the plan was made');

    // The org scenario's root already has the hardware MFA the config asks for: nothing manual is left.
    const empty = await w.cli(['plan', '-c', GROWING_ORG, '--detailed-exitcode']);
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toContain('No changes. AWS matches the configuration.');
  }, 120_000);
});
