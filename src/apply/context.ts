/**
 * @module What one apply run shares between its handlers: the abortable AWS calls, the batched status
 * poller, the name → id map, the role-update locks and the Identity Center target.
 */

import { setMaxListeners } from 'node:events';
import { InternalError } from '../errors.js';
import type { PlanDocument } from '../plan/actions.js';
import { ApplyAws } from './aws.js';
import { StatusPoller } from './poller.js';
import { NameResolver } from './resolver.js';
import { RoleLocks } from './role-locks.js';
import type { ExecuteOptions, HandlerContext, IdentityCenterTarget } from './types.js';

export interface RunContext {
  /** Aborted by the caller's signal, a fatal error, or `abort()`. */
  readonly controller: AbortController;
  /** The context of one action (its label names it in `retry` events). */
  forAction(label: string): HandlerContext;
  /** Detaches from the caller's signal. */
  close(): void;
}

export function createRunContext(plan: PlanDocument, options: ExecuteOptions): RunContext {
  const { session, host } = options;
  const clock = options.clock ?? session.clock;
  const random = options.random ?? Math.random;
  const controller = new AbortController();
  // Every call and wait in flight listens to the run's signal: thousands at once are expected.
  setMaxListeners(0, controller.signal);
  const onAbort = () => controller.abort(options.signal?.reason ?? new Error('was interrupted'));
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  const signal = controller.signal;

  const identityCenter = (): IdentityCenterTarget => {
    if (!plan.identityCenter) {
      throw new InternalError('this action needs the Identity Center instance, but the plan has none');
    }
    return plan.identityCenter;
  };
  const aws = new ApplyAws(session, signal);
  const poller = new StatusPoller({
    aws,
    target: identityCenter,
    clock,
    signal,
    ...(options.pollIntervalMs !== undefined ? { intervalMs: options.pollIntervalMs } : {}),
  });
  const resolver = new NameResolver(aws, identityCenter);
  const roleLocks = new RoleLocks(session.concurrency.roleUpdate);
  const shared = { plan, aws, session, clock, host, signal, identityCenter, resolver, poller, roleLocks, random };

  return {
    controller,
    forAction: (label) => ({
      ...shared,
      retrying: (message) => host.emit({ type: 'action', address: label, status: 'retry', message }),
    }),
    close: () => options.signal?.removeEventListener('abort', onAbort),
  };
}
