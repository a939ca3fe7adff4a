/**
 * @module The vocabulary of apply: handlers (one per action type, a closed record so that a new
 * action type without a handler is a compile error), what a handler may use, and the result of a run.
 */

import type { AwsSession } from '../aws/index.js';
import type { AwsErrorKind } from '../errors.js';
import type { Host } from '../events/events.js';
import type { ManualStep, PlanAction, PlanDocument } from '../plan/actions.js';
import type { Clock } from '../util/clock.js';
import type { ApplyAws } from './aws.js';
import type { StatusPoller } from './poller.js';
import type { NameResolver } from './resolver.js';
import type { RoleLocks } from './role-locks.js';

/** The Identity Center instance the plan targets. */
export interface IdentityCenterTarget {
  instanceArn: string;
  identityStoreId: string;
  region: string;
}

/** Everything a handler may use. */
export interface HandlerContext {
  plan: PlanDocument;
  /** AWS calls, aborted with the run; denied actions are remembered. */
  aws: ApplyAws;
  session: AwsSession;
  clock: Clock;
  host: Host;
  signal: AbortSignal;
  /** The plan's Identity Center instance; throws for a plan without one (its actions are blocked). */
  identityCenter(): IdentityCenterTarget;
  resolver: NameResolver;
  poller: StatusPoller;
  roleLocks: RoleLocks;
  /** [0, 1) for jitter. */
  random: () => number;
  /** Tells the host that the action is waiting to retry (shown with --debug). */
  retrying(message: string): void;
}

/** What a handler reports when it is done: a short note for the progress line (`already existed`). */
export type HandlerResult = { note?: string } | undefined;

export interface Handler<A extends PlanAction> {
  /** Every IAM action `run` may call: the source of `gatehouse permissions --for apply`. */
  readonly iamActions: readonly string[];
  /** Performs the action. Throws when it failed; returns when it is done (asynchronous work: SUCCEEDED). */
  run(action: A, ctx: HandlerContext): Promise<HandlerResult>;
}

/** One handler per action type: adding an action type without a handler does not compile. */
export type HandlerTable = { readonly [T in PlanAction['type']]: Handler<Extract<PlanAction, { type: T }>> };

/** A failure of one action, with its one-line reason. */
export interface ActionFailure {
  address: string;
  message: string;
  /**
   * Set when the user must act before a rerun can succeed — access denied (`action` names the IAM
   * action) or credentials missing or expired: such a run ends with exit 3 instead of 5.
   */
  userMustAct?: { kind: AwsErrorKind; action?: string };
}

export interface ApplyCounts {
  /** Creates and replaces done. */
  added: number;
  changed: number;
  destroyed: number;
  provisioned: number;
}

/** What a run did. Labels are action addresses (provisioning: `<address> (provision)`). */
export interface ApplyResult {
  /** Finished actions (asynchronous ones: SUCCEEDED), in the order they finished. */
  done: string[];
  failed: ActionFailure[];
  /** Applyable actions not attempted (a dependency failed, or the run stopped) or interrupted. */
  notDone: string[];
  /** Actions waiting for a manual step (`applyable: false`): never attempted by apply. */
  blocked: string[];
  /** The plan's manual steps (apply never performs them). */
  manualSteps: ManualStep[];
  counts: ApplyCounts;
  /** Why the run stopped before the end (a fatal error, an interruption), when it did. */
  stopped?: string;
  /** Set when AWS was found changed since the plan during the run (the run stopped): apply exits 4. */
  stale?: string;
  /** Simulated or real seconds on the session clock. */
  seconds: number;
}

export interface ExecuteOptions {
  session: AwsSession;
  host: Host;
  /** Default: the session's clock. */
  clock?: Clock;
  /** Aborting stops the run promptly: nothing new starts, calls and waits in flight are abandoned. */
  signal?: AbortSignal;
  /** Status poll interval (default 1000 ms). */
  pollIntervalMs?: number;
  /** [0, 1) for jitter (default Math.random). */
  random?: () => number;
  /** Replaces handlers (tests inject failures; the table stays complete). */
  handlers?: Partial<HandlerTable>;
}
