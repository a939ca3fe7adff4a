/**
 * Issue 11, Build 7: nobody gains access that the plan did not show. For random starting states
 * (including principals made out of band whose names are look-alikes of the config's — other case,
 * full-width — with their own members and assignments) and random configs: after plan → apply, every
 * `user → permission set → account` access that exists and did not exist before is explained by a
 * change in the plan's grants banner (a broadening assignment or membership). A plan that refuses
 * (a look-alike principal) changes nothing. Real SDK clients over the sandbox; seeded and bounded.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { harness } from '../../src/apply/test-support.test-helpers.js';
import { ConfigError } from '../../src/errors.js';
import type { PlanDocument } from '../../src/plan/actions.js';
import type { SandboxState } from '../../src/sandbox/state.js';
import { applyPlan } from '../../src/workflows/apply-workflow.js';
import { planFromConfig } from '../../src/workflows/plan-workflow.js';
import { buildStartingState, desiredArb, type StartingState, startingStateArb } from '../apply/arbitraries.js';
import { accessesIn } from './identity-store.test-helpers.js';

const runs = { numRuns: 20, seed: 20261208, endOnFailure: true };

/** Starting principals: the config's names, look-alikes of them, and strangers (the sandbox refuses case-only twins). */
const LIVE_USERS = ['ana', 'Ana', 'BOB', 'bob', 'eve', 'mallory', 'Carol', 'dave@corp', 'DAVE@corp'];
const LIVE_GROUPS = ['Founders', 'founders', 'FOUNDERS', 'Engineers', 'Ｅngineers', 'Ops', 'ＯＰＳ', 'Contractors'];
const oneSpellingEach = (names: string[]) =>
  names.filter((n, i) => names.findIndex((m) => m.toLowerCase() === n.toLowerCase()) === i);

const lookalikeStartArb: fc.Arbitrary<StartingState> = fc
  .record({
    base: startingStateArb,
    users: fc.shuffledSubarray(LIVE_USERS, { maxLength: 5 }),
    groups: fc.shuffledSubarray(LIVE_GROUPS, { maxLength: 4 }),
    memberships: fc.array(fc.tuple(fc.nat(9), fc.nat(9)), { maxLength: 6 }),
  })
  .map(({ base, users, groups, memberships }) => ({
    ...base,
    users: oneSpellingEach(users),
    groups: oneSpellingEach(groups),
    memberships,
  }));

/** `group\0user` memberships by name in a state. */
function membershipsIn(state: Readonly<SandboxState>): Set<string> {
  const out = new Set<string>();
  for (const instance of Object.values(state.instances)) {
    const { users, groups, memberships } = instance.identityStore;
    for (const m of Object.values(memberships)) {
      out.add(`${groups[m.GroupId]?.DisplayName}\u0000${users[m.UserId]?.UserName}`);
    }
  }
  return out;
}

/** `set|principal|account` assignments by name in a state (`group:Founders`, `user:ana`). */
function assignmentsIn(state: Readonly<SandboxState>): Set<string> {
  const out = new Set<string>();
  for (const instance of Object.values(state.instances)) {
    const { users, groups } = instance.identityStore;
    for (const a of Object.values(instance.assignments)) {
      const set = instance.permissionSets[a.permissionSetArn]?.name;
      const principal =
        a.principalType === 'USER'
          ? `user:${users[a.principalId]?.UserName}`
          : `group:${groups[a.principalId]?.DisplayName}`;
      out.add(`${set}|${principal}|${a.accountId}`);
    }
  }
  return out;
}

/** Whether the plan's grants banner (its broadening actions) shows how `userName` came to reach `set` in `account`. */
function shownInGrantsBanner(plan: PlanDocument, after: Readonly<SandboxState>, access: string): boolean {
  const [userName, set, account] = access.split(' → ') as [string, string, string];
  const members = membershipsIn(after);
  const assignments = assignmentsIn(after);
  return plan.actions.some((a) => {
    if (a.risk !== 'broadening' || a.kind !== 'create') return false;
    if (a.type === 'assignment') {
      if (a.after.permissionSet !== set || a.accountId !== account) return false;
      const [type, name] = [a.principal.type, a.principal.name];
      return type === 'user' ? name === userName : members.has(`${name}\u0000${userName}`);
    }
    if (a.type === 'membership') {
      return a.after.userName === userName && assignments.has(`${set}|group:${a.after.group}|${account}`);
    }
    return false;
  });
}

describe('grants property', () => {
  it('every access gained by an apply appears in the plan’s grants banner; a refused plan changes nothing', async () => {
    const seen = { refused: 0, applied: 0, gained: 0 };
    await fc.assert(
      fc.asyncProperty(lookalikeStartArb, desiredArb(), fc.boolean(), async (start, desired, prune) => {
        const h = harness();
        await buildStartingState(h.sandbox, h.session, start);
        const before = accessesIn(h.sandbox.state);
        const stateBefore = JSON.stringify(h.sandbox.state.instances);
        let planned: Awaited<ReturnType<typeof planFromConfig>>;
        try {
          planned = await planFromConfig({ desired, session: h.session, host: h.host, prune });
        } catch (error) {
          // Only a look-alike principal may stop the plan, and then nothing is changed.
          expect(error).toBeInstanceOf(ConfigError);
          const codes = (error as ConfigError).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
          expect(new Set(codes)).toEqual(new Set(['principal-lookalike']));
          expect(JSON.stringify(h.sandbox.state.instances)).toBe(stateBefore);
          seen.refused += 1;
          return;
        }
        const { plan, snapshot } = planned;
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
        const after = h.sandbox.state;
        const gained = [...accessesIn(after)].filter((a) => !before.has(a));
        const unexplained = gained.filter((a) => !shownInGrantsBanner(plan, after, a));
        expect(unexplained).toEqual([]);
        seen.applied += 1;
        seen.gained += gained.length;
      }),
      runs,
    );
    // Not vacuous: the runs cover both refused look-alikes and applies that grant access.
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.applied).toBeGreaterThan(0);
    expect(seen.gained).toBeGreaterThan(0);
  }, 120_000);
});
