import { describe, expect, it } from 'vitest';
import type { SandboxServiceError } from './endpoint.js';
import { decodeToken, encodeToken, fingerprint, pageWindow, scanPage, slicePage } from './paginate.js';

describe('pagination tokens', () => {
  it('round-trip a position for the same query only', () => {
    const token = encodeToken('ListUsers|d-1', 30);
    expect(token).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(decodeToken('ListUsers|d-1', token)).toBe(30);
    expect(decodeToken('ListUsers|d-2', token)).toBeNull();
    expect(decodeToken('ListUsers|d-1', 'garbage')).toBeNull();
    expect(fingerprint('a')).not.toBe(fingerprint('b'));
  });

  it('rejects a bad token with each service’s error', () => {
    const bad = (service: Parameters<typeof pageWindow>[0]) => {
      try {
        pageWindow(service, 'scope', 'nope', undefined, 10, service === 'iam' ? 'Marker' : 'NextToken');
      } catch (error) {
        return error as SandboxServiceError;
      }
      throw new Error('accepted');
    };
    expect(bad('sso-admin')).toMatchObject({
      code: 'ValidationException',
      httpStatusCode: 400,
      message: 'Invalid NextToken',
    });
    expect(bad('organizations')).toMatchObject({
      code: 'InvalidInputException',
      fields: { Reason: 'INVALID_NEXT_TOKEN' },
    });
    expect(bad('iam')).toMatchObject({ code: 'InvalidInput', message: 'Invalid Marker' });
  });

  it('uses the default size when none is asked for and ends with no next position', () => {
    const items = Array.from({ length: 25 }, (_, i) => i);
    const first = slicePage(items, pageWindow('sso-admin', 's', undefined, undefined, 10));
    expect(first).toEqual({ items: items.slice(0, 10), next: 10 });
    const last = slicePage(items, pageWindow('sso-admin', 's', encodeToken('s', 20), 10, 10));
    expect(last).toEqual({ items: items.slice(20), next: null });
    expect(slicePage(items, { start: 15, size: 10 }).next).toBeNull();
  });

  it('scans filtered lists from a raw position so each page costs what it reads', () => {
    const items = Array.from({ length: 30 }, (_, i) => i);
    const even = (n: number) => (n % 2 === 0 ? n : undefined);
    const first = scanPage(items, { start: 0, size: 5 }, even);
    expect(first).toEqual({ items: [0, 2, 4, 6, 8], next: 9 });
    const rest = scanPage(items, { start: first.next as number, size: 100 }, even);
    expect(rest.items).toEqual([10, 12, 14, 16, 18, 20, 22, 24, 26, 28]);
    expect(rest.next).toBeNull();
  });
});
