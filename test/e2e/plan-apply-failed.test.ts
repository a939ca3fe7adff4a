/**
 * End-to-end: a FAILED assignment status (sandbox fault knob) — and a permission set AWS keeps
 * answering 5xx for — make `apply --yes` exit 5 with what was done, what failed (and why) and what
 * was not done (the failed set's assignments); after clearing the knobs, a rerun converges.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/run-cli.js';
import { expectGrowingOrgApplied, GROWING_ORG, orgWorkspace, setKnobs, type Workspace } from './plan-apply-helpers.js';

let w: Workspace;

beforeAll(async () => {
  ensureBuilt();
  w = await orgWorkspace();
  setKnobs(w.state, {
    completionDelayMs: { default: 300, perOperation: {}, jitter: 0 },
    faults: [
      { operation: 'CreateAccountAssignment', kind: 'failed', probability: 1, remaining: 1 },
      {
        operation: 'AttachManagedPolicyToPermissionSet',
        kind: 'server-error',
        probability: 1,
        permissionSetName: 'SecurityAudit',
      },
    ],
  });
}, 180_000);

describe('a FAILED status during apply', () => {
  it('exits 5 with done / failed / not done; the rerun converges', async () => {
    const failed = await w.cli(['apply', '-c', GROWING_ORG, '--yes']);
    expect(failed.code, failed.stderr).toBe(5);
    expect(failed.stderr).toContain('error: apply failed part-way (28 done, 2 failed, 4 not done)');
    // Long lists are one line: the count, the count per kind, the first five (the file has them all).
    expect(failed.stderr).toMatch(
      /^ {2}done \(28; [a-z-]+ \d+(, [a-z-]+ \d+)*\): contact\/security, .*, … and 23 more$/m,
    );
    expect(failed.stderr).toMatch(/^ {2}the full list: \S+apply-report\.txt$/m);
    expect(failed.stderr).toMatch(
      /^ {2}failed: assignment\/\S+: creation FAILED: An unexpected internal service exception/m,
    );
    expect(failed.stderr).toMatch(/^ {2}failed: permission-set\/SecurityAudit: .*InternalServerException/m);
    expect(failed.stderr).toMatch(/^ {2}not done \(4\): assignment\/SecurityAudit\/group:Security\/\d{12}, /m);

    setKnobs(w.state, { faults: [] });
    const rerun = await w.cli(['apply', '-c', GROWING_ORG, '--yes']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout.trimEnd().split('\n').at(-1)).toBe(
      'Apply complete: 5 added, 1 changed, 0 destroyed, 0 provisioned.',
    );
    expectGrowingOrgApplied(w.state);
    const plan = await w.cli(['plan', '-c', GROWING_ORG, '--format', 'json']);
    expect(JSON.parse(plan.stdout).actions).toEqual([]);
  }, 120_000);
});
