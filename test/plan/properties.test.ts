/**
 * Properties of the plan over random configs and live states:
 * - idempotence: planning a config against the state a perfect apply of it leaves gives nothing to do;
 * - ordering: for random (config, live state) pairs every dependency runs first, and the invariants
 *   apply relies on hold (sets before provisioning before assignments; deletes in reverse);
 * - determinism: the same inputs give the same plan document, and the fingerprint ignores list order.
 */

import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { PlanAction, PlanDocument } from '../../src/plan/actions.js';
import { createPlan } from '../../src/plan/plan.js';
import { loadPlanFile, serializePlan } from '../../src/plan/plan-file.js';
import { fixedRisk, RISK_TABLE } from '../../src/plan/risk.js';
import { nextDesiredArb, type Scenario, scenarioArb } from './arbitraries.js';
import { materialize } from './materialize.js';
import { expectValidOrder, NOW } from './plan-helpers.js';

const runs = { numRuns: 150, seed: 20261128 };

const principalOf = (a: PlanAction): string | undefined => {
  if (a.type === 'user') return `user:${a.user.userName}`;
  if (a.type === 'group') return `group:${a.group.name}`;
  if (a.type === 'assignment') return `${a.principal.type}:${a.principal.name}`;
  return undefined;
};

function expectInvariants(plan: PlanDocument): void {
  expectValidOrder(plan);
  const at = new Map(plan.actions.map((a, i) => [a.id, i]));
  const before = (x: PlanAction, y: PlanAction) =>
    expect(at.get(x.id)!, `${x.id} before ${y.id}`).toBeLessThan(at.get(y.id)!);
  const addresses = new Map<string, Set<string>>();
  for (const a of plan.actions) {
    const kinds = addresses.get(a.address) ?? new Set();
    kinds.add(a.kind);
    addresses.set(a.address, kinds);
    if (RISK_TABLE[a.type][a.kind] !== 'by-content') expect(a.risk).toBe(fixedRisk(a.type, a.kind));
    expect(a.applyable).toBe(a.blockedBy.length === 0);
  }
  for (const kinds of addresses.values()) expect(kinds.has('create') && kinds.has('delete')).toBe(false);

  for (const a of plan.actions) {
    for (const b of plan.actions) {
      if (a === b) continue;
      // A set is created/changed before it is provisioned, and both before its new assignments.
      if (a.type === 'permission-set' && a.kind !== 'delete') {
        if (
          (b.type === 'permission-set-provision' || (b.type === 'assignment' && b.kind === 'create')) &&
          b.permissionSet.name === a.permissionSet.name
        ) {
          before(a, b);
        }
      }
      if (
        a.type === 'permission-set-provision' &&
        b.type === 'assignment' &&
        b.permissionSet.name === a.permissionSet.name
      ) {
        before(a, b);
      }
      // Principals exist before their memberships and assignments.
      if ((a.type === 'user' || a.type === 'group') && a.kind === 'create') {
        if (b.type === 'assignment' && b.kind === 'create' && principalOf(b) === principalOf(a)) before(a, b);
        if (b.type === 'membership' && b.kind === 'create') {
          if (a.type === 'user' && b.user.userName === a.user.userName) before(a, b);
          if (a.type === 'group' && b.group.name === a.group.name) before(a, b);
        }
      }
      // Deletes in reverse: assignments before their set and principal, memberships before users and groups.
      if (a.type === 'assignment' && a.kind === 'delete') {
        if (b.type === 'permission-set' && b.kind === 'delete' && b.permissionSet.name === a.permissionSet.name)
          before(a, b);
        if ((b.type === 'user' || b.type === 'group') && b.kind === 'delete' && principalOf(b) === principalOf(a))
          before(a, b);
      }
      if (a.type === 'membership' && a.kind === 'delete') {
        if (b.type === 'user' && b.kind === 'delete' && b.user.userName === a.user.userName) before(a, b);
        if (b.type === 'group' && b.kind === 'delete' && b.group.name === a.group.name) before(a, b);
      }
    }
  }
}

describe('plan properties', () => {
  test.prop([scenarioArb, fc.boolean()], runs)(
    'idempotence: createPlan(desired, materialize(desired)) has nothing to do',
    ({ desired, org }: Scenario, prune) => {
      const plan = createPlan(desired, materialize(desired, org), { now: NOW, prune });
      expect(plan.actions.map((a) => a.id)).toEqual([]);
      expect(plan.manualSteps).toEqual([]);
      expect(plan.drift).toEqual([]);
      expect(plan.summary).toEqual({
        add: 0,
        change: 0,
        destroy: 0,
        provision: 0,
        manual: 0,
        blocked: 0,
        broadening: 0,
        destructive: 0,
      });
    },
  );

  test.prop(
    [
      scenarioArb.chain((previous) => fc.tuple(fc.constant(previous), nextDesiredArb(previous))),
      fc.boolean(),
      fc.boolean(),
      fc.boolean(),
    ],
    runs,
  )(
    'ordering: for random config × live state every dependency runs first',
    ([previous, next], prune, outdated, noInstance) => {
      const live = materialize(previous.desired, previous.org);
      const provisioning = live.org['identity-center.provisioning'];
      if (outdated && provisioning?.status === 'ok') {
        for (const p of provisioning.value) p.outdated = p.accounts.filter((_, i) => i % 2 === 0);
      }
      if (noInstance)
        live.org['identity-center.instance'] = {
          status: 'ok',
          value: { instance: null, probedRegions: ['eu-west-1'] },
        };
      let plan: PlanDocument;
      try {
        plan = createPlan(next.desired, live, { now: NOW, prune });
      } catch (error) {
        // The only refusals random configs may earn: references (managed: false sets, external users and
        // groups) that do not exist in the live state.
        const codes = (error as { diagnostics?: { code: string; severity: string }[] }).diagnostics
          ?.filter((d) => d.severity === 'error')
          .map((d) => d.code);
        expect(codes?.length).toBeGreaterThan(0);
        for (const code of codes ?? []) expect(['reference-missing', 'external-principal-missing']).toContain(code);
        return;
      }
      expectInvariants(plan);
      if (noInstance)
        expect(
          plan.actions
            .filter(
              (a) =>
                a.type !== 'organization' &&
                a.type !== 'service-access' &&
                a.type !== 'root-feature' &&
                a.type !== 'alternate-contact',
            )
            .every((a) => !a.applyable),
        ).toBe(true);
      // The document survives its own file format.
      expect(loadPlanFile(serializePlan(plan), 'plan.json')).toEqual(plan);
      // Deterministic.
      expect(createPlan(next.desired, live, { now: NOW, prune })).toEqual(plan);
    },
  );

  test.prop([scenarioArb], { numRuns: 50, seed: 7 })(
    'the fingerprint ignores list order and observation time',
    ({ desired, org }) => {
      const a = materialize(desired, org);
      const b = materialize(desired, org);
      b.observedAt = '2030-01-01T00:00:00.000Z';
      for (const id of [
        'identity-center.assignments',
        'identity-store.users',
        'identity-center.permission-sets',
      ] as const) {
        const e = b.org[id];
        if (e?.status === 'ok') (e.value as unknown[]).reverse();
      }
      expect(createPlan(desired, b, { now: NOW }).observedFingerprint).toBe(
        createPlan(desired, a, { now: NOW }).observedFingerprint,
      );
    },
  );
});
