import type { RetryErrorInfo } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../util/clock.js';
import {
  ClockRateLimiter,
  ClockRetryStrategy,
  outerRetryDelay,
  outerRetryReason,
  RETRY_BUDGET,
  type RetrySettings,
  readRetrySettings,
  SDK_RETRY,
} from './retry.js';

const throttle: RetryErrorInfo = {
  errorType: 'THROTTLING',
  error: Object.assign(new Error('slow down'), {
    name: 'ThrottlingException',
    $metadata: {},
  }) as unknown as RetryErrorInfo['error'],
};
const transient = { errorType: 'TRANSIENT' as const };
const clientError = { errorType: 'CLIENT_ERROR' as const };
const serverError = { errorType: 'SERVER_ERROR' as const };

function strategy(
  clock: VirtualClock,
  settings: RetrySettings = { maxAttempts: 3, mode: 'standard' },
  events: unknown[] = [],
) {
  return new ClockRetryStrategy({
    clock,
    random: () => 0.5,
    settings: async () => settings,
    onRetry: (e) => events.push(e),
  });
}

describe('ClockRetryStrategy', () => {
  it('sleeps the SDK backoff on the clock and hands the SDK a zero delay', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    const events: { delayMs: number; attempt: number }[] = [];
    const s = strategy(clock, { maxAttempts: 3, mode: 'standard' }, events);
    const first = await s.acquireInitialRetryToken('');
    const second = await s.refreshRetryTokenForRetry(first, throttle);
    expect(second.getRetryDelay()).toBe(0);
    expect(second.getRetryCount()).toBe(1);
    // Full jitter at 0.5 of the 1 s throttling base.
    expect(clock.now() - start).toBe(500);
    const third = await s.refreshRetryTokenForRetry(second, throttle);
    expect(clock.now() - start).toBe(500 + 1000);
    expect(third.getRetryCount()).toBe(2);
    expect(events.map((e) => [e.attempt, e.delayMs])).toEqual([
      [2, 500],
      [3, 1000],
    ]);
  });

  it('stops at max attempts', async () => {
    const s = strategy(new VirtualClock(), { maxAttempts: 2, mode: 'standard' });
    const token = await s.refreshRetryTokenForRetry(await s.acquireInitialRetryToken(''), transient);
    await expect(s.refreshRetryTokenForRetry(token, transient)).rejects.toThrow(/No retry token/);
  });

  it('never retries client errors or non-transient server errors', async () => {
    const s = strategy(new VirtualClock(), { maxAttempts: 10, mode: 'standard' });
    const token = await s.acquireInitialRetryToken('');
    await expect(s.refreshRetryTokenForRetry(token, clientError)).rejects.toThrow();
    await expect(s.refreshRetryTokenForRetry(token, serverError)).rejects.toThrow();
    expect(s.retryCapacity).toBe(SDK_RETRY.initialCapacity);
  });

  it('spends the retry quota like the SDK (5 per throttle, 14 otherwise) and refunds on success', async () => {
    const s = strategy(new VirtualClock(), { maxAttempts: 1000, mode: 'standard' });
    let token = await s.acquireInitialRetryToken('');
    for (let i = 0; i < 100; i++) token = await s.refreshRetryTokenForRetry(token, throttle);
    expect(s.retryCapacity).toBe(0);
    // The quota is gone: a storm that outlasts it is left to gatehouse's own layer.
    await expect(s.refreshRetryTokenForRetry(token, throttle)).rejects.toThrow();
    s.recordSuccess(token);
    expect(s.retryCapacity).toBe(5);
    const fresh = await s.acquireInitialRetryToken('');
    s.recordSuccess(fresh);
    expect(s.retryCapacity).toBe(6);
  });

  it('adaptive mode turns on the client rate limiter after throttling', async () => {
    const clock = new VirtualClock();
    const s = strategy(clock, { maxAttempts: 5, mode: 'adaptive' });
    expect(s.rateLimiter.isEnabled).toBe(false);
    const token = await s.acquireInitialRetryToken('');
    await s.refreshRetryTokenForRetry(token, throttle);
    expect(s.rateLimiter.isEnabled).toBe(true);
  });
});

describe('ClockRateLimiter', () => {
  it('slows sends down on the clock once throttled', async () => {
    const clock = new VirtualClock();
    const limiter = new ClockRateLimiter(clock);
    await limiter.getSendToken();
    limiter.updateClientSendingRate(true);
    const start = clock.now();
    for (let i = 0; i < 3; i++) await limiter.getSendToken();
    // At the minimum fill rate (0.5/s) three sends need several virtual seconds.
    expect(clock.now() - start).toBeGreaterThanOrEqual(4000);
    expect(limiter.currentFillRate).toBe(0.5);
  });
});

describe('readRetrySettings', () => {
  it('reads the client config providers and defaults bad values', async () => {
    expect(await readRetrySettings({ maxAttempts: async () => 7, retryMode: async () => 'adaptive' })).toEqual({
      maxAttempts: 7,
      mode: 'adaptive',
    });
    expect(await readRetrySettings({ maxAttempts: 'x', retryMode: 'legacy' })).toEqual({
      maxAttempts: 3,
      mode: 'standard',
    });
  });
});

describe('outer retry budget', () => {
  it('retries throttling, transient failures and transient conflicts only', () => {
    expect(outerRetryReason({ kind: 'throttled', retryable: true })).toBe('throttled');
    expect(outerRetryReason({ kind: 'service', retryable: true })).toBe('transient');
    expect(outerRetryReason({ kind: 'network', retryable: true })).toBe('transient');
    expect(outerRetryReason({ kind: 'conflict', retryable: true })).toBe('conflict');
    expect(outerRetryReason({ kind: 'conflict', retryable: false })).toBeUndefined();
    for (const kind of ['access-denied', 'validation', 'not-found', 'credentials-expired'] as const) {
      expect(outerRetryReason({ kind, retryable: false })).toBeUndefined();
    }
  });

  it('backs off exponentially with jitter, capped, and stops when the budget is spent', () => {
    const high = () => 0.999999;
    const delays = Array.from({ length: RETRY_BUDGET.throttled.retries }, (_, i) =>
      outerRetryDelay('throttled', i, high),
    );
    expect(delays).toEqual([2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
    expect(outerRetryDelay('throttled', RETRY_BUDGET.throttled.retries, high)).toBeUndefined();
    // Jitter keeps at least half of the step.
    expect(outerRetryDelay('throttled', 0, () => 0)).toBe(1000);
    expect(outerRetryDelay('conflict', 6, high)).toBeUndefined();
  });
});
