/**
 * @module The sandbox's knobs: latency, completion delay of asynchronous work, rate limits, injected
 * faults, IAM denials and the other test controls. Plain JSON, persisted with the state, so a state
 * file prepared with faults or denials drives a later CLI run.
 */

import { SandboxError } from '../errors.js';

/** What an injected fault does to a matching call. */
export type FaultKind =
  /** The service's throttling error (ThrottlingException / TooManyRequestsException / Throttling). */
  | 'throttle'
  /** The service's 5xx (InternalServerException / ServiceException / ServiceFailure / InternalFailure). */
  | 'server-error'
  /** An asynchronous start call succeeds but its request ends FAILED (UpdateInstance: UPDATE_FAILED). */
  | 'failed'
  /** A transient sso-admin / identitystore ConflictException (CONCURRENT_MODIFICATION). */
  | 'conflict';

export interface FaultRule {
  /** `CreateAccountAssignment`, `sso-admin:CreateAccountAssignment`, `sso-admin:*` or `*`. */
  operation: string;
  kind: FaultKind;
  /** 0..1, drawn from the seeded fault stream once per matching call. */
  probability: number;
  /** Only calls whose caller account (or, for async work, target account) is this one. */
  accountId?: string;
  /** Only calls about this permission set (matched by name through the call's PermissionSetArn). */
  permissionSetName?: string;
  /** Stop after this many injections; decremented (and persisted) on every injection. */
  remaining?: number;
}

export interface DenialRule {
  /** IAM action: `sso:ListInstances`, a service wildcard `sso:*`, or `*`. */
  action: string;
  /** Only for callers in this account (absent: every account). */
  accountId?: string;
}

/**
 * AWS behaviours the sources leave open, each with its plausible answers (README "Assumed" and
 * "Variants"): gatehouse must be correct under every one. Defaults are the answers of the models.
 */
export interface AwsVariants {
  /** HTTP status of sso-admin's ThrottlingException: 429 (model) or 400 (reported at the 15-outstanding limit). */
  ssoThrottlingStatus: 429 | 400;
  /** Error codes of the JSON services on the wire: `suffixed` (ConflictException) or `bare` (Conflict). */
  errorNames: 'suffixed' | 'bare';
  /** What the 15-outstanding and 3-provisioning limits answer: `throttling` or `conflict` (ConflictException). */
  concurrencyLimitError: 'throttling' | 'conflict';
  /** DescribeInstance's EncryptionConfigurationDetails (every member optional in the model): present or absent. */
  describeInstanceEncryption: 'present' | 'absent';
  /**
   * ListAccountAssignmentsForPrincipal for a USER: only direct rows (`none`), or also the rows of the
   * user's groups, labelled with the group (`as-group`) or with the user (`as-user`).
   */
  principalScanGroupRows: 'none' | 'as-group' | 'as-user';
  /**
   * After the last assignment of a permission set in an account is deleted (SUCCEEDED), AWS keeps
   * removing the role this long; DeletePermissionSet answers ConflictException meanwhile.
   */
  deprovisioningMs: number;
}

export const DEFAULT_VARIANTS: AwsVariants = {
  ssoThrottlingStatus: 429,
  errorNames: 'suffixed',
  concurrencyLimitError: 'throttling',
  describeInstanceEncryption: 'present',
  principalScanGroupRows: 'none',
  deprovisioningMs: 0,
};

export interface SandboxKnobs {
  /** Seed of the fault, timing and id streams (scenarios also take their ids from it). */
  seed: number;
  /** Latency awaited on the sandbox clock before each call is served. Keys: `Operation` or `service:Operation`. */
  latencyMs: { default: number; perOperation: Record<string, number> };
  /** Time from an asynchronous start call to its SUCCEEDED/FAILED. `jitter` 0..1 spreads it ±fraction, seeded. */
  completionDelayMs: { default: number; perOperation: Record<string, number>; jitter: number };
  /**
   * AWS's published rate and concurrency limits. `scale` multiplies every rate and divides every
   * completion delay (benchmarks run `scale: 10` to go ten times faster in real time).
   */
  rateLimits: { enabled: boolean; scale: number };
  faults: FaultRule[];
  denials: DenialRule[];
  /** Probability that an Organizations List* page comes back empty with a NextToken (AWS documents this). */
  organizationsEmptyPageProbability: number;
  /** A user or group created less than this long ago is not yet visible to Describe*, Get*Id and List*. */
  identityStoreVisibilityLagMs: number;
  /** Keep the per-call record in the state file too (for CLI runs checked afterwards). Capped at 100,000 calls. */
  recordCallsInState: boolean;
  /** Which answer the sandbox gives where AWS's behaviour is not confirmed. */
  variants: AwsVariants;
}

export const DEFAULT_KNOBS: SandboxKnobs = {
  seed: 1,
  latencyMs: { default: 0, perOperation: {} },
  completionDelayMs: {
    default: 2000,
    perOperation: {
      CreateAccountAssignment: 2000,
      DeleteAccountAssignment: 2000,
      ProvisionPermissionSet: 3000,
      UpdateInstance: 5000,
      GenerateCredentialReport: 2000,
    },
    jitter: 0,
  },
  rateLimits: { enabled: true, scale: 1 },
  faults: [],
  denials: [],
  organizationsEmptyPageProbability: 0,
  identityStoreVisibilityLagMs: 0,
  recordCallsInState: false,
  variants: DEFAULT_VARIANTS,
};

/** A partial knob object as a caller or a hand-edited state file gives it. */
export type KnobsPatch = Partial<
  Omit<SandboxKnobs, 'latencyMs' | 'completionDelayMs' | 'rateLimits' | 'denials' | 'variants'>
> & {
  variants?: Partial<AwsVariants>;
  /** A rule, or just the action (every account). */
  denials?: (DenialRule | string)[];
  latencyMs?: Partial<SandboxKnobs['latencyMs']> | number;
  completionDelayMs?: Partial<SandboxKnobs['completionDelayMs']> | number;
  rateLimits?: Partial<SandboxKnobs['rateLimits']> | boolean;
};

const FAULT_KINDS: readonly FaultKind[] = ['throttle', 'server-error', 'failed', 'conflict'];

function fail(path: string, problem: string): never {
  throw new SandboxError(`invalid sandbox knob ${path}: ${problem}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function number(value: unknown, path: string, min: number, max = Number.POSITIVE_INFINITY): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(path, `expected a number between ${min} and ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function msTable(value: unknown, path: string): Record<string, number> {
  if (!isRecord(value)) fail(path, 'expected an object of operation → milliseconds');
  const out: Record<string, number> = {};
  for (const [key, ms] of Object.entries(value)) out[key] = number(ms, `${path}.${key}`, 0);
  return out;
}

function faultRule(value: unknown, path: string): FaultRule {
  if (!isRecord(value)) fail(path, 'expected an object');
  const { operation, kind, probability, accountId, permissionSetName, remaining } = value;
  if (typeof operation !== 'string' || operation === '') fail(`${path}.operation`, 'expected an operation name or *');
  if (!FAULT_KINDS.includes(kind as FaultKind)) fail(`${path}.kind`, `expected one of ${FAULT_KINDS.join(', ')}`);
  const rule: FaultRule = {
    operation,
    kind: kind as FaultKind,
    probability: number(probability, `${path}.probability`, 0, 1),
  };
  if (accountId !== undefined) {
    if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId)) fail(`${path}.accountId`, 'expected 12 digits');
    rule.accountId = accountId;
  }
  if (permissionSetName !== undefined) {
    if (typeof permissionSetName !== 'string') fail(`${path}.permissionSetName`, 'expected a string');
    rule.permissionSetName = permissionSetName;
  }
  if (remaining !== undefined) rule.remaining = Math.floor(number(remaining, `${path}.remaining`, 0));
  return rule;
}

function denialRule(value: unknown, path: string): DenialRule {
  if (typeof value === 'string') return denialRule({ action: value }, path);
  if (!isRecord(value)) fail(path, 'expected an object { action, accountId? } or an action string');
  const { action, accountId } = value;
  if (typeof action !== 'string' || !(action === '*' || /^[a-z-]+:[A-Za-z*]+$/.test(action))) {
    fail(`${path}.action`, 'expected an IAM action such as sso:ListInstances, sso:* or *');
  }
  const rule: DenialRule = { action };
  if (accountId !== undefined) {
    if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId)) fail(`${path}.accountId`, 'expected 12 digits');
    rule.accountId = accountId;
  }
  return rule;
}

/**
 * Applies a patch to knobs (defaults when `base` is absent), validating every value.
 * Throws SandboxError naming the bad knob.
 */
export function applyKnobs(patch: unknown, base: SandboxKnobs = DEFAULT_KNOBS): SandboxKnobs {
  if (patch === undefined || patch === null) return structuredClone(base);
  if (!isRecord(patch)) fail('knobs', 'expected an object');
  const out = structuredClone(base);
  const known = new Set(Object.keys(DEFAULT_KNOBS));
  for (const key of Object.keys(patch)) if (!known.has(key)) fail(key, 'unknown knob');

  if (patch.seed !== undefined) out.seed = Math.floor(number(patch.seed, 'seed', 0, 0xffff_ffff));
  if (patch.latencyMs !== undefined) {
    const v = patch.latencyMs;
    if (typeof v === 'number') out.latencyMs = { default: number(v, 'latencyMs', 0), perOperation: {} };
    else if (isRecord(v)) {
      if (v.default !== undefined) out.latencyMs.default = number(v.default, 'latencyMs.default', 0);
      if (v.perOperation !== undefined) out.latencyMs.perOperation = msTable(v.perOperation, 'latencyMs.perOperation');
    } else fail('latencyMs', 'expected milliseconds or { default, perOperation }');
  }
  if (patch.completionDelayMs !== undefined) {
    const v = patch.completionDelayMs;
    if (typeof v === 'number') {
      out.completionDelayMs = { default: number(v, 'completionDelayMs', 0), perOperation: {}, jitter: 0 };
    } else if (isRecord(v)) {
      const c = out.completionDelayMs;
      if (v.default !== undefined) c.default = number(v.default, 'completionDelayMs.default', 0);
      if (v.perOperation !== undefined) c.perOperation = msTable(v.perOperation, 'completionDelayMs.perOperation');
      if (v.jitter !== undefined) c.jitter = number(v.jitter, 'completionDelayMs.jitter', 0, 1);
    } else fail('completionDelayMs', 'expected milliseconds or { default, perOperation, jitter }');
  }
  if (patch.rateLimits !== undefined) {
    const v = patch.rateLimits;
    if (typeof v === 'boolean') out.rateLimits = { enabled: v, scale: out.rateLimits.scale };
    else if (isRecord(v)) {
      if (v.enabled !== undefined) {
        if (typeof v.enabled !== 'boolean') fail('rateLimits.enabled', 'expected true or false');
        out.rateLimits.enabled = v.enabled;
      }
      if (v.scale !== undefined) out.rateLimits.scale = number(v.scale, 'rateLimits.scale', 0.001, 1_000_000);
    } else fail('rateLimits', 'expected true, false or { enabled, scale }');
  }
  if (patch.faults !== undefined) {
    if (!Array.isArray(patch.faults)) fail('faults', 'expected a list');
    out.faults = patch.faults.map((f, i) => faultRule(f, `faults[${i}]`));
  }
  if (patch.denials !== undefined) {
    if (!Array.isArray(patch.denials)) fail('denials', 'expected a list');
    out.denials = patch.denials.map((d, i) => denialRule(d, `denials[${i}]`));
  }
  if (patch.organizationsEmptyPageProbability !== undefined) {
    // Strictly below 1, or a paginator would never reach the end.
    out.organizationsEmptyPageProbability = number(
      patch.organizationsEmptyPageProbability,
      'organizationsEmptyPageProbability',
      0,
      0.99,
    );
  }
  if (patch.identityStoreVisibilityLagMs !== undefined) {
    out.identityStoreVisibilityLagMs = number(patch.identityStoreVisibilityLagMs, 'identityStoreVisibilityLagMs', 0);
  }
  if (patch.recordCallsInState !== undefined) {
    if (typeof patch.recordCallsInState !== 'boolean') fail('recordCallsInState', 'expected true or false');
    out.recordCallsInState = patch.recordCallsInState;
  }
  if (patch.variants !== undefined) out.variants = variants(patch.variants, out.variants ?? DEFAULT_VARIANTS);
  return out;
}

function oneOf<T>(value: unknown, path: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) fail(path, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  return value as T;
}

function variants(value: unknown, base: AwsVariants): AwsVariants {
  if (!isRecord(value)) fail('variants', 'expected an object');
  const out: AwsVariants = { ...base };
  for (const [key, v] of Object.entries(value)) {
    const path = `variants.${key}`;
    switch (key) {
      case 'ssoThrottlingStatus':
        out.ssoThrottlingStatus = oneOf(v, path, [429, 400] as const);
        break;
      case 'errorNames':
        out.errorNames = oneOf(v, path, ['suffixed', 'bare'] as const);
        break;
      case 'concurrencyLimitError':
        out.concurrencyLimitError = oneOf(v, path, ['throttling', 'conflict'] as const);
        break;
      case 'describeInstanceEncryption':
        out.describeInstanceEncryption = oneOf(v, path, ['present', 'absent'] as const);
        break;
      case 'principalScanGroupRows':
        out.principalScanGroupRows = oneOf(v, path, ['none', 'as-group', 'as-user'] as const);
        break;
      case 'deprovisioningMs':
        out.deprovisioningMs = number(v, path, 0);
        break;
      default:
        fail(path, 'unknown variant');
    }
  }
  return out;
}

/** The latency of one call. */
export function latencyFor(knobs: SandboxKnobs, service: string, operation: string): number {
  const table = knobs.latencyMs.perOperation;
  return table[`${service}:${operation}`] ?? table[operation] ?? knobs.latencyMs.default;
}

/** The nominal completion delay of one asynchronous operation, before scale and jitter. */
export function completionDelayFor(knobs: SandboxKnobs, service: string, operation: string): number {
  const table = knobs.completionDelayMs.perOperation;
  return table[`${service}:${operation}`] ?? table[operation] ?? knobs.completionDelayMs.default;
}

/** Whether a fault or denial pattern (`Op`, `service:Op`, `service:*`, `*`) matches a call. */
export function operationMatches(pattern: string, service: string, operation: string): boolean {
  if (pattern === '*' || pattern === operation || pattern === `${service}:${operation}`) return true;
  return pattern === `${service}:*`;
}
