/** @module Small helpers for plan tests: plan a world, find actions, check ordering invariants. */

import { expect } from 'vitest';
import type { DesiredState } from '../../src/model/desired.js';
import type { PlanAction, PlanDocument } from '../../src/plan/actions.js';
import { type CreatePlanOptions, createPlan } from '../../src/plan/plan.js';
import { type LiveWorld, snapshotOf } from './builders.js';

export const NOW = '2026-11-28T10:00:00.000Z';

export function planFor(
  desired: DesiredState,
  world: LiveWorld = {},
  options: Partial<CreatePlanOptions> = {},
): PlanDocument {
  return createPlan(desired, snapshotOf(world), { now: NOW, ...options });
}

export function action(plan: PlanDocument, id: string): PlanAction {
  const found = plan.actions.find((a) => a.id === id);
  if (!found) throw new Error(`no action ${id}; the plan has: ${plan.actions.map((a) => a.id).join(', ')}`);
  return found;
}

export const ids = (plan: PlanDocument): string[] => plan.actions.map((a) => a.id);

/** Every action's dependencies come before it, and every id is unique. */
export function expectValidOrder(plan: PlanDocument): void {
  const position = new Map<string, number>();
  plan.actions.forEach((a, i) => {
    expect(position.has(a.id), `duplicate id ${a.id}`).toBe(false);
    position.set(a.id, i);
  });
  plan.actions.forEach((a, i) => {
    for (const d of a.dependsOn) {
      expect(position.get(d), `${a.id} depends on missing ${d}`).toBeDefined();
      expect(position.get(d)!, `${a.id} runs before its dependency ${d}`).toBeLessThan(i);
    }
  });
}
