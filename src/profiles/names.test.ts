import { describe, expect, test } from 'vitest';
import { assignProfileNames, nameKey, patternProblem, profileName, sanitizeProfileName } from './names.js';

describe('profile names', () => {
  test('the default pattern, sanitised to [A-Za-z0-9._-]', () => {
    expect(
      profileName('{account}-{permissionSet}', {
        accountId: '111111111111',
        accountName: 'Prod (EU)',
        permissionSet: 'Admin',
      }),
    ).toBe('Prod-EU-Admin');
    expect(sanitizeProfileName('--a b/c::d..')).toBe('a-b-c-d');
    expect(
      profileName('{accountId}.{permissionSet}', {
        accountId: '111111111111',
        accountName: 'x',
        permissionSet: 'Read+Only',
      }),
    ).toBe('111111111111.Read-Only');
  });

  test('a name that sanitises to nothing falls back to the account id', () => {
    expect(
      profileName('{account}-{permissionSet}', {
        accountId: '111111111111',
        accountName: '(((',
        permissionSet: 'Admin',
      }),
    ).toBe('111111111111-Admin');
  });

  test('patterns: only known tokens', () => {
    expect(patternProblem('{account}-{permissionSet}')).toBeUndefined();
    expect(patternProblem('{acount}-{permissionSet}')).toMatch(/unknown token \{acount\}/);
    expect(patternProblem(' ')).toMatch(/must not be empty/);
  });

  test('collisions get the account id, then a counter; `default` is never generated; deterministic', () => {
    const items = [
      { accountId: '222222222222', accountName: 'dev', permissionSet: 'Admin' },
      { accountId: '111111111111', accountName: 'dev', permissionSet: 'Admin' },
      { accountId: '333333333333', accountName: 'ops', permissionSet: 'A+B' },
      { accountId: '333333333333', accountName: 'ops', permissionSet: 'A=B' },
      { accountId: '444444444444', accountName: 'default', permissionSet: 'x' },
    ];
    const names = assignProfileNames(items, '{account}-{permissionSet}');
    expect(names.get(nameKey(items[0]!))).toBe('dev-Admin-222222222222');
    expect(names.get(nameKey(items[1]!))).toBe('dev-Admin-111111111111');
    expect(names.get(nameKey(items[2]!))).toBe('ops-A-B-333333333333');
    expect(names.get(nameKey(items[3]!))).toBe('ops-A-B-333333333333-2');
    expect(assignProfileNames(items, '{account}')).toEqual(assignProfileNames([...items].reverse(), '{account}'));
    const onlyAccount = assignProfileNames(items, '{account}');
    expect(onlyAccount.get(nameKey(items[4]!))).toBe('default-444444444444');
    expect(new Set(onlyAccount.values()).size).toBe(items.length);
  });
});
