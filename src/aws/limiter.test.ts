import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../util/clock.js';
import { DEFAULT_LIMITS, KeyedSemaphore, Limiter, resolveLimits, Semaphore, TokenBucket } from './limiter.js';

describe('TokenBucket', () => {
  it('lets a burst through at once, then paces N calls to N / rate seconds of virtual time', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    const bucket = new TokenBucket(clock, { rate: 10, burst: 5 });
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        await bucket.take();
        times.push(clock.now() - start);
      }),
    );
    times.sort((a, b) => a - b);
    expect(times.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    // 20 calls beyond the burst at 10/s: the last one goes at 2 s.
    expect(times[24]).toBe(2000);
    // Evenly spaced: one every 100 ms after the burst.
    expect(times.slice(5, 10)).toEqual([100, 200, 300, 400, 500]);
  });

  it('refills while idle, up to the burst only', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(clock, { rate: 2, burst: 3 });
    for (let i = 0; i < 3; i++) await bucket.take();
    expect(bucket.waitTime()).toBe(500);
    clock.advance(60_000);
    expect(bucket.waitTime()).toBe(0);
    const start = clock.now();
    for (let i = 0; i < 4; i++) await bucket.take();
    // Three saved tokens, the fourth waits one interval.
    expect(clock.now() - start).toBe(500);
  });

  it('sustains exactly its rate over a long run', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    const bucket = new TokenBucket(clock, { rate: 18, burst: 18 });
    await Promise.all(Array.from({ length: 18 + 1800 }, () => bucket.take()));
    expect(clock.now() - start).toBe(100_000);
  });
});

describe('Semaphore', () => {
  it('never lets more than its limit in, and serves waiters in order', async () => {
    const clock = new VirtualClock();
    const semaphore = new Semaphore(3);
    let inside = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        semaphore.run(async () => {
          order.push(i);
          inside += 1;
          peak = Math.max(peak, inside);
          await clock.sleep(100);
          inside -= 1;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(semaphore.inUse).toBe(0);
  });

  it('ignores a second release', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    release();
    release();
    expect(semaphore.inUse).toBe(0);
    const a = await semaphore.acquire();
    expect(semaphore.inUse).toBe(1);
    a();
  });

  it('keyed: one slot per key, keys independent', async () => {
    const keyed = new KeyedSemaphore(1);
    const a = await keyed.for('111111111111').acquire();
    const b = await keyed.for('222222222222').acquire();
    expect(keyed.for('111111111111').inUse).toBe(1);
    expect(keyed.for('222222222222').inUse).toBe(1);
    let entered = false;
    const waiting = keyed
      .for('111111111111')
      .acquire()
      .then((r) => {
        entered = true;
        r();
      });
    await Promise.resolve();
    expect(entered).toBe(false);
    a();
    await waiting;
    expect(entered).toBe(true);
    b();
  });
});

describe('Limiter', () => {
  it('shares one bucket between every sso-admin operation of a region', () => {
    const limiter = new Limiter(new VirtualClock(), DEFAULT_LIMITS);
    const scope = { region: 'eu-west-1', principal: 'base' };
    expect(limiter.bucket('sso-admin', 'ListInstances', scope)).toBe(
      limiter.bucket('sso-admin', 'ListAccountAssignments', scope),
    );
    expect(limiter.bucket('sso-admin', 'ListInstances', scope)).not.toBe(
      limiter.bucket('sso-admin', 'ListInstances', { ...scope, region: 'us-east-1' }),
    );
  });

  it('gives every Identity Store and Organizations API its own bucket', () => {
    const limiter = new Limiter(new VirtualClock(), DEFAULT_LIMITS);
    const scope = { region: 'eu-west-1', principal: 'base' };
    expect(limiter.bucket('identitystore', 'ListUsers', scope)).not.toBe(
      limiter.bucket('identitystore', 'ListGroups', scope),
    );
    expect(limiter.bucket('organizations', 'ListRoots', scope)).not.toBe(
      limiter.bucket('organizations', 'ListAccountsForParent', scope),
    );
  });

  it('keeps IAM per account', () => {
    const limiter = new Limiter(new VirtualClock(), DEFAULT_LIMITS);
    expect(limiter.bucket('iam', 'GetAccountSummary', { region: 'us-east-1', principal: 'base' })).not.toBe(
      limiter.bucket('iam', 'GetAccountSummary', { region: 'us-east-1', principal: '222222222222' }),
    );
  });

  it('paces sso-admin at the configured rate scaled by `scale`', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    const limiter = new Limiter(clock, resolveLimits({ ssoAdmin: { rate: 18, burst: 18 }, scale: 2 }));
    const scope = { region: 'eu-west-1', principal: 'base' };
    await Promise.all(
      Array.from({ length: 36 + 360 }, async (_, i) => {
        const release = await limiter.admit('sso-admin', i % 2 ? 'ListInstances' : 'DescribeInstance', scope);
        release();
      }),
    );
    expect(clock.now() - start).toBe(10_000);
  });

  it('holds Organizations to its concurrency cap', async () => {
    const clock = new VirtualClock();
    const limiter = new Limiter(
      clock,
      resolveLimits({ organizationsConcurrency: 2, organizationsPerApi: { rate: 100, burst: 100 } }),
    );
    const scope = { region: 'us-east-1', principal: 'base' };
    let peak = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const release = await limiter.admit('organizations', 'ListAccountsForParent', scope);
        peak = Math.max(peak, limiter.organizationsInFlight);
        await clock.sleep(200);
        release();
      }),
    );
    expect(peak).toBe(2);
  });

  it('rejects nonsense limits', () => {
    expect(() => resolveLimits({ ssoAdmin: { rate: 0, burst: 1 } })).toThrow(/rate > 0/);
    expect(() => resolveLimits({ scale: 0 })).toThrow(/scale/);
  });
});
