import { describe, expect, test } from 'vitest';
import type { OrgAccount } from '../model/types.js';
import { accountNaming } from './account-names.js';
import { expandTargets } from './compress.js';
import { universe } from './org.test-helpers.js';

const account = (id: string, name: string, state: OrgAccount['state'] = 'ACTIVE'): OrgAccount => ({
  id,
  name,
  email: '',
  state,
  parentId: 'r-root',
  ouPath: '/',
});

const MGMT = '100000000000';
const ACCOUNTS = [
  account(MGMT, 'root-account'),
  account('100000000001', 'dev'),
  account('100000000002', 'dev'),
  account('100000000003', 'Prod (EU)'),
  account('100000000004', 'all'),
  account('100000000005', 'management'),
  account('100000000006', 'ou:legacy'),
  account('100000000007', '123456789012'),
  account('100000000008', ' padded '),
  account('100000000009', 'dev-0002'),
  account('100000000010', 'old', 'SUSPENDED'),
];

describe('accountNaming', () => {
  test('the management account is `management`; unique ordinary names are used as they are', () => {
    const naming = accountNaming(ACCOUNTS, MGMT);
    expect(naming.targetFor(MGMT)).toBe('management');
    expect(naming.targetFor('100000000003')).toBe('Prod (EU)');
    expect(naming.targetFor('100000000010')).toBe('old');
    expect(naming.aliases()).toEqual({});
  });

  test('shared names and names that read as something else get an alias from the name and the id', () => {
    const naming = accountNaming(ACCOUNTS, MGMT);
    // dev-0002 is a live account name: the alias takes the full id instead.
    expect(naming.targetFor('100000000002')).toBe('dev-100000000002');
    expect(naming.targetFor('100000000001')).toBe('dev-0001');
    expect(naming.targetFor('100000000004')).toBe('all-0004');
    expect(naming.targetFor('100000000005')).toBe('management-0005');
    expect(naming.targetFor('100000000006')).toBe('ou-legacy-0006');
    expect(naming.targetFor('100000000007')).toBe('123456789012-0007');
    expect(naming.targetFor('100000000008')).toBe('padded-0008');
    expect(naming.targetFor('100000000009')).toBe('dev-0002');
    expect(naming.aliases()).toEqual({
      '123456789012-0007': '100000000007',
      'all-0004': '100000000004',
      'dev-0001': '100000000001',
      'dev-100000000002': '100000000002',
      'management-0005': '100000000005',
      'ou-legacy-0006': '100000000006',
      'padded-0008': '100000000008',
    });
  });

  test('every written target resolves to its own account under the plan’s rules', () => {
    const naming = accountNaming(ACCOUNTS, MGMT);
    const targets = ACCOUNTS.map((a) => ({ id: a.id, text: naming.targetFor(a.id) }));
    const u = universe({
      accounts: ACCOUNTS,
      ous: [],
      managementAccountId: MGMT,
      tags: null,
      aliases: naming.aliases(),
    });
    for (const { id, text } of targets) {
      const target =
        text === 'management' || !/^\d{12}$/.test(text)
          ? { kind: 'name' as const, name: text }
          : { kind: 'id' as const, id: text };
      expect([text, expandTargets([target], u)]).toEqual([text, [id]]);
    }
  });

  test('an account outside the organization is written by its id', () => {
    expect(accountNaming(ACCOUNTS, MGMT).targetFor('999999999999')).toBe('999999999999');
  });
});
