/**
 * @module The destroy guard: how many deletions a plan makes and whether that is more than the
 * config's `safety.maxDestroy`, so apply can refuse it (without `--allow-destroy`) and the plan can
 * say so at its top. Counted from the actions, never from the plan's summary (which a saved file
 * could misstate).
 */

import type { PlanAction, PlanDocument } from './actions.js';

/** Every delete action: assignments, memberships, users, groups, permission sets (a replace's old set too). */
export function deletionCount(plan: Pick<PlanDocument, 'actions'>): number {
  return plan.actions.filter((a: PlanAction) => a.kind === 'delete').length;
}

/** True when apply must refuse the plan unless `--allow-destroy` is given. */
export function exceedsMaxDestroy(plan: Pick<PlanDocument, 'actions'>, maxDestroy: number): boolean {
  return deletionCount(plan) > maxDestroy;
}

/** The one line shown at the plan's top and in apply's refusal. */
export function destroyLimitMessage(deletions: number, maxDestroy: number): string {
  return `this plan deletes ${deletions} resource${deletions === 1 ? '' : 's'}, more than safety.maxDestroy (${maxDestroy}); apply refuses it unless run with --allow-destroy`;
}
