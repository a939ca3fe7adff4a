import { describe, expect, it } from 'vitest';
import { rateLimitFor, TokenBuckets } from './rate-limit.js';

describe('token buckets', () => {
  it('start full, refill with time and say how long to wait', () => {
    const buckets = new TokenBuckets();
    const limit = rateLimitFor('sso-admin', 'ListInstances', '111111111111', 'eu-west-1');
    for (let i = 0; i < 20; i++) expect(buckets.take(limit, 1, 0)).toBe(0);
    expect(buckets.take(limit, 1, 0)).toBe(50);
    expect(buckets.take(limit, 1, 49)).toBe(1);
    expect(buckets.take(limit, 1, 50)).toBe(0);
  });

  it('share one sso-admin bucket across APIs but keep identitystore buckets per API', () => {
    expect(rateLimitFor('sso-admin', 'A', '1', 'r').key).toBe(rateLimitFor('sso-admin', 'B', '1', 'r').key);
    expect(rateLimitFor('identitystore', 'A', '1', 'r').key).not.toBe(rateLimitFor('identitystore', 'B', '1', 'r').key);
    expect(rateLimitFor('sso-admin', 'A', '1', 'r').key).not.toBe(rateLimitFor('sso-admin', 'A', '2', 'r').key);
  });

  it('scale rates and bursts', () => {
    const buckets = new TokenBuckets();
    const limit = rateLimitFor('organizations', 'ListRoots', '1', 'us-east-1');
    let ok = 0;
    while (buckets.take(limit, 4, 0) === 0) ok++;
    expect(ok).toBe(20);
  });
});
