/**
 * @module What an operation handler receives: the world, who is calling from where, the time, and
 * the per-call controls (completion delays, injected FAILED outcomes, empty pages).
 */

import type { SandboxService } from '../endpoint.js';
import type { SandboxKnobs } from '../knobs.js';
import type { CredentialRecord } from '../state.js';
import type { World } from '../world.js';

export interface CallContext {
  world: World;
  service: SandboxService;
  operation: string;
  caller: CredentialRecord;
  /** The caller's account. */
  accountId: string;
  /** The caller's ARN, as GetCallerIdentity returns it. */
  callerArn: string;
  /** The caller's unique id (`AROA…:session`, `AIDA…`, or the account id for root). */
  callerUserId: string;
  region: string;
  /** Sandbox-clock time of the call (after its latency). */
  now: number;
  requestId: string;
  knobs: SandboxKnobs;
  /** Whether AWS's rate and concurrency limits are enforced (the `rateLimits.enabled` knob). */
  limitsEnabled: boolean;
  /** True when the `failed` fault knob chose this call: an asynchronous start call must end FAILED. */
  injectFailure: boolean;
  /** The delay until asynchronous work started by this call completes (knobs, scale and jitter applied). */
  completionDelay(operation?: string): number;
  /** For Organizations List*: whether this page comes back empty with a NextToken (knob). */
  emptyPage(): boolean;
}

export type Handler = (input: Record<string, unknown>, ctx: CallContext) => Record<string, unknown>;

export interface Operation {
  run: Handler;
  /** Changes state: the state file must be written after it. */
  write?: boolean;
  /** The IAM action when it is not `<prefix>:<Operation>`. */
  action?: string;
  /** Never denied by the denial knob (GetCallerIdentity). */
  neverDenied?: boolean;
}

export type OperationTable = Record<string, Operation>;

/** A string member of the input, or undefined. */
export function str(input: Record<string, unknown>, name: string): string | undefined {
  const v = input[name];
  return typeof v === 'string' ? v : undefined;
}

/** A string member the schema has already required. */
export function req(input: Record<string, unknown>, name: string): string {
  return input[name] as string;
}

export function toDate(ms: number): Date {
  return new Date(ms);
}
