/**
 * @module Waiting for AWS's asynchronous work (assignment creation and deletion, provisioning) with
 * as few calls as possible: ONE List…Status call (filter IN_PROGRESS, all pages) per kind and poll
 * interval covers every outstanding request, however many there are (scale.md §4.3).
 *
 * A request moves through two stages:
 * 1. `settled`: it is no longer IN_PROGRESS. Its concurrency slots can be released now (AWS's
 *    limits count requests in progress), before its outcome is known.
 * 2. `outcome`: SUCCEEDED, or FAILED with AWS's FailureReason. Requests that left the IN_PROGRESS
 *    list are judged together by one List…Status(FAILED) call every second poll (and at once when
 *    nothing else is in progress); a failed one is described once for its reason. A FAILED status
 *    is a failure, never success.
 *
 * A request is judged only after the IN_PROGRESS list has shown it once: AWS's status lists are
 * eventually consistent, and a request missing from the list right after its start call may simply
 * not be visible yet. A request the list never showed is asked about with Describe…Status instead
 * (ResourceNotFound there also means "not visible yet": keep waiting, as Terraform does).
 */

import type { Clock } from '../util/clock.js';
import type { ApplyAws } from './aws.js';
import { isNotFound } from './aws.js';

export type AsyncKind = 'assignment-creation' | 'assignment-deletion' | 'provisioning';

export type AsyncOutcome = { status: 'SUCCEEDED' } | { status: 'FAILED'; reason: string };

export interface TrackedRequest {
  /** Resolves when the request is no longer IN_PROGRESS (release concurrency slots then). */
  settled: Promise<void>;
  /** Its final status. Rejects when it cannot be followed (timeout, a failing status call, abort). */
  outcome: Promise<AsyncOutcome>;
}

export interface PollerOptions {
  aws: ApplyAws;
  /** The instance whose requests are polled (read when the first request is tracked). */
  target: () => { instanceArn: string; region: string };
  clock: Clock;
  signal: AbortSignal;
  /** Between two List…Status calls of one kind (default 1000 ms; scale.md §4.3 assumes 1 Hz). */
  intervalMs?: number;
  /** How often finished requests are judged with List…Status(FAILED) (default: every 2 intervals). */
  verdictIntervalMs?: number;
  /** Give up on a request still IN_PROGRESS after this long (default 15 min, provisioning 30 min). */
  timeoutMs?: Partial<Record<AsyncKind, number>>;
}

const DEFAULT_TIMEOUT_MS: Record<AsyncKind, number> = {
  'assignment-creation': 15 * 60_000,
  'assignment-deletion': 15 * 60_000,
  provisioning: 30 * 60_000,
};

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Callers may await `settled` and never look at `outcome` (or the reverse): no unhandled rejections.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

interface Entry {
  id: string;
  startedAt: number;
  /** The IN_PROGRESS list has shown it at least once. */
  seen: boolean;
  finished: boolean;
  settled: Deferred<void>;
  outcome: Deferred<AsyncOutcome>;
}

interface KindState {
  entries: Map<string, Entry>;
  running: boolean;
  lastVerdict: number;
}

/** A status as AWS reports it, normalised. */
interface StatusRecord {
  status: string | undefined;
  reason: string | undefined;
}

/** Batched status polling; one instance per apply run. */
export class StatusPoller {
  private readonly options: PollerOptions;
  private readonly intervalMs: number;
  private readonly verdictIntervalMs: number;
  private readonly kinds: Record<AsyncKind, KindState>;
  /** Status calls made, by operation (tests and benchmarks). */
  readonly calls: Record<string, number> = {};

  constructor(options: PollerOptions) {
    this.options = options;
    this.intervalMs = options.intervalMs ?? 1000;
    this.verdictIntervalMs = options.verdictIntervalMs ?? 2 * this.intervalMs;
    const fresh = (): KindState => ({ entries: new Map(), running: false, lastVerdict: 0 });
    this.kinds = { 'assignment-creation': fresh(), 'assignment-deletion': fresh(), provisioning: fresh() };
  }

  /**
   * Follows request `requestId` of `kind` until it is final. `initialStatus` is what the start call
   * returned: an already final one is answered without any call.
   */
  track(kind: AsyncKind, requestId: string, initialStatus?: StatusRecord): TrackedRequest {
    const entry: Entry = {
      id: requestId,
      startedAt: this.options.clock.now(),
      seen: false,
      finished: false,
      settled: deferred(),
      outcome: deferred(),
    };
    const final = initialStatus ? toOutcome(initialStatus) : undefined;
    if (final) {
      entry.settled.resolve();
      entry.outcome.resolve(final);
      return { settled: entry.settled.promise, outcome: entry.outcome.promise };
    }
    const state = this.kinds[kind];
    state.entries.set(requestId, entry);
    if (!state.running) {
      state.running = true;
      void this.loop(kind, state);
    }
    return { settled: entry.settled.promise, outcome: entry.outcome.promise };
  }

  /** Requests being followed right now (tests). */
  outstanding(kind: AsyncKind): number {
    return this.kinds[kind].entries.size;
  }

  private count(operation: string): void {
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
  }

  private async loop(kind: AsyncKind, state: KindState): Promise<void> {
    const { clock, signal } = this.options;
    try {
      while (state.entries.size > 0) {
        const inProgress = [...state.entries.values()].some((e) => !e.finished);
        if (inProgress) await clock.sleep(this.intervalMs, signal);
        await this.poll(kind, state);
      }
    } catch (error) {
      for (const entry of state.entries.values()) fail(entry, signal.aborted ? signal.reason : error);
      state.entries.clear();
    } finally {
      state.running = false;
    }
  }

  private async poll(kind: AsyncKind, state: KindState): Promise<void> {
    const { clock } = this.options;
    const waiting = [...state.entries.values()].filter((e) => !e.finished);
    if (waiting.length > 0) {
      const listed = await this.listIds(kind, 'IN_PROGRESS');
      for (const entry of waiting) {
        if (listed.has(entry.id)) {
          entry.seen = true;
        } else if (entry.seen) {
          entry.finished = true;
          entry.settled.resolve();
        } else {
          await this.describeUnseen(kind, state, entry);
        }
      }
    }
    const finished = [...state.entries.values()].filter((e) => e.finished);
    const nothingElse = finished.length === state.entries.size;
    if (finished.length > 0 && (nothingElse || clock.now() - state.lastVerdict >= this.verdictIntervalMs)) {
      state.lastVerdict = clock.now();
      const failed = await this.listIds(kind, 'FAILED');
      for (const entry of finished) {
        state.entries.delete(entry.id);
        if (failed.has(entry.id)) {
          const described = await this.describe(kind, entry.id);
          entry.outcome.resolve({
            status: 'FAILED',
            reason: described.reason ?? 'AWS reported FAILED without a reason',
          });
        } else {
          entry.outcome.resolve({ status: 'SUCCEEDED' });
        }
      }
    }
    const timeout = this.options.timeoutMs?.[kind] ?? DEFAULT_TIMEOUT_MS[kind];
    for (const entry of state.entries.values()) {
      if (!entry.finished && clock.now() - entry.startedAt > timeout) {
        state.entries.delete(entry.id);
        fail(
          entry,
          new Error(
            `request ${entry.id} is still IN_PROGRESS after ${Math.round(timeout / 60_000)} min; AWS will finish it — run plan and apply again later`,
          ),
        );
      }
    }
  }

  /** A request the list has not shown: Describe it (final → judged now; not found → not visible yet). */
  private async describeUnseen(kind: AsyncKind, state: KindState, entry: Entry): Promise<void> {
    let record: StatusRecord;
    try {
      record = await this.describe(kind, entry.id);
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    const outcome = toOutcome(record);
    if (!outcome) return;
    state.entries.delete(entry.id);
    entry.finished = true;
    entry.settled.resolve();
    entry.outcome.resolve(outcome);
  }

  private async listIds(kind: AsyncKind, status: 'IN_PROGRESS' | 'FAILED'): Promise<Set<string>> {
    const { aws } = this.options;
    const { instanceArn, region } = this.options.target();
    const input = { InstanceArn: instanceArn, Filter: { Status: status } } as const;
    let ids: (string | undefined)[];
    switch (kind) {
      case 'assignment-creation':
        this.count('ListAccountAssignmentCreationStatus');
        ids = (
          await aws.list(
            'sso-admin',
            'ListAccountAssignmentCreationStatus',
            input,
            'AccountAssignmentsCreationStatus',
            {
              region,
            },
          )
        ).map((s) => s.RequestId);
        break;
      case 'assignment-deletion':
        this.count('ListAccountAssignmentDeletionStatus');
        ids = (
          await aws.list(
            'sso-admin',
            'ListAccountAssignmentDeletionStatus',
            input,
            'AccountAssignmentsDeletionStatus',
            {
              region,
            },
          )
        ).map((s) => s.RequestId);
        break;
      case 'provisioning':
        this.count('ListPermissionSetProvisioningStatus');
        ids = (
          await aws.list(
            'sso-admin',
            'ListPermissionSetProvisioningStatus',
            input,
            'PermissionSetsProvisioningStatus',
            {
              region,
            },
          )
        ).map((s) => s.RequestId);
        break;
    }
    return new Set(ids.filter((id): id is string => id !== undefined));
  }

  private async describe(kind: AsyncKind, requestId: string): Promise<StatusRecord> {
    const { aws } = this.options;
    const { instanceArn, region } = this.options.target();
    switch (kind) {
      case 'assignment-creation': {
        this.count('DescribeAccountAssignmentCreationStatus');
        const out = await aws.call(
          'sso-admin',
          'DescribeAccountAssignmentCreationStatus',
          { InstanceArn: instanceArn, AccountAssignmentCreationRequestId: requestId },
          { region },
        );
        return {
          status: out.AccountAssignmentCreationStatus?.Status,
          reason: out.AccountAssignmentCreationStatus?.FailureReason,
        };
      }
      case 'assignment-deletion': {
        this.count('DescribeAccountAssignmentDeletionStatus');
        const out = await aws.call(
          'sso-admin',
          'DescribeAccountAssignmentDeletionStatus',
          { InstanceArn: instanceArn, AccountAssignmentDeletionRequestId: requestId },
          { region },
        );
        return {
          status: out.AccountAssignmentDeletionStatus?.Status,
          reason: out.AccountAssignmentDeletionStatus?.FailureReason,
        };
      }
      case 'provisioning': {
        this.count('DescribePermissionSetProvisioningStatus');
        const out = await aws.call(
          'sso-admin',
          'DescribePermissionSetProvisioningStatus',
          { InstanceArn: instanceArn, ProvisionPermissionSetRequestId: requestId },
          { region },
        );
        return {
          status: out.PermissionSetProvisioningStatus?.Status,
          reason: out.PermissionSetProvisioningStatus?.FailureReason,
        };
      }
    }
  }
}

function toOutcome(record: StatusRecord): AsyncOutcome | undefined {
  if (record.status === 'SUCCEEDED') return { status: 'SUCCEEDED' };
  if (record.status === 'FAILED')
    return { status: 'FAILED', reason: record.reason ?? 'AWS reported FAILED without a reason' };
  return undefined;
}

function fail(entry: Entry, error: unknown): void {
  entry.settled.reject(error);
  entry.outcome.reject(error);
}
