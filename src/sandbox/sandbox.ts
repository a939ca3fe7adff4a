/**
 * @module The sandbox: an in-memory, stateful emulation of the AWS operations gatehouse calls.
 * `handle(call)` serves one SDK command the way AWS would (latency, authentication, rate limits,
 * injected faults, IAM denials, validation, the operation itself) and records it; the admin API
 * creates scenarios, turns knobs, performs console-only steps and exports the state.
 */

import { SandboxError } from '../errors.js';
import { type Clock, systemClock } from '../util/clock.js';
import { flooredClock, newestInstant } from './clock-floor.js';
import { type ConsoleStep, type ConsoleStepOptions, type ConsoleStepResult, runConsoleStep } from './console-steps.js';
import {
  authenticate,
  issueCredentials,
  principalArn,
  principalUserId,
  type SandboxCredentials,
  toSdkCredentials,
} from './credentials.js';
import { type SandboxCall, type SandboxEndpoint, SandboxServiceError } from './endpoint.js';
import {
  applyKnobs,
  completionDelayFor,
  DEFAULT_VARIANTS,
  type FaultKind,
  type KnobsPatch,
  latencyFor,
  operationMatches,
  type SandboxKnobs,
} from './knobs.js';
import { HEX, newRng, nextFloat, nextUint32 } from './random.js';
import { rateLimitFor, TokenBuckets } from './rate-limit.js';
import { buildScenario, type ScenarioName, type ScenarioOptions } from './scenarios/index.js';
import { accessDenied, serverError, throttlingError, transientConflict } from './service-errors.js';
import type { CallContext, Operation } from './services/context.js';
import { actionOf, LAST_USED_SERVICE_NAME, SERVICES } from './services/index.js';
import { nextCompletion, settle } from './services/sso-admin/async-work.js';
import {
  type CallRecord,
  type CredentialRecord,
  type Principal,
  type SandboxState,
  STATE_FORMAT,
  STATE_VERSION,
} from './state.js';
import { checkState } from './state-check.js';
import { onTheWire } from './variants.js';
import { World } from './world.js';

/** Calls kept in the state file at most (the `recordCallsInState` knob). */
export const MAX_PERSISTED_CALLS = 100_000;

export interface CreateSandboxOptions {
  /** The sandbox clock: timestamps, latency, completion of asynchronous work, rate limits. Default: the system clock. */
  clock?: Clock;
  /** Start from this state (as `exportState` or a state file gives it). */
  state?: unknown;
  /** Or build this scenario (ignored when `state` is given). Default: an empty sandbox. */
  scenario?: ScenarioName;
  scenarioOptions?: Omit<ScenarioOptions, 'now'>;
  /** Knob changes applied on top of the state's (or the defaults). */
  knobs?: KnobsPatch;
}

/** Who new credentials belong to: the account root, an IAM user, or an assumed-role session. */
export type PrincipalSpec = 'root' | { userName: string } | { roleName: string; sessionName: string };

export interface IssueCredentialsOptions {
  accountId: string;
  principal?: PrincipalSpec;
  /** Expire this long after now (session credentials). */
  expiresInMs?: number;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
}

/** An empty state: no accounts, default knobs with `seed`. */
export function emptyState(seed = 1): SandboxState {
  const knobs = applyKnobs({ seed });
  return {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    scenario: null,
    knobs,
    rng: { ids: newRng(seed, 0), faults: newRng(seed, 1), timing: newRng(seed, 2) },
    credentials: {},
    defaultAccessKeyId: null,
    accounts: {},
    organization: null,
    instances: {},
  };
}

function toPrincipal(spec: PrincipalSpec | undefined): Principal {
  if (spec === undefined) return { kind: 'assumed-role', roleName: 'Admin', sessionName: 'gatehouse' };
  if (spec === 'root') return { kind: 'root' };
  if ('userName' in spec) return { kind: 'user', userName: spec.userName };
  return { kind: 'assumed-role', roleName: spec.roleName, sessionName: spec.sessionName };
}

/**
 * Re-seeds the fault and timing streams when the `seed` knob no longer matches them (the knob was
 * changed, also by a hand edit of a state file). The id stream is never re-seeded: that could
 * repeat ids that already exist.
 */
function syncStreams(state: SandboxState): void {
  const seed = state.knobs.seed;
  if (state.rng.faults.seed !== newRng(seed, 1).seed) state.rng.faults = newRng(seed, 1);
  if (state.rng.timing.seed !== newRng(seed, 2).seed) state.rng.timing = newRng(seed, 2);
}

/** A world from a state document; SandboxError when the document is foreign or damaged. */
function loadWorld(doc: unknown): World {
  const state = checkState(doc);
  syncStreams(state);
  try {
    return new World(state);
  } catch (error) {
    throw new SandboxError(`the sandbox state is damaged: ${(error as Error).message}`);
  }
}

/** The most specific ARN a call names, for AccessDenied messages. */
function resourceOf(input: Record<string, unknown>): string {
  for (const key of ['PermissionSetArn', 'InstanceArn', 'ResourceArn', 'RoleArn']) {
    const v = input[key];
    if (typeof v === 'string') return v;
  }
  return '*';
}

export class Sandbox implements SandboxEndpoint {
  private currentClock: Clock;
  private shift = 0;
  private world: World;
  private readonly buckets = new TokenBuckets();
  private records: CallRecord[] = [];
  private seq = 0;
  private readonly listeners = new Set<() => void>();

  constructor(options: CreateSandboxOptions = {}) {
    this.currentClock = options.clock ?? systemClock;
    if (options.state !== undefined) {
      this.world = loadWorld(options.state);
      this.floorClockAtState();
    } else {
      this.world = new World(emptyState(options.scenarioOptions?.seed ?? 1));
      if (options.scenario)
        buildScenario(options.scenario, this.world, { ...options.scenarioOptions, now: this.clock.now() });
    }
    if (options.knobs) {
      this.world.state.knobs = applyKnobs(options.knobs, this.world.state.knobs);
      syncStreams(this.world.state);
    }
    this.seq = this.world.state.calls?.at(-1)?.seq ?? 0;
    this.markHighWater();
  }

  /** The sandbox clock: never earlier than the newest instant of its state (see clock-floor.ts). */
  get clock(): Clock {
    return this.currentClock;
  }

  /** How far the sandbox's time was moved ahead of the clock it was given, to the state's newest instant. */
  get clockShiftMs(): number {
    return this.shift;
  }

  private floorClockAtState(): void {
    const floored = flooredClock(this.currentClock, newestInstant(this.world.state));
    this.currentClock = floored.clock;
    this.shift += floored.shiftMs;
  }

  private markHighWater(): void {
    const now = this.currentClock.now();
    if ((this.world.state.clockHighWater ?? 0) < now) this.world.state.clockHighWater = now;
  }

  // The endpoint

  async handle(call: SandboxCall): Promise<Record<string, unknown>> {
    const knobs = this.world.state.knobs;
    const latency = latencyFor(knobs, call.service, call.operation);
    if (latency > 0) await this.clock.sleep(latency);
    const now = this.clock.now();
    const change = { dirty: settle(this.world, now) > 0 };
    this.seq += 1;
    const record: CallRecord = {
      seq: this.seq,
      time: now,
      service: call.service,
      operation: call.operation,
      accountId: null,
      region: call.region,
      action: actionOf(call.service, call.operation),
      outcome: 'ok',
      throttled: false,
      requestId: this.requestId(this.seq),
    };
    try {
      const { caller, operation } = this.resolve(call, now, record);
      const fault = this.admit(call, caller, operation, now, record, change);
      if (this.trackKeyUse(caller, call, now)) change.dirty = true;
      const output = operation.run(call.input, this.contextFor(call, caller, now, record, fault, change));
      if (operation.write) change.dirty = true;
      return output;
    } catch (error) {
      record.outcome = error instanceof SandboxServiceError ? error.code : 'InternalError';
      // Every Identity Store error carries the request id as a modeled member.
      if (
        error instanceof SandboxServiceError &&
        call.service === 'identitystore' &&
        error.fields.RequestId === undefined
      ) {
        error.fields.RequestId = record.requestId;
      }
      if (error instanceof SandboxServiceError) {
        const wire = onTheWire(error, call.service, this.world.state.knobs.variants ?? DEFAULT_VARIANTS);
        record.outcome = wire.code;
        throw wire;
      }
      throw error;
    } finally {
      this.records.push(record);
      if (this.world.state.knobs.recordCallsInState) {
        const calls = this.world.state.calls ?? [];
        calls.push(record);
        if (calls.length > MAX_PERSISTED_CALLS) calls.splice(0, calls.length - MAX_PERSISTED_CALLS);
        this.world.state.calls = calls;
        change.dirty = true;
      }
      if (change.dirty) this.changed();
    }
  }

  /** Who is calling (authentication) and which operation serves the call. */
  private resolve(
    call: SandboxCall,
    now: number,
    record: CallRecord,
  ): { caller: CredentialRecord; operation: Operation } {
    const table = Object.hasOwn(SERVICES, call.service) ? SERVICES[call.service] : undefined;
    if (!table) {
      throw new SandboxServiceError(
        'UnknownOperationException',
        `The gatehouse sandbox does not emulate the service ${call.service}.`,
        400,
      );
    }
    const caller = authenticate(this.world, call.service, call.accessKeyId, now);
    record.accountId = caller.accountId;
    const operation = Object.hasOwn(table, call.operation) ? table[call.operation] : undefined;
    if (!operation) {
      throw new SandboxServiceError(
        'UnknownOperationException',
        `The gatehouse sandbox does not emulate ${call.service} ${call.operation}.`,
        400,
      );
    }
    return { caller, operation };
  }

  /**
   * What stands between a call and its operation, in AWS's order: rate limit, injected throttle
   * or 5xx, IAM denial, injected transient conflict. Returns the fault drawn for the call.
   */
  private admit(
    call: SandboxCall,
    caller: CredentialRecord,
    operation: Operation,
    now: number,
    record: CallRecord,
    change: { dirty: boolean },
  ): FaultKind | null {
    const knobs = this.world.state.knobs;
    if (knobs.rateLimits.enabled) {
      const limit = rateLimitFor(call.service, call.operation, caller.accountId, call.region);
      const wait = this.buckets.take(limit, knobs.rateLimits.scale, now);
      if (wait > 0) {
        record.throttled = true;
        throw throttlingError(call.service, Math.max(1, Math.ceil(wait / 1000)));
      }
    }
    const fault = this.drawFault(call, caller);
    if (fault !== null) change.dirty = true;
    if (fault === 'throttle') {
      record.throttled = true;
      throw throttlingError(call.service);
    }
    if (fault === 'server-error') throw serverError(call.service);
    if (!operation.neverDenied && this.denied(record.action, caller.accountId)) {
      throw accessDenied(
        call.service,
        principalArn(this.world, caller.accountId, caller.principal),
        record.action,
        resourceOf(call.input),
      );
    }
    if (fault === 'conflict') {
      const error = transientConflict(call.service);
      if (error) throw error;
    }
    return fault;
  }

  private contextFor(
    call: SandboxCall,
    caller: CredentialRecord,
    now: number,
    record: CallRecord,
    fault: FaultKind | null,
    change: { dirty: boolean },
  ): CallContext {
    const state = this.world.state;
    const knobs = state.knobs;
    return {
      world: this.world,
      service: call.service,
      operation: call.operation,
      caller,
      accountId: caller.accountId,
      callerArn: principalArn(this.world, caller.accountId, caller.principal),
      callerUserId: principalUserId(this.world, caller.accountId, caller.principal),
      region: call.region,
      now,
      requestId: record.requestId,
      knobs,
      limitsEnabled: knobs.rateLimits.enabled,
      injectFailure: fault === 'failed',
      completionDelay: (op) => {
        const jitter = knobs.completionDelayMs.jitter;
        let ms = completionDelayFor(knobs, call.service, op ?? call.operation) / knobs.rateLimits.scale;
        if (jitter > 0) {
          change.dirty = true;
          ms *= 1 + (2 * nextFloat(state.rng.timing) - 1) * jitter;
        }
        return Math.max(0, Math.round(ms));
      },
      emptyPage: () => {
        const p = knobs.organizationsEmptyPageProbability;
        if (p <= 0) return false;
        change.dirty = true;
        return nextFloat(state.rng.faults) < p;
      },
    };
  }

  /** A request id in UUID form, derived from the seed and the call's sequence number (not persisted). */
  private requestId(seq: number): string {
    const rng = { seed: this.world.state.knobs.seed ^ 0x5eed, counter: seq * 4 };
    const hex = [0, 1, 2, 3].map(() => nextUint32(rng).toString(16).padStart(8, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${HEX[8 + (seq % 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  private denied(action: string, accountId: string): boolean {
    return this.world.state.knobs.denials.some((d) => {
      if (d.accountId !== undefined && d.accountId !== accountId) return false;
      if (d.action === '*' || d.action === action) return true;
      return d.action.endsWith(':*') && action.startsWith(d.action.slice(0, -1));
    });
  }

  /** Draws the fault rules that match this call, in order; the first that fires wins. */
  private drawFault(call: SandboxCall, caller: CredentialRecord): FaultKind | null {
    const rules = this.world.state.knobs.faults;
    if (rules.length === 0) return null;
    const targetAccounts = [caller.accountId, call.input.TargetId, call.input.AccountId].filter(
      (v) => typeof v === 'string',
    );
    let psName: string | undefined;
    const psArn = call.input.PermissionSetArn;
    if (typeof psArn === 'string') {
      const instanceId = /permissionSet\/([^/]+)\//.exec(psArn)?.[1];
      psName = this.world.instance(`arn:aws:sso:::instance/${instanceId}`)?.record.permissionSets[psArn]?.name;
    }
    let drew = false;
    for (const rule of rules) {
      if (!operationMatches(rule.operation, call.service, call.operation)) continue;
      if (rule.accountId !== undefined && !targetAccounts.includes(rule.accountId)) continue;
      if (rule.permissionSetName !== undefined && rule.permissionSetName !== psName) continue;
      if (rule.remaining !== undefined && rule.remaining <= 0) continue;
      drew = true;
      if (nextFloat(this.world.state.rng.faults) >= rule.probability) continue;
      if (rule.remaining !== undefined) rule.remaining -= 1;
      return rule.kind;
    }
    // Draws advanced the fault stream: it must be persisted even when nothing fired.
    if (drew) this.changed();
    return null;
  }

  /** Records the last use of a long-term access key (credential report, GetAccessKeyLastUsed). */
  private trackKeyUse(caller: CredentialRecord, call: SandboxCall, now: number): boolean {
    if (caller.principal.kind === 'assumed-role') return false;
    const iam = this.world.account(caller.accountId)?.iam;
    if (!iam) return false;
    const keys =
      caller.principal.kind === 'root' ? iam.root.accessKeys : (iam.users[caller.principal.userName]?.accessKeys ?? []);
    const key = keys.find((k) => k.accessKeyId === caller.accessKeyId);
    if (!key) return false;
    key.lastUsed = { at: now, service: LAST_USED_SERVICE_NAME[call.service], region: call.region };
    return true;
  }

  private changed(): void {
    this.markHighWater();
    for (const listener of this.listeners) listener();
  }

  // The admin API

  /** The live state (read it; change it only through the admin API or `mutate`). */
  get state(): Readonly<SandboxState> {
    return this.world.state;
  }

  get knobs(): Readonly<SandboxKnobs> {
    return this.world.state.knobs;
  }

  /** Changes knobs (validated; SandboxError names a bad one). Rate-limit buckets start full again. */
  setKnobs(patch: KnobsPatch): void {
    this.world.state.knobs = applyKnobs(patch, this.world.state.knobs);
    syncStreams(this.world.state);
    this.buckets.clear();
    this.changed();
  }

  /** The credentials the CLI uses when the environment has none (an administrator of the management account). */
  defaultCredentials(): SandboxCredentials | null {
    const id = this.world.state.defaultAccessKeyId;
    const record = id ? this.world.credential(id) : undefined;
    return record ? toSdkCredentials(record) : null;
  }

  /** Issues credentials for a principal of an account (default: an `Admin` role session `gatehouse`). */
  issueCredentials(options: IssueCredentialsOptions): SandboxCredentials {
    if (!this.world.account(options.accountId))
      throw new SandboxError(`account ${options.accountId} does not exist in the sandbox`);
    const now = this.clock.now();
    const record = issueCredentials(this.world, {
      accountId: options.accountId,
      principal: toPrincipal(options.principal),
      now,
      ...(options.expiresInMs !== undefined ? { expiresAt: now + options.expiresInMs } : {}),
      ...(options.accessKeyId !== undefined ? { accessKeyId: options.accessKeyId } : {}),
      ...(options.secretAccessKey !== undefined ? { secretAccessKey: options.secretAccessKey } : {}),
      ...(options.sessionToken !== undefined ? { sessionToken: options.sessionToken } : {}),
    });
    this.changed();
    return toSdkCredentials(record);
  }

  /** Every call served since creation (or the last clear), oldest first. */
  calls(): readonly CallRecord[] {
    return this.records;
  }

  clearCalls(): void {
    this.records = [];
    if (this.world.state.calls) {
      this.world.state.calls = [];
      this.changed();
    }
  }

  /** Completes the asynchronous work due now; returns how many requests completed. */
  settle(): number {
    const count = settle(this.world, this.clock.now());
    if (count > 0) this.changed();
    return count;
  }

  /** When the next asynchronous request completes (epoch ms), or null when none is in progress. */
  nextCompletion(): number | null {
    return nextCompletion(this.world);
  }

  /** Performs a console-only step (enable the organization instance, root MFA, delete root keys). */
  console(step: ConsoleStep, options: ConsoleStepOptions = {}): ConsoleStepResult {
    this.settle();
    const result = runConsoleStep(this.world, step, { ...options, now: this.clock.now() });
    this.changed();
    return result;
  }

  /** A deep copy of the state (JSON), after settling what is due. */
  exportState(): SandboxState {
    this.settle();
    return structuredClone(this.world.state);
  }

  /** Replaces the state (validated: SandboxError for a foreign or corrupt document). */
  importState(state: unknown): void {
    this.world = loadWorld(structuredClone(state));
    this.floorClockAtState();
    this.buckets.clear();
    this.changed();
  }

  /** Starts over: an empty sandbox, or a scenario. The call record is cleared too. */
  reset(scenario?: ScenarioName, options: Omit<ScenarioOptions, 'now'> = {}): void {
    const knobs = this.world.state.knobs;
    this.world = new World(emptyState(options.seed ?? knobs.seed));
    if (scenario) buildScenario(scenario, this.world, { ...options, now: this.clock.now() });
    this.buckets.clear();
    this.records = [];
    this.changed();
  }

  /**
   * Creates a customer managed IAM policy `<path><name>` in an account (the sandbox emulates no IAM
   * policy API): permission sets that reference it can then be provisioned there.
   */
  addCustomerManagedPolicy(accountId: string, name: string, path = '/'): void {
    const account = this.world.account(accountId);
    if (!account) throw new SandboxError(`account ${accountId} does not exist in the sandbox`);
    if (!/^(\/[A-Za-z0-9.,+@=_-]+)*\/$/.test(path) || !/^[\w+=,.@-]{1,128}$/.test(name)) {
      throw new SandboxError(`invalid customer managed policy ${path}${name}`);
    }
    account.iam.customerPolicies[`${path}${name}`] = { name, path, createdAt: this.clock.now() };
    this.changed();
  }

  /** Changes the world directly (tests and scenario builders): indexes stay in step through World's methods. */
  mutate<T>(change: (world: World) => T): T {
    const result = change(this.world);
    this.changed();
    return result;
  }

  /** Called after every change of persisted state (the state file uses it to schedule a write). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Creates a sandbox: empty, from a scenario, or from a saved state. */
export function createSandbox(options: CreateSandboxOptions = {}): Sandbox {
  return new Sandbox(options);
}
