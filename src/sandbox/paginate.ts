/**
 * @module Pagination as AWS does it: small default pages, and a token that is present only when
 * another page follows (the SDK paginators stop on a missing token). Tokens are opaque base64 text
 * encoding a position and a fingerprint of the query, so they work across processes and a token
 * from another query or garbage is rejected with the service's error.
 */

import { type SandboxService, SandboxServiceError } from './endpoint.js';
import { organizationsInvalidInput } from './service-errors.js';

/** FNV-1a, 32 bits: a stable fingerprint of the query a token belongs to. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export function encodeToken(scope: string, position: number): string {
  return Buffer.from(`gh1.${fingerprint(scope)}.${position}`, 'utf8').toString('base64');
}

/** The position a token encodes, or null when it is not a token of this query. */
export function decodeToken(scope: string, token: string): number | null {
  const text = Buffer.from(token, 'base64').toString('utf8');
  const match = /^gh1\.([0-9a-f]{8})\.(\d{1,9})$/.exec(text);
  if (!match || match[1] !== fingerprint(scope)) return null;
  return Number(match[2]);
}

function invalidToken(service: SandboxService, tokenName: string): SandboxServiceError {
  switch (service) {
    case 'organizations':
      return organizationsInvalidInput('INVALID_NEXT_TOKEN');
    case 'iam':
      return new SandboxServiceError('InvalidInput', `Invalid ${tokenName}`, 400);
    default:
      return new SandboxServiceError('ValidationException', `Invalid ${tokenName}`, 400);
  }
}

/** Where a page starts and how long it is; validation of the size is the operation's schema's job. */
export interface PageWindow {
  start: number;
  size: number;
}

/** Reads the request's token and page size. `scope` identifies the query (operation plus its filters). */
export function pageWindow(
  service: SandboxService,
  scope: string,
  token: unknown,
  requestedSize: unknown,
  defaultSize: number,
  tokenName = 'NextToken',
): PageWindow {
  let start = 0;
  if (token !== undefined && token !== null && token !== '') {
    const decoded = typeof token === 'string' ? decodeToken(scope, token) : null;
    if (decoded === null) throw invalidToken(service, tokenName);
    start = decoded;
  }
  const size = typeof requestedSize === 'number' && requestedSize > 0 ? requestedSize : defaultSize;
  return { start, size };
}

/** One page of an in-memory list; `next` is null on the last page. */
export function slicePage<T>(items: readonly T[], window: PageWindow): { items: T[]; next: number | null } {
  const end = window.start + window.size;
  return { items: items.slice(window.start, end), next: end < items.length ? end : null };
}

/**
 * One page of a filtered list without filtering all of it: scans from the window's start until the
 * page is full. The returned position is a raw index, so the next call resumes where this one stopped.
 */
export function scanPage<T, R>(
  items: readonly T[],
  window: PageWindow,
  pick: (item: T) => R | undefined,
): { items: R[]; next: number | null } {
  const out: R[] = [];
  let i = window.start;
  for (; i < items.length && out.length < window.size; i++) {
    const value = pick(items[i] as T);
    if (value !== undefined) out.push(value);
  }
  // A full page may be followed only by non-matching items: AWS then returns a final empty page, as here.
  return { items: out, next: i < items.length ? i : null };
}
