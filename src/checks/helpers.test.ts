import { describe, expect, test } from 'vitest';
import { activeKeys, days, daysSince, rootRow as findRootRow, isoDay, userRows } from './credential-report.js';
import { EvidenceError } from './define-check.js';
import { durationHours } from './iso-duration.js';
import { closest } from './suggest.js';
import { daysAgo, NOW, rootRow, userRow } from './test-builders.test-helpers.js';

const nowMs = Date.parse(NOW);

describe('credential report helpers', () => {
  test('rootRow finds the <root_account> row or throws an EvidenceError', () => {
    const report = { generatedTime: NOW, rows: [userRow('a'), rootRow()] };
    expect(findRootRow(report).user).toBe('<root_account>');
    expect(userRows(report).map((r) => r.user)).toEqual(['a']);
    expect(() => findRootRow({ generatedTime: NOW, rows: [userRow('a')] }, '111111111111')).toThrow(EvidenceError);
  });

  test('daysSince counts whole days and ignores missing or unparsable dates', () => {
    expect(daysSince(daysAgo(0), nowMs)).toBe(0);
    expect(daysSince(daysAgo(45), nowMs)).toBe(45);
    expect(daysSince('2026-11-28T11:59:59+00:00', nowMs)).toBe(0);
    expect(daysSince(undefined, nowMs)).toBeUndefined();
    expect(daysSince('N/A', nowMs)).toBeUndefined();
    expect(days(1)).toBe('1 day');
    expect(days(2)).toBe('2 days');
    expect(isoDay('2026-11-28T12:00:00.000Z')).toBe('2026-11-28');
  });

  test('activeKeys lists only active keys with their dates', () => {
    const row = userRow('a', undefined, { accessKey2Active: true, accessKey2LastRotated: daysAgo(3) });
    expect(activeKeys(row)).toEqual([{ slot: 2, lastRotated: daysAgo(3), lastUsed: undefined }]);
  });
});

describe('durationHours', () => {
  test('ISO-8601 PT durations', () => {
    expect(durationHours('PT4H')).toBe(4);
    expect(durationHours('PT1H30M')).toBe(1.5);
    expect(durationHours('PT90M')).toBe(1.5);
    expect(durationHours('PT12H')).toBe(12);
    expect(durationHours('PT')).toBeUndefined();
    expect(durationHours('P1D')).toBeUndefined();
    expect(durationHours('4h')).toBeUndefined();
  });
});

describe('closest', () => {
  test('typos and missing area prefixes find the check; nonsense finds nothing', () => {
    const ids = ['root.mfa-enabled', 'root.hardware-mfa', 'identity-center.mfa-required'];
    expect(closest('root.mfa-enabeld', ids)).toEqual(['root.mfa-enabled']);
    expect(closest('mfa-required', ids)[0]).toBe('identity-center.mfa-required');
    expect(closest('zzzzzzzzzzzz', ids)).toEqual([]);
  });

  test('a prefix of an id comes first', () => {
    const ids = ['root.mfa-enabled', 'root.hardware-mfa', 'identity-center.mfa-required', 'iam.console-users-mfa'];
    expect(closest('root.mfa', ids)[0]).toBe('root.mfa-enabled');
  });
});
