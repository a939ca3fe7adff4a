/**
 * @module The executor: runs a plan's applyable actions in dependency order, as concurrently as the
 * dependencies allow, and reports what happened.
 *
 * - An action starts when every action it `dependsOn` is done (asynchronous work: SUCCEEDED). Ready
 *   actions start in plan order, so the plan's round-robin across accounts is the order in which
 *   assignment work queues for AWS's limits. The limits themselves are held by the handlers and the
 *   session (20 calls/s, ≤ 15 outstanding assignment operations, ≤ 3 provisionings, one role update
 *   per account).
 * - A failed action does not stop independent work; everything that depends on it, directly or not,
 *   is not attempted. Blocked actions (`applyable: false`, waiting for a manual step) are never
 *   attempted.
 * - A fatal error (credentials missing or expired, AWS unreachable) or the caller's abort signal
 *   stops the run promptly: nothing new starts and the calls and waits in flight are abandoned.
 *   Whatever AWS already accepted finishes on its own; the next plan sees it, so a rerun converges.
 * - A handler that finds AWS no longer as the plan saw it (StalePlanError: a principal the plan did
 *   not show exists at create time) stops the run like a fatal error; `result.stale` carries why.
 * - Progress: `progress` events (done / total with an ETA from the observed rate) and one `action`
 *   event per start, finish, failure and skip (not per action abandoned by a stop: the result lists those).
 */

import { AwsCallError, isFatalKind } from '../aws/index.js';
import { StalePlanError } from '../errors.js';
import type { PlanAction, PlanDocument } from '../plan/actions.js';
import { createRunContext } from './context.js';
import { HANDLERS } from './handlers/index.js';
import type { ActionFailure, ApplyCounts, ApplyResult, ExecuteOptions, Handler, HandlerTable } from './types.js';

/** How an action is named in events and results: its address (provisioning: `<address> (provision)`). */
export function actionLabel(action: Pick<PlanAction, 'address' | 'kind'>): string {
  return action.kind === 'provision' ? `${action.address} (provision)` : action.address;
}

/** One line for a failure: AWS's classified message, or the error's first line. */
export function failureMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((l) => l.trim() !== '') ?? text;
}

/** Failures no rerun can fix until the user acts (permissions, credentials): apply exits 3 for them. */
function userMustAct(error: unknown): ActionFailure['userMustAct'] {
  if (!(error instanceof AwsCallError)) return undefined;
  if (error.kind !== 'access-denied' && !isFatalKind(error.kind)) return undefined;
  return error.kind === 'access-denied' ? { kind: error.kind, action: error.action } : { kind: error.kind };
}

function isFatal(error: unknown): boolean {
  return error instanceof AwsCallError && (isFatalKind(error.kind) || error.kind === 'network');
}

const VERB: Record<PlanAction['kind'], string> = {
  create: 'created',
  update: 'updated',
  replace: 'created (replaces the old set)',
  delete: 'deleted',
  provision: 'provisioned',
};

type State = 'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'blocked' | 'interrupted';

/** Runs the plan's applyable actions. Never throws for an action's failure: see `ApplyResult`. */
export async function executePlan(plan: PlanDocument, options: ExecuteOptions): Promise<ApplyResult> {
  const { session, host } = options;
  const clock = options.clock ?? session.clock;
  const handlers: HandlerTable = { ...HANDLERS, ...options.handlers };
  const run = createRunContext(plan, options);
  const { controller } = run;
  const signal = controller.signal;

  const actions = plan.actions;
  const index = new Map(actions.map((a, i) => [a.id, i]));
  const state = new Map<string, State>();
  const waitingFor = new Map<string, number>();
  const dependants = new Map<string, string[]>();
  for (const a of actions) {
    state.set(a.id, a.applyable ? 'pending' : 'blocked');
    waitingFor.set(a.id, a.dependsOn.filter((d) => index.has(d)).length);
    for (const d of a.dependsOn) {
      const list = dependants.get(d);
      if (list) list.push(a.id);
      else dependants.set(d, [a.id]);
    }
  }

  const done: string[] = [];
  const failed: ActionFailure[] = [];
  const counts: ApplyCounts = { added: 0, changed: 0, destroyed: 0, provisioned: 0 };
  const total = actions.filter((a) => a.applyable).length;
  const started = clock.now();
  let finished = 0;
  let stopped: string | undefined;
  let stale: string | undefined;

  const progress = () => {
    const elapsed = (clock.now() - started) / 1000;
    const eta = finished > 0 && finished < total ? (elapsed / finished) * (total - finished) : undefined;
    host.emit({
      type: 'progress',
      task: 'apply',
      done: finished,
      total,
      ...(eta !== undefined ? { etaSeconds: Math.round(eta) } : {}),
    });
  };

  host.emit({ type: 'phase', phase: 'apply', status: 'start', message: `applying ${total} action(s)` });
  for (const a of actions) {
    if (!a.applyable) {
      const steps = a.blockedBy.map((s) => `manual/${s}`).join(', ');
      host.emit({ type: 'action', address: actionLabel(a), status: 'skipped', message: `waiting for ${steps}` });
    }
  }
  progress();

  /** Marks everything that (transitively) depends on `id` as not attempted. */
  const skipDependants = (id: string, because: string) => {
    const queue = [...(dependants.get(id) ?? [])];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (state.get(next) !== 'pending') continue;
      state.set(next, 'skipped');
      const action = actions[index.get(next)!]!;
      host.emit({
        type: 'action',
        address: actionLabel(action),
        status: 'skipped',
        message: `not attempted: ${because}`,
      });
      finished += 1;
      queue.push(...(dependants.get(next) ?? []));
    }
  };

  await new Promise<void>((resolveRun) => {
    let running = 0;
    const ready: number[] = [];

    const finish = () => {
      if (running === 0) resolveRun();
    };

    const stop = (reason: string, cause: unknown) => {
      if (stopped !== undefined) return;
      stopped = reason;
      controller.abort(cause);
    };
    signal.addEventListener('abort', () => {
      const why = failureMessage(signal.reason);
      stopped ??= why.startsWith('was interrupted') ? why : `was interrupted: ${why}`;
    });

    const start = (action: PlanAction) => {
      state.set(action.id, 'running');
      running += 1;
      const label = actionLabel(action);
      host.emit({ type: 'action', address: label, status: 'start' });
      const handler = handlers[action.type] as Handler<PlanAction>;
      handler
        .run(action, run.forAction(label))
        .then(
          (result) => {
            state.set(action.id, 'done');
            done.push(label);
            countDone(counts, action);
            host.emit({
              type: 'action',
              address: label,
              status: 'done',
              message: result?.note ? `${VERB[action.kind]} (${result.note})` : VERB[action.kind],
            });
            finished += 1;
            for (const next of dependants.get(action.id) ?? []) {
              const left = (waitingFor.get(next) ?? 0) - 1;
              waitingFor.set(next, left);
              if (left === 0 && state.get(next) === 'pending') ready.push(index.get(next)!);
            }
          },
          (error: unknown) => {
            // Abandoned because the run stopped (not its own failure): its outcome is unknown. No
            // event per action: thousands may be waiting; the run's report lists them as not done.
            if (signal.aborted && (error === signal.reason || !isFatal(error))) {
              state.set(action.id, 'interrupted');
              return;
            }
            state.set(action.id, 'failed');
            const message = failureMessage(error);
            const mustAct = userMustAct(error);
            failed.push({ address: label, message, ...(mustAct ? { userMustAct: mustAct } : {}) });
            host.emit({ type: 'action', address: label, status: 'failed', message });
            finished += 1;
            skipDependants(action.id, `${label} failed`);
            if (error instanceof StalePlanError) {
              stale ??= message;
              stop(`stopped: ${message}`, error);
            } else if (isFatal(error)) stop(`stopped: ${message}`, error);
          },
        )
        .finally(() => {
          running -= 1;
          progress();
          if (!signal.aborted) launchReady();
          finish();
        });
    };

    // Ready actions start in plan order (the plan's order is the round-robin across accounts).
    const launchReady = () => {
      const batch = ready.splice(0).sort((a, b) => a - b);
      for (const i of batch) {
        if (signal.aborted) return;
        const action = actions[i]!;
        if (state.get(action.id) === 'pending') start(action);
      }
    };

    actions.forEach((a, i) => {
      if (state.get(a.id) === 'pending' && waitingFor.get(a.id) === 0) ready.push(i);
    });
    launchReady();
    finish();
  });

  const notDone = actions
    .filter((a) => {
      const s = state.get(a.id);
      return s === 'pending' || s === 'skipped' || s === 'interrupted' || s === 'running';
    })
    .map(actionLabel);
  const result: ApplyResult = {
    done,
    failed,
    notDone,
    blocked: actions.filter((a) => !a.applyable).map(actionLabel),
    manualSteps: plan.manualSteps,
    counts,
    seconds: (clock.now() - started) / 1000,
  };
  if (stopped !== undefined) result.stopped = stopped;
  if (stale !== undefined) result.stale = stale;
  run.close();
  host.emit({ type: 'phase', phase: 'apply', status: 'end' });
  return result;
}

function countDone(counts: ApplyCounts, action: PlanAction): void {
  switch (action.kind) {
    case 'create':
    case 'replace':
      counts.added += 1;
      break;
    case 'update':
      counts.changed += 1;
      break;
    case 'delete':
      counts.destroyed += 1;
      break;
    case 'provision':
      counts.provisioned += 1;
      break;
  }
}
