/**
 * @module Rate limits as token buckets on the sandbox clock: AWS's published TPS limits (aws-api.md
 * §3.4, scale.md §1) and the assumed ones for services that publish none. Buckets live in memory:
 * each process that opens a state file has its own (see README "Rate limits").
 */

import type { SandboxService } from './endpoint.js';

/** Calls per second and burst (bucket size) of one limit. */
export interface RateLimit {
  /** Which calls share the bucket. */
  key: string;
  perSecond: number;
  burst: number;
}

/**
 * The limit a call counts against. sso-admin: 20/s shared by every Identity Center API (published);
 * identitystore: 20/s per API (published); the rest are assumptions documented in the README.
 */
export function rateLimitFor(service: SandboxService, operation: string, accountId: string, region: string): RateLimit {
  switch (service) {
    case 'sso-admin':
      return { key: `sso-admin|${accountId}|${region}`, perSecond: 20, burst: 20 };
    case 'identitystore':
      return { key: `identitystore|${accountId}|${region}|${operation}`, perSecond: 20, burst: 20 };
    case 'organizations':
      return { key: `organizations|${accountId}|${operation}`, perSecond: 5, burst: 5 };
    case 'iam':
      return { key: `iam|${accountId}`, perSecond: 20, burst: 20 };
    case 'sts':
      return { key: `sts|${accountId}|${region}`, perSecond: 100, burst: 100 };
    case 'account':
      return { key: `account|${accountId}|${operation}`, perSecond: 10, burst: 10 };
  }
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  /**
   * Takes one token at `now` (ms). Returns 0 when the call may proceed, else the milliseconds
   * until a token is available (the call is refused and takes nothing).
   */
  take(limit: RateLimit, scale: number, now: number): number {
    const perSecond = limit.perSecond * scale;
    const capacity = Math.max(1, limit.burst * scale);
    const bucket = this.buckets.get(limit.key) ?? { tokens: capacity, updatedAt: now };
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(capacity, bucket.tokens + (elapsed * perSecond) / 1000);
    bucket.updatedAt = now;
    this.buckets.set(limit.key, bucket);
    if (bucket.tokens >= 1 - 1e-9) {
      bucket.tokens -= 1;
      return 0;
    }
    // The epsilon keeps float noise (0.98 + 0.02 ≠ 1) from adding a millisecond.
    return Math.max(1, Math.ceil(((1 - bucket.tokens) * 1000) / perSecond - 1e-9));
  }

  clear(): void {
    this.buckets.clear();
  }
}
