/**
 * The convergence property of apply (issue #5, proof 1): for random valid configs and random starting
 * sandbox states, applying the plan and planning again gives zero actions — and zero manual steps
 * once the console-only ones are done through the sandbox's console API. Then a second random config
 * (which may rename the first one's sets, and may prune what gatehouse does not manage) is applied
 * on top, and converges too. Real SDK clients over
 * the sandbox, AWS's limits on, one VirtualClock; seeded and bounded.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { harness, instanceOf, liveAssignments } from '../../src/apply/test-support.test-helpers.js';
import type { DesiredState } from '../../src/model/desired.js';
import { applyPlan } from '../../src/workflows/apply-workflow.js';
import { planFromConfig } from '../../src/workflows/plan-workflow.js';
import { buildStartingState, desiredArb, SET_NAMES, startingStateArb } from './arbitraries.js';

const runs = { numRuns: 25, seed: 20261129, endOnFailure: true };

async function converge(h: ReturnType<typeof harness>, desired: DesiredState, prune = false): Promise<void> {
  const { plan, snapshot } = await planFromConfig({ desired, session: h.session, host: h.host, prune });
  // The property is about convergence, not the lockout guard (random configs remove admins freely).
  await applyPlan({
    plan,
    desired,
    session: h.session,
    host: h.host,
    interactive: false,
    yes: true,
    allowLockout: true,
    snapshot,
  });
  for (const step of plan.manualSteps) {
    if (step.id === 'replace-root-virtual-mfa') h.sandbox.console('enable-root-hardware-mfa');
    else throw new Error(`unexpected manual step ${step.id}`);
  }
  const again = await planFromConfig({ desired, session: h.session, host: h.host, prune });
  expect(again.plan.actions.map((a) => a.id)).toEqual([]);
  expect(again.plan.manualSteps.map((s) => s.id)).toEqual([]);
  // No duplicates anywhere.
  const instance = instanceOf(h.sandbox);
  const users = Object.values(instance.identityStore.users).map((u) => u.UserName);
  const groups = Object.values(instance.identityStore.groups).map((g) => g.DisplayName);
  const sets = Object.values(instance.permissionSets).map((p) => p.name);
  const assignments = liveAssignments(h.sandbox);
  for (const list of [users, groups, sets, assignments]) expect(new Set(list).size).toBe(list.length);
}

describe('apply converges', () => {
  it('plan → apply → plan gives zero actions, from random starting states, and again after a second config', async () => {
    await fc.assert(
      fc.asyncProperty(
        startingStateArb,
        desiredArb(),
        desiredArb(SET_NAMES),
        fc.boolean(),
        async (start, first, second, prune) => {
          const h = harness();
          await buildStartingState(h.sandbox, h.session, start);
          await converge(h, first);
          await converge(h, second, prune);
        },
      ),
      runs,
    );
  }, 120_000);
});
