/**
 * @module The apply workflow: everything between a plan and AWS, in the order that keeps a bad apply
 * from starting.
 *
 * 1. Without a terminal to ask on and without `yes`, a plan with changes is refused (DeclinedError,
 *    exit 4) before anything is read or written; so is a plan deleting more than the config's
 *    `safety.maxDestroy` without `allowDestroy`.
 * 2. A saved plan is checked against a fresh observation (`assertPlanCurrent`: another account or
 *    organization, another config than `desired`, or AWS changed since → StalePlanError, exit 4; not
 *    field for field what `desired` plans now → InvalidPlanError, exit 4). From then on the re-derived
 *    plan is used (confirmation, lockout guard, execution), never the file's copy.
 * 3. The lockout guard (`findLockouts`): removing the last administrative path into the management
 *    account, or the caller's own path, is refused (DeclinedError, exit 4) unless `allowLockout`.
 * 4. Confirmation (any change, as Terraform does), with a banner of what grants and what removes
 *    access; declined → DeclinedError (exit 4), nothing changed.
 * 5. Execution (`executePlan`). A run that did not finish throws PartialApplyError (exit 5) listing
 *    what was done, what failed (with reasons) and what was not done; rerunning plan + apply
 *    converges. When a failure needs the user first (an IAM action denied, credentials missing or
 *    expired) the same report comes as an exit-3 error naming what is missing. Blocked actions
 *    (waiting for manual steps) do not make a run incomplete.
 */

import { executePlan, isComplete, partialApplyError } from '../apply/index.js';
import type { ApplyResult } from '../apply/types.js';
import type { AwsSession } from '../aws/index.js';
import { DeclinedError, StalePlanError } from '../errors.js';
import type { Host } from '../events/events.js';
import { type DesiredState, maxDestroyOf } from '../model/desired.js';
import type { Snapshot } from '../observe/snapshot.js';
import type { PlanAction, PlanDocument } from '../plan/actions.js';
import { assertPlanCurrent, deletionCount, destroyLimitMessage, findLockouts } from '../plan/index.js';
import type { Clock } from '../util/clock.js';
import { observeForPlan } from './plan-workflow.js';

export interface ApplyPlanOptions {
  plan: PlanDocument;
  /** The config the user points at (a saved plan made from anything else is refused). */
  desired: DesiredState;
  /** How to name a saved plan in messages (its path as given). */
  planFile?: string;
  session: AwsSession;
  host: Host;
  /** Default: the session clock. */
  clock?: Clock;
  /** Do not ask for confirmation (CI). */
  yes?: boolean;
  /** Whether a person can answer `host.confirm` (a terminal). Without one and without `yes`: refused. */
  interactive: boolean;
  /** Apply even if the plan removes the last administrative path or the caller's own. */
  allowLockout?: boolean;
  /** Apply even if the plan deletes more than the config's `safety.maxDestroy`. */
  allowDestroy?: boolean;
  /**
   * The observation the plan was made from, when it was made moments ago in the same run: skips
   * re-observing and the stale-plan check. Absent (a saved plan): AWS is read again and compared.
   */
  snapshot?: Snapshot;
  /** Aborting stops the run promptly (PartialApplyError lists what was done). */
  signal?: AbortSignal;
  /** Status poll interval (default 1000 ms). */
  pollIntervalMs?: number;
  /** [0, 1) for jitter (default Math.random). */
  random?: () => number;
}

const BANNER_LIMIT = 15;

function glyph(a: PlanAction): string {
  return a.kind === 'create' ? '+' : a.kind === 'delete' ? '-' : a.kind === 'replace' ? '-/+' : '~';
}

/** The lines shown with the confirmation question. */
export function confirmationDetails(plan: PlanDocument): string[] {
  const lines: string[] = [];
  const list = (title: string, actions: PlanAction[]) => {
    if (actions.length === 0) return;
    lines.push(`! ${title} (${actions.length}):`);
    for (const a of actions.slice(0, BANNER_LIMIT)) lines.push(`!   ${glyph(a)} ${a.address}`);
    if (actions.length > BANNER_LIMIT) lines.push(`!   … and ${actions.length - BANNER_LIMIT} more`);
  };
  const applyable = plan.actions.filter((a) => a.applyable);
  list(
    'changes that grant access',
    applyable.filter((a) => a.risk === 'broadening'),
  );
  list(
    'changes that delete or remove access',
    applyable.filter((a) => a.risk === 'destructive'),
  );
  const s = plan.summary;
  const deletions = deletionCount(plan);
  if (deletions > 0) lines.push(`! This apply deletes ${deletions} resource${deletions === 1 ? '' : 's'}.`);
  lines.push(
    `Plan: ${s.add} to add, ${s.change} to change, ${s.destroy} to destroy, ${s.provision} to provision` +
      (s.blocked > 0 ? ` (${s.blocked} waiting for manual steps are skipped)` : '') +
      '.',
  );
  return lines;
}

/** Applies `plan` (see the module comment for the order of the guards). */
export async function applyPlan(options: ApplyPlanOptions): Promise<ApplyResult> {
  const { desired, session, host } = options;
  let plan = options.plan;
  if (plan.actions.some((a) => a.applyable) && !options.yes && !options.interactive) {
    throw new DeclinedError('refusing to apply without confirmation: there is no terminal to ask on', {
      hints: ['review the plan, then run `gatehouse apply --yes` (e.g. in CI) to apply it without asking'],
    });
  }
  // Counted from the actions (not the plan's summary) and checked before anything is read.
  const deletions = deletionCount({ actions: plan.actions.filter((a) => a.applyable) });
  const maxDestroy = maxDestroyOf(desired);
  if (deletions > maxDestroy && !options.allowDestroy) {
    throw new DeclinedError(`refusing to apply: ${destroyLimitMessage(deletions, maxDestroy)}`);
  }

  const caller = await session.callerIdentity();
  let snapshot = options.snapshot;
  if (!snapshot) {
    snapshot = await observeForPlan(desired, session, host, { prune: plan.options.prune });
    plan = assertPlanCurrent(plan, {
      desired,
      snapshot,
      caller,
      ...(options.planFile ? { planFile: options.planFile } : {}),
    });
  }
  const applyable = plan.actions.filter((a) => a.applyable);

  const lockouts = findLockouts(plan, snapshot, caller);
  if (lockouts.length > 0) {
    if (!options.allowLockout) {
      throw new DeclinedError(
        `refusing to apply: ${lockouts.length === 1 ? 'the plan would lock people out' : `the plan would lock people out in ${lockouts.length} ways`}`,
        {
          hints: [
            ...lockouts.map(
              (l) => `${l.code}: ${l.message}${l.actions.length > 0 ? ` (by ${l.actions.join(', ')})` : ''}`,
            ),
            'keep another administrative path in the config, or run again with --allow-lockout if this is intended',
          ],
        },
      );
    }
    for (const l of lockouts) {
      host.emit({
        type: 'log',
        level: 'warn',
        code: `apply.lockout.${l.code}`,
        message: `allowed by --allow-lockout: ${l.message}`,
      });
    }
  }

  if (applyable.length > 0 && !options.yes) {
    const accepted = await host.confirm({
      code: 'apply.confirm',
      message: `Apply ${applyable.length} change(s)${deletions > 0 ? `, ${deletions} of them deletion${deletions === 1 ? '' : 's'},` : ''} to AWS account ${caller.accountId}?`,
      defaultAnswer: false,
      details: confirmationDetails(plan),
    });
    if (!accepted) throw new DeclinedError('apply declined: nothing was changed');
  }

  const result = await executePlan(plan, {
    session,
    host,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  if (result.stale !== undefined) throw staleDuringApply(result);
  if (!isComplete(result)) throw partialApplyError(result);
  return result;
}

/** AWS changed under the run (a principal the plan did not show appeared): exit 4, with what was already done. */
function staleDuringApply(result: ApplyResult): StalePlanError {
  const done = result.done.length > 0 ? ` (${result.done.length} change(s) were applied before it stopped)` : '';
  return new StalePlanError(`${result.stale}${done}`);
}
