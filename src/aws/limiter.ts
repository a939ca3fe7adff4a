/**
 * @module Client-side rate limiting on a `Clock`: token buckets that keep gatehouse under AWS's
 * published API rates (scale.md §1, §5), and semaphores for AWS's concurrency limits. Every attempt
 * of every call (retries included) takes a token, so AWS sees at most the configured rate.
 */

import type { Clock } from '../util/clock.js';
import type { ServiceName } from './operations.js';

/** A sustained rate (calls per second) and how many calls may go at once after a quiet period. */
export interface RateLimit {
  rate: number;
  burst: number;
}

/**
 * The limits gatehouse keeps to. Defaults sit just under AWS's published numbers so that other
 * tools sharing the quota still get some; raise them (or `scale`) when AWS Support raised yours.
 */
export interface Limits {
  /** One bucket shared by ALL IAM Identity Center (sso-admin) APIs, per region (AWS: 20 TPS). */
  ssoAdmin: RateLimit;
  /** One bucket per Identity Store API, per region (AWS: 20 TPS per API). */
  identityStorePerApi: RateLimit;
  /** One bucket per Organizations API (AWS: undocumented and low; scale.md §1.3). */
  organizationsPerApi: RateLimit;
  /** Organizations calls in flight at once (field reports: "another request is already in progress"). */
  organizationsConcurrency: number;
  /** IAM, per account (undocumented by AWS). */
  iam: RateLimit;
  /** STS, per account. */
  sts: RateLimit;
  /** Account Management, per account. */
  account: RateLimit;
  /** Multiplies every rate and burst: >1 for raised quotas, <1 to be gentler. */
  scale: number;
  /** Member accounts entered (AssumeRole) at once. */
  assumeRoleConcurrency: number;
  /** Regions probed for an Identity Center instance at once. */
  regionProbeConcurrency: number;
  /** AWS: at most 15 outstanding CreateAccountAssignment (deletes assumed to share the pool). */
  assignmentOperations: number;
  /** AWS: at most 3 concurrent ProvisionPermissionSet. */
  provisioning: number;
}

export const DEFAULT_LIMITS: Limits = {
  ssoAdmin: { rate: 18, burst: 18 },
  identityStorePerApi: { rate: 18, burst: 18 },
  organizationsPerApi: { rate: 4, burst: 4 },
  organizationsConcurrency: 2,
  iam: { rate: 10, burst: 10 },
  sts: { rate: 10, burst: 10 },
  account: { rate: 5, burst: 5 },
  scale: 1,
  assumeRoleConcurrency: 8,
  regionProbeConcurrency: 8,
  assignmentOperations: 15,
  provisioning: 3,
};

export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  for (const key of ['ssoAdmin', 'identityStorePerApi', 'organizationsPerApi', 'iam', 'sts', 'account'] as const) {
    const { rate, burst } = limits[key];
    if (!(rate > 0) || !(burst >= 1)) throw new RangeError(`limits.${key} needs rate > 0 and burst >= 1`);
  }
  if (!(limits.scale > 0)) throw new RangeError('limits.scale must be > 0');
  return limits;
}

/**
 * A token bucket on a clock. `take()` reserves the next free slot and sleeps until it: a caller
 * that finds the bucket empty goes into debt, so waiters are served in arrival order and N calls
 * beyond the burst take exactly N / rate seconds.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly clock: Clock;
  readonly rate: number;
  readonly burst: number;

  constructor(clock: Clock, limit: RateLimit) {
    this.clock = clock;
    this.rate = limit.rate;
    this.burst = limit.burst;
    this.tokens = limit.burst;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
      this.last = now;
    }
  }

  /** Milliseconds a caller arriving now would wait (0 when a token is free). */
  waitTime(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.rate) * 1000;
  }

  async take(signal?: AbortSignal): Promise<void> {
    this.refill();
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    const wait = (-this.tokens / this.rate) * 1000;
    await this.clock.sleep(wait, signal);
  }
}

export type Release = () => void;

/** A counting semaphore with FIFO waiters. `release` is idempotent. */
export class Semaphore {
  private available: number;
  private readonly waiters: (() => void)[] = [];
  readonly limit: number;

  constructor(limit: number) {
    if (!(limit >= 1)) throw new RangeError('a semaphore needs a limit of at least 1');
    this.limit = limit;
    this.available = limit;
  }

  /** Holders right now. */
  get inUse(): number {
    return this.limit - this.available;
  }

  /** Callers waiting for a slot right now. */
  get waiting(): number {
    return this.waiters.length;
  }

  async acquire(): Promise<Release> {
    if (this.available > 0) {
      this.available -= 1;
    } else {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next();
      else this.available += 1;
    };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }
}

/** One semaphore per key (e.g. per account), created on first use. */
export class KeyedSemaphore {
  private readonly byKey = new Map<string, Semaphore>();
  readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  for(key: string): Semaphore {
    let semaphore = this.byKey.get(key);
    if (!semaphore) {
      semaphore = new Semaphore(this.limit);
      this.byKey.set(key, semaphore);
    }
    return semaphore;
  }
}

/**
 * The concurrency limits apply must respect (DESIGN §7). Contract: acquire BEFORE the start call
 * (CreateAccountAssignment, DeleteAccountAssignment, ProvisionPermissionSet, or any write that
 * updates a permission-set role in an account) and release only when the asynchronous status is
 * final (SUCCEEDED or FAILED) or the start call itself failed. Hold `roleUpdate.for(accountId)`
 * together with the pool slot for work that touches a role in that account; take the account
 * slot first, then the pool slot, and release in reverse order, so that no pool slot waits idle
 * behind a busy account.
 */
export interface ApplyConcurrency {
  /** ≤ 15 outstanding account-assignment creations and deletions (one pool). */
  assignmentOperations: Semaphore;
  /** ≤ 3 ProvisionPermissionSet in progress. */
  provisioning: Semaphore;
  /** One permission-set role update per account at a time: `roleUpdate.for(accountId)`. */
  roleUpdate: KeyedSemaphore;
}

export function createApplyConcurrency(limits: Limits): ApplyConcurrency {
  return {
    assignmentOperations: new Semaphore(limits.assignmentOperations),
    provisioning: new Semaphore(limits.provisioning),
    roleUpdate: new KeyedSemaphore(1),
  };
}

/** Where a call goes: the region and whose credentials (the caller's, or a member account's). */
export interface CallScope {
  region: string;
  /** `base` for the signed-in credentials, the account id for an entered member account. */
  principal: string;
}

/**
 * All buckets of one session. Which bucket a call uses follows how AWS counts (scale.md §1):
 * sso-admin shares one per region; Identity Store and Organizations have one per API; IAM, STS
 * and Account one per account.
 */
export class Limiter {
  readonly limits: Limits;
  private readonly clock: Clock;
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly organizationsSlots: Semaphore;

  constructor(clock: Clock, limits: Limits) {
    this.clock = clock;
    this.limits = limits;
    this.organizationsSlots = new Semaphore(limits.organizationsConcurrency);
  }

  /** The bucket key and limit of one call. */
  bucketKey(service: ServiceName, operation: string, scope: CallScope): { key: string; limit: RateLimit } {
    const l = this.limits;
    switch (service) {
      case 'sso-admin':
        return { key: `sso-admin|${scope.region}`, limit: l.ssoAdmin };
      case 'identitystore':
        return { key: `identitystore|${scope.region}|${operation}`, limit: l.identityStorePerApi };
      case 'organizations':
        return { key: `organizations|${operation}`, limit: l.organizationsPerApi };
      case 'iam':
        return { key: `iam|${scope.principal}`, limit: l.iam };
      case 'sts':
        return { key: `sts|${scope.principal}|${scope.region}`, limit: l.sts };
      case 'account':
        return { key: `account|${scope.principal}`, limit: l.account };
    }
  }

  bucket(service: ServiceName, operation: string, scope: CallScope): TokenBucket {
    const { key, limit } = this.bucketKey(service, operation, scope);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const s = this.limits.scale;
      bucket = new TokenBucket(this.clock, { rate: limit.rate * s, burst: Math.max(1, limit.burst * s) });
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /**
   * Waits for this call's turn (rate) and slot (concurrency). Returns the release to call when the
   * attempt is over; the rate token is spent either way.
   */
  async admit(service: ServiceName, operation: string, scope: CallScope, signal?: AbortSignal): Promise<Release> {
    const release = service === 'organizations' ? await this.organizationsSlots.acquire() : () => {};
    try {
      await this.bucket(service, operation, scope).take(signal);
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  /** Organizations calls in flight right now (for tests and progress). */
  get organizationsInFlight(): number {
    return this.organizationsSlots.inUse;
  }
}
