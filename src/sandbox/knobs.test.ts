import { describe, expect, it } from 'vitest';
import { SandboxError } from '../errors.js';
import { applyKnobs, completionDelayFor, DEFAULT_KNOBS, latencyFor, operationMatches } from './knobs.js';

describe('knobs', () => {
  it('fill defaults, accept short forms and keep the rest of a patched object', () => {
    const knobs = applyKnobs({
      latencyMs: 20,
      rateLimits: false,
      denials: ['sso:*'],
      completionDelayMs: { jitter: 0.5 },
    });
    expect(knobs.latencyMs).toEqual({ default: 20, perOperation: {} });
    expect(knobs.rateLimits).toEqual({ enabled: false, scale: 1 });
    expect(knobs.denials).toEqual([{ action: 'sso:*' }]);
    expect(knobs.completionDelayMs).toEqual({ ...DEFAULT_KNOBS.completionDelayMs, jitter: 0.5 });
    expect(applyKnobs({ seed: 3 }, knobs).latencyMs.default).toBe(20);
  });

  it('resolve per-operation latency and delays by service-qualified name first', () => {
    const knobs = applyKnobs({ latencyMs: { default: 1, perOperation: { ListUsers: 2, 'iam:ListUsers': 3 } } });
    expect(latencyFor(knobs, 'iam', 'ListUsers')).toBe(3);
    expect(latencyFor(knobs, 'identitystore', 'ListUsers')).toBe(2);
    expect(latencyFor(knobs, 'sts', 'GetCallerIdentity')).toBe(1);
    expect(completionDelayFor(DEFAULT_KNOBS, 'sso-admin', 'ProvisionPermissionSet')).toBe(3000);
  });

  it('match operation patterns', () => {
    expect(operationMatches('*', 'iam', 'ListUsers')).toBe(true);
    expect(operationMatches('iam:*', 'iam', 'ListUsers')).toBe(true);
    expect(operationMatches('iam:*', 'identitystore', 'ListUsers')).toBe(false);
    expect(operationMatches('ListUsers', 'identitystore', 'ListUsers')).toBe(true);
  });

  it('reject bad values with a SandboxError naming the knob', () => {
    const bad: [unknown, RegExp][] = [
      [{ faults: [{ operation: '*', kind: 'throttle', probability: 1.5 }] }, /faults\[0\]\.probability/],
      [{ faults: [{ operation: '', kind: 'throttle', probability: 1 }] }, /faults\[0\]\.operation/],
      [{ denials: [{ action: 'not an action' }] }, /denials\[0\]\.action/],
      [{ denials: [{ action: 'sso:X', accountId: '12' }] }, /denials\[0\]\.accountId/],
      [{ rateLimits: { scale: 0 } }, /rateLimits\.scale/],
      [{ completionDelayMs: { perOperation: { X: -1 } } }, /completionDelayMs\.perOperation\.X/],
      [{ wat: 1 }, /knob wat: unknown knob/],
      ['x', /expected an object/],
    ];
    for (const [patch, message] of bad) {
      expect(() => applyKnobs(patch)).toThrow(SandboxError);
      expect(() => applyKnobs(patch)).toThrow(message);
    }
  });
});
