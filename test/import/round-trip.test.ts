/**
 * The import round trip, end to end through real SDK clients and the built-in sandbox: for every
 * scenario and for random live states, importing, writing the YAML, loading it back with the full
 * config loader and planning it against the same live state gives no actions — and the written
 * rules grant exactly the live assignments (never more: checked tuple by tuple).
 */

import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { checkConfigText } from '../../src/config/index.js';
import type { PlanDocument } from '../../src/plan/actions.js';
import { createSandbox, type LargeSizes, type ScenarioName } from '../../src/sandbox/index.js';
import { VirtualClock } from '../../src/util/clock.js';
import { liveSpecArb, materialize } from './live-state.js';
import { roundTrip, snapshotOf } from './sandbox-run.js';

/** What the plan's rules grant, as `permissionSet|principal|accountId`. */
function granted(plan: PlanDocument): string[] {
  return plan.resolution.flatMap((r) => r.accounts.map((id) => `${r.permissionSet}|${r.principal}|${id}`)).sort();
}

/** The live assignments of a snapshot as the same tuples (principals by user name / group name). */
function liveTuples(snapshot: Awaited<ReturnType<typeof snapshotOf>>): string[] {
  const value = <T>(e: { status: string; value?: T } | undefined, empty: T): T =>
    e?.status === 'ok' ? (e.value as T) : empty;
  const sets = new Map(value(snapshot.org['identity-center.permission-sets'], []).map((p) => [p.arn, p.name]));
  const users = new Map(value(snapshot.org['identity-store.users'], []).map((u) => [u.id, `user:${u.userName}`]));
  const groups = new Map(value(snapshot.org['identity-store.groups'], []).map((g) => [g.id, `group:${g.displayName}`]));
  return value(snapshot.org['identity-center.assignments'], [])
    .map(
      (a) =>
        `${sets.get(a.permissionSetArn)}|${(a.principalType === 'USER' ? users : groups).get(a.principalId)}|${a.accountId}`,
    )
    .sort();
}

const SCENARIOS: { name: string; scenario: ScenarioName; sizes?: Partial<LargeSizes>; manual: string[] }[] = [
  {
    name: 'fresh',
    scenario: 'fresh',
    // The IAM user `admin`'s console password: import never writes IAM users, the plan lists it.
    manual: [
      'delete-root-access-keys',
      'disable-iam-user-console-access',
      'enable-organization-instance',
      'enable-root-mfa',
    ],
  },
  { name: 'day1', scenario: 'day1', manual: [] },
  { name: 'org', scenario: 'org', manual: [] },
  {
    name: 'large (small sizes)',
    scenario: 'large',
    sizes: { accounts: 120, ous: 12, permissionSets: 6, groups: 25, users: 150, memberships: 300, assignments: 600 },
    manual: [],
  },
];

describe('import round trip on every sandbox scenario', () => {
  test.each(SCENARIOS)('$name: the plan of the imported file is empty', async ({ scenario, sizes, manual }) => {
    const clock = new VirtualClock();
    const sandbox = createSandbox({
      clock,
      scenario,
      knobs: { rateLimits: { enabled: false } },
      ...(sizes ? { scenarioOptions: { sizes } } : {}),
    });
    const snapshot = await snapshotOf(sandbox, clock);
    const { imported, text, plan } = await roundTrip(snapshot);
    expect(plan.actions).toEqual([]);
    expect(plan.manualSteps.map((m) => m.id).sort()).toEqual(manual);
    expect(plan.drift).toEqual([]);
    expect(imported.stats.notExpressed).toEqual([]);
    expect(granted(plan)).toEqual(liveTuples(snapshot));
    const check = await checkConfigText(text, 'gatehouse.yaml', { now: clock.now() });
    expect(check.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('import round trip on random live states', () => {
  fcTest.prop([liveSpecArb], { numRuns: 25, seed: 20261128, endOnFailure: true })(
    'zero actions, exact expansion, nothing left unexpressed',
    async (spec) => {
      const clock = new VirtualClock();
      const { sandbox, tuples } = materialize(spec, clock);
      const snapshot = await snapshotOf(sandbox, clock);
      const { imported, plan } = await roundTrip(snapshot);
      expect(plan.actions).toEqual([]);
      expect(plan.manualSteps).toEqual([]);
      expect(plan.drift).toEqual([]);
      expect(imported.stats.notExpressed).toEqual([]);
      // Never over-grants, never under-grants: the rules' expansion is the live set, tuple for tuple.
      expect(granted(plan)).toEqual([...tuples].sort());
      expect(liveTuples(snapshot)).toEqual([...tuples].sort());
    },
  );

  test('the random states exercise what compression is for', () => {
    const samples = fc.sample(liveSpecArb, { numRuns: 60, seed: 20261128 });
    const kinds = new Set(samples.flatMap((s) => s.assignments.map((a) => a.pick.kind)));
    expect([...kinds].sort()).toEqual(['all', 'ou', 'some', 'tag']);
    expect(samples.some((s) => s.accounts.some((a) => a.state !== 'ACTIVE'))).toBe(true);
    expect(samples.some((s) => new Set(s.accounts.map((a) => a.name)).size < s.accounts.length)).toBe(true);
    expect(samples.some((s) => s.scim)).toBe(true);
  });
});
