import { describe, expect, test } from 'vitest';
import type { AccountTarget } from '../model/desired.js';
import { formatAccountTarget, parseAccountTarget } from './targets.js';

describe('account targets', () => {
  test.each<[string, AccountTarget]>([
    ['123456789012', { kind: 'id', id: '123456789012' }],
    ['012345678901', { kind: 'id', id: '012345678901' }],
    ['management', { kind: 'name', name: 'management' }],
    ['log-archive', { kind: 'name', name: 'log-archive' }],
    ['Production (EU)', { kind: 'name', name: 'Production (EU)' }],
    ['ou:/Workloads', { kind: 'ou', path: '/Workloads' }],
    ['ou:/Workloads/Prod EU', { kind: 'ou', path: '/Workloads/Prod EU' }],
    ['tag:env=prod', { kind: 'tag', key: 'env', value: 'prod' }],
    ['tag:cost-center=', { kind: 'tag', key: 'cost-center', value: '' }],
    ['tag:a=b=c', { kind: 'tag', key: 'a', value: 'b=c' }],
    ['all', { kind: 'all' }],
  ])('%s', (text, target) => {
    expect(parseAccountTarget(text)).toEqual({ ok: true, target });
    expect(formatAccountTarget(target)).toBe(text);
  });

  test.each([
    ['12345678901', 'account id `12345678901` must have exactly 12 digits'],
    ['ou:Workloads', 'an OU path starts at the root: `ou:/Workloads`'],
    ['ou:/', 'an OU path needs at least one OU (`ou:/Workloads`); use `all` for every account'],
    ['ou:/A//B', 'an OU path has an empty segment (`//`)'],
    ['ou:/A/', 'an OU path has no trailing slash: `ou:/A`'],
    ['ou:/ A', 'OU name ` A` is not valid (1–128 characters, no spaces at either end)'],
    ['OU:/A', 'write `ou:` in lower case: `ou:/A`'],
    ['tag:env', 'a tag target is `tag:key=value`, e.g. `tag:env=prod`'],
    ['tag:=prod', 'a tag target is `tag:key=value`, e.g. `tag:env=prod`'],
    ['Tag:env=prod', 'write `tag:` in lower case: `tag:env=prod`'],
    ['tag:env=pr#od', 'tag value `pr#od` is not a valid AWS tag value'],
    [' prod', 'an account name must not start or end with spaces'],
    [
      'x'.repeat(51),
      'must be a 12-digit account id, an account name (1–50 printable ASCII characters), `ou:/Path`, `tag:key=value` or `all`',
    ],
    [
      'prød',
      'must be a 12-digit account id, an account name (1–50 printable ASCII characters), `ou:/Path`, `tag:key=value` or `all`',
    ],
  ])('%s is refused', (text, problem) => {
    expect(parseAccountTarget(text)).toEqual({ ok: false, problem });
  });
});
