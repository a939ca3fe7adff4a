/**
 * @module Retries in two layers, both on a `Clock`.
 *
 * 1. Inside the SDK: `ClockRetryStrategy` is the client's `retryStrategy`. It keeps the SDK's
 *    retry loop, classification and budget (standard mode: 500-token retry quota, throttling costs
 *    5 and other retries 14, full-jitter exponential backoff from 1 s for throttling and 50 ms
 *    otherwise, at most 20 s; adaptive mode adds the client-side CUBIC rate limiter) and honours
 *    AWS_MAX_ATTEMPTS / AWS_RETRY_MODE (and the profile's `max_attempts` / `retry_mode`) through the
 *    client's own config. It sleeps on the clock and hands the SDK a zero delay, so a virtual clock
 *    makes retries instant and deterministic.
 * 2. Above the SDK (`outerRetryDelay`): what outlasts the SDK's attempts. Throttling is retried
 *    with jittered exponential backoff within `RETRY_BUDGET`, then given up as `throttled`;
 *    transient failures (5xx, connection resets, timeouts) a few times; a ConflictException only
 *    when the caller declared it transient and AWS's message is not a known permanent one.
 *    Validation, not found, access denied and permanent conflicts are never retried.
 */

import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import type { Clock } from '../util/clock.js';
import type { AwsErrorClassification } from './errors.js';

/** The SDK's standard-mode constants (`@smithy/core` retry, 2026 configuration). */
export const SDK_RETRY = {
  initialCapacity: 500,
  throttlingCost: 5,
  otherCost: 14,
  successRefund: 1,
  throttlingBaseMs: 1000,
  baseMs: 50,
  maxDelayMs: 20_000,
} as const;

export type RetryMode = 'standard' | 'adaptive';

export interface RetrySettings {
  maxAttempts: number;
  mode: RetryMode;
}

/** Told about every retry the SDK layer is about to make (for debug logs). */
export type SdkRetryListener = (event: {
  error: unknown;
  errorType: RetryErrorInfo['errorType'];
  /** The attempt about to be made (2 for the first retry). */
  attempt: number;
  maxAttempts: number;
  delayMs: number;
}) => void;

class ClockRetryToken implements RetryToken {
  readonly $retryLog: { acquisitionDelay: number };
  private readonly count: number;
  private readonly cost: number | undefined;
  constructor(count: number, cost: number | undefined, delayMs: number) {
    this.count = count;
    this.cost = cost;
    this.$retryLog = { acquisitionDelay: delayMs };
  }
  getRetryCount(): number {
    return this.count;
  }
  /** Always 0: the delay was already slept on the clock. */
  getRetryDelay(): number {
    return 0;
  }
  getRetryCost(): number | undefined {
    return this.cost;
  }
}

/**
 * The SDK's adaptive-mode client rate limiter (CUBIC, as in `DefaultRateLimiter`) on a clock.
 * Disabled until the first throttling response, like the SDK's.
 */
export class ClockRateLimiter {
  private readonly clock: Clock;
  private readonly beta = 0.7;
  private readonly minCapacity = 1;
  private readonly minFillRate = 0.5;
  private readonly scaleConstant = 0.4;
  private readonly smooth = 0.8;
  private enabled = false;
  private availableTokens = 0;
  private lastMaxRate = 0;
  private measuredTxRate = 0;
  private requestCount = 0;
  private fillRate: number;
  private lastThrottleTime: number;
  private lastTimestamp = 0;
  private lastTxRateBucket: number;
  private maxCapacity: number;
  private timeWindow = 0;

  constructor(clock: Clock) {
    this.clock = clock;
    this.lastThrottleTime = this.seconds();
    this.lastTxRateBucket = Math.floor(this.seconds());
    this.fillRate = this.minFillRate;
    this.maxCapacity = this.minCapacity;
  }

  private seconds(): number {
    return this.clock.now() / 1000;
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  get currentFillRate(): number {
    return this.fillRate;
  }

  async getSendToken(): Promise<void> {
    if (!this.enabled) return;
    this.refill();
    while (this.availableTokens < 1) {
      await this.clock.sleep(((1 - this.availableTokens) / this.fillRate) * 1000);
      this.refill();
    }
    this.availableTokens -= 1;
  }

  updateClientSendingRate(throttled: boolean): void {
    this.updateMeasuredRate();
    let rate: number;
    if (throttled) {
      const rateToUse = this.enabled ? Math.min(this.measuredTxRate, this.fillRate) : this.measuredTxRate;
      this.lastMaxRate = rateToUse;
      this.timeWindow = precise(((this.lastMaxRate * (1 - this.beta)) / this.scaleConstant) ** (1 / 3));
      this.lastThrottleTime = this.seconds();
      rate = precise(rateToUse * this.beta);
      this.enabled = true;
    } else {
      this.timeWindow = precise(((this.lastMaxRate * (1 - this.beta)) / this.scaleConstant) ** (1 / 3));
      rate = precise(
        this.scaleConstant * (this.seconds() - this.lastThrottleTime - this.timeWindow) ** 3 + this.lastMaxRate,
      );
    }
    const newRate = Math.min(rate, 2 * this.measuredTxRate);
    this.refill();
    this.fillRate = Math.max(newRate, this.minFillRate);
    this.maxCapacity = Math.max(newRate, this.minCapacity);
    this.availableTokens = Math.min(this.availableTokens, this.maxCapacity);
  }

  private refill(): void {
    const now = this.seconds();
    if (!this.lastTimestamp) {
      this.lastTimestamp = now;
      return;
    }
    this.availableTokens = Math.min(
      this.maxCapacity,
      this.availableTokens + (now - this.lastTimestamp) * this.fillRate,
    );
    this.lastTimestamp = now;
  }

  private updateMeasuredRate(): void {
    const bucket = Math.floor(this.seconds() * 2) / 2;
    this.requestCount++;
    if (bucket > this.lastTxRateBucket) {
      const currentRate = this.requestCount / (bucket - this.lastTxRateBucket);
      this.measuredTxRate = precise(currentRate * this.smooth + this.measuredTxRate * (1 - this.smooth));
      this.requestCount = 0;
      this.lastTxRateBucket = bucket;
    }
  }
}

function precise(n: number): number {
  return Number.parseFloat(n.toFixed(8));
}

export interface ClockRetryStrategyOptions {
  clock: Clock;
  /** [0, 1) source for jitter; seeded in tests. */
  random: () => number;
  /** Resolves the client's max attempts and retry mode (env, profile, explicit config). */
  settings: () => Promise<RetrySettings>;
  onRetry?: SdkRetryListener;
}

/** The SDK's retry strategy (standard or adaptive), sleeping on a clock. One per client. */
export class ClockRetryStrategy implements RetryStrategyV2 {
  private readonly options: ClockRetryStrategyOptions;
  private resolved?: RetrySettings;
  private capacity: number = SDK_RETRY.initialCapacity;
  readonly rateLimiter: ClockRateLimiter;

  constructor(options: ClockRetryStrategyOptions) {
    this.options = options;
    this.rateLimiter = new ClockRateLimiter(options.clock);
  }

  private async settings(): Promise<RetrySettings> {
    this.resolved ??= await this.options.settings();
    return this.resolved;
  }

  /** Remaining retry quota (the SDK's token bucket). */
  get retryCapacity(): number {
    return this.capacity;
  }

  async acquireInitialRetryToken(_scope: string): Promise<RetryToken> {
    const { mode } = await this.settings();
    if (mode === 'adaptive') await this.rateLimiter.getSendToken();
    return new ClockRetryToken(0, undefined, 0);
  }

  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const { maxAttempts, mode } = await this.settings();
    const throttling = info.errorType === 'THROTTLING';
    if (mode === 'adaptive') this.rateLimiter.updateClientSendingRate(throttling);
    const retryable = throttling || info.errorType === 'TRANSIENT';
    const count = token.getRetryCount();
    const cost = throttling ? SDK_RETRY.throttlingCost : SDK_RETRY.otherCost;
    if (!retryable || count + 1 >= maxAttempts || this.capacity < cost) {
      throw new Error('No retry token available');
    }
    this.capacity -= cost;
    const base = throttling ? SDK_RETRY.throttlingBaseMs : SDK_RETRY.baseMs;
    let delayMs = Math.floor(this.options.random() * Math.min(base * 2 ** count, SDK_RETRY.maxDelayMs));
    if (info.retryAfterHint instanceof Date) {
      // Retry-After is absolute wall time; honour it as the SDK does (at most 5 s beyond the backoff).
      const hinted = info.retryAfterHint.getTime() - Date.now();
      delayMs = Math.max(delayMs, Math.min(hinted, delayMs + 5000));
    }
    this.options.onRetry?.({
      error: info.error,
      errorType: info.errorType,
      attempt: count + 2,
      maxAttempts,
      delayMs,
    });
    await this.options.clock.sleep(delayMs);
    if (mode === 'adaptive') await this.rateLimiter.getSendToken();
    return new ClockRetryToken(count + 1, cost, delayMs);
  }

  recordSuccess(token: RetryToken): void {
    const cost = (token as Partial<ClockRetryToken>).getRetryCost?.();
    this.capacity = Math.min(SDK_RETRY.initialCapacity, this.capacity + (cost ?? SDK_RETRY.successRefund));
    if (this.resolved?.mode === 'adaptive') this.rateLimiter.updateClientSendingRate(false);
  }
}

/** Reads max attempts and retry mode the way the SDK client resolved them (env, profile, config). */
export async function readRetrySettings(config: {
  maxAttempts?: unknown;
  retryMode?: unknown;
}): Promise<RetrySettings> {
  const resolve = async (value: unknown): Promise<unknown> => (typeof value === 'function' ? await value() : value);
  const attempts = Number(await resolve(config.maxAttempts));
  const mode = await resolve(config.retryMode);
  return {
    maxAttempts: Number.isFinite(attempts) && attempts >= 1 ? Math.floor(attempts) : 3,
    mode: mode === 'adaptive' ? 'adaptive' : 'standard',
  };
}

/**
 * The budget of the layer above the SDK (each round is itself up to `maxAttempts` SDK attempts).
 * Throttling: up to 8 more rounds, waiting 2, 4, 8, 16, 30, 30, 30, 30 s (each jittered to
 * 50–100 %), at most ≈ 2.5 minutes, then the call fails as `throttled`. Transient failures: 2 more
 * rounds after 1 and 2 s. Transient conflicts: 6 more rounds after 1, 2, 4, 8, 16, 16 s.
 */
export const RETRY_BUDGET = {
  throttled: { retries: 8, baseMs: 2000, maxMs: 30_000 },
  transient: { retries: 2, baseMs: 1000, maxMs: 4000 },
  conflict: { retries: 6, baseMs: 1000, maxMs: 16_000 },
} as const;

export type OuterRetryReason = keyof typeof RETRY_BUDGET;

/** Which budget a failure draws on, or undefined when it must not be retried. */
export function outerRetryReason(c: Pick<AwsErrorClassification, 'kind' | 'retryable'>): OuterRetryReason | undefined {
  if (!c.retryable) return undefined;
  switch (c.kind) {
    case 'throttled':
      return 'throttled';
    case 'conflict':
      return 'conflict';
    case 'service':
    case 'network':
      return 'transient';
    default:
      return undefined;
  }
}

/**
 * The delay before the next round, or undefined when the budget is spent. `retriesSoFar` counts
 * earlier rounds for the same reason.
 */
export function outerRetryDelay(
  reason: OuterRetryReason,
  retriesSoFar: number,
  random: () => number,
): number | undefined {
  const budget = RETRY_BUDGET[reason];
  if (retriesSoFar >= budget.retries) return undefined;
  const ceiling = Math.min(budget.maxMs, budget.baseMs * 2 ** retriesSoFar);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
