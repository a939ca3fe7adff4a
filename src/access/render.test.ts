import { describe, expect, test } from 'vitest';
import type { AccessEntry, AccessView } from './model.js';
import { renderOnboarding } from './onboarding.js';
import { renderAccessCsv } from './render-csv.js';
import { renderAccessHtml } from './render-html.js';
import { renderAccessJson } from './render-json.js';
import { renderAccessText } from './render-text.js';

const entry = (
  fields: Partial<AccessEntry> & Pick<AccessEntry, 'userName' | 'accountId' | 'accountName' | 'permissionSet'>,
): AccessEntry => ({
  displayName: fields.userName,
  userKey: fields.userName,
  accountState: 'ACTIVE',
  via: 'direct',
  admin: false,
  ...fields,
});

const VIEW: AccessView = {
  source: 'live',
  entries: [
    entry({
      userName: 'ada',
      displayName: 'Ada Lovelace',
      accountId: '111111111111',
      accountName: 'management',
      permissionSet: 'Admin',
      admin: true,
      via: 'group',
      group: 'Founders',
    }),
    entry({
      userName: 'ada',
      displayName: 'Ada Lovelace',
      accountId: '222222222222',
      accountName: 'prod',
      permissionSet: 'ReadOnly',
    }),
    entry({
      userName: 'bob',
      displayName: 'Bob, "the builder"',
      accountId: '222222222222',
      accountName: 'prod',
      permissionSet: 'ReadOnly',
      via: 'group',
      group: 'Eng',
    }),
    entry({
      userName: 'bob',
      displayName: 'Bob, "the builder"',
      accountId: '333333333333',
      accountName: 'legacy',
      accountState: 'SUSPENDED',
      permissionSet: 'ReadOnly',
    }),
  ],
  users: [
    { userName: 'ada', displayName: 'Ada Lovelace', userKey: 'ada' },
    { userName: 'bob', displayName: 'Bob, "the builder"', userKey: 'bob' },
  ],
  portalUrl: 'https://d-1111111111.awsapps.com/start',
  identityCenterRegion: 'eu-west-1',
  externalIdentitySource: false,
  ssoSessionName: 'gatehouse',
};

describe('text', () => {
  test('grouped per person, aligned, admin and inactive accounts marked, a summary line', () => {
    expect(renderAccessText(VIEW)).toBe(
      [
        'ada (Ada Lovelace)',
        '  management          111111111111  Admin [admin]  via group Founders',
        '  prod                222222222222  ReadOnly       direct',
        '',
        'bob (Bob, "the builder")',
        '  prod                222222222222  ReadOnly       via group Eng',
        '  legacy (suspended)  333333333333  ReadOnly       direct',
        '',
        '2 people can reach 3 accounts (live state); 1 person with administrator access.',
        '',
      ].join('\n'),
    );
  });

  test('nobody; and names cannot smuggle terminal escapes', () => {
    expect(renderAccessText({ ...VIEW, entries: [] })).toBe('Nobody has access to any account (live state).\n');
    const [first] = VIEW.users;
    expect(first).toBeDefined();
    expect(renderAccessText({ ...VIEW, users: [first!], entries: [] })).toBe(
      `${first!.userName} has no access to any account (live state).\n`,
    );
    const hostile = {
      ...VIEW,
      entries: [entry({ userName: 'x\u001b[2Jy', accountId: '1', accountName: 'a\u0007', permissionSet: 'P' })],
    };
    const controls = [...renderAccessText(hostile)].filter((c) => c !== '\n' && (c.codePointAt(0) ?? 0) < 0x20);
    expect(controls).toEqual([]);
    expect(renderAccessText(hostile)).toContain('x\\x1b[2Jy');
  });
});

describe('csv', () => {
  test('RFC 4180: header, CRLF, quoting of commas and quotes', () => {
    expect(renderAccessCsv(VIEW)).toBe(
      [
        'user_name,display_name,account_id,account_name,account_state,permission_set,via,group,admin',
        'ada,Ada Lovelace,111111111111,management,ACTIVE,Admin,group,Founders,true',
        'ada,Ada Lovelace,222222222222,prod,ACTIVE,ReadOnly,direct,,false',
        'bob,"Bob, ""the builder""",222222222222,prod,ACTIVE,ReadOnly,group,Eng,false',
        'bob,"Bob, ""the builder""",333333333333,legacy,SUSPENDED,ReadOnly,direct,,false',
        '',
      ].join('\r\n'),
    );
  });

  test('cells that a spreadsheet would run as formulas are neutralised; line breaks are quoted', () => {
    const csv = renderAccessCsv({
      ...VIEW,
      entries: [
        entry({
          userName: '=cmd|calc',
          displayName: 'two\nlines',
          accountId: '1',
          accountName: '@SUM(A1)',
          permissionSet: 'P',
        }),
      ],
    });
    expect(csv.split('\r\n')[1]).toBe(`'=cmd|calc,"two\nlines",1,'@SUM(A1),ACTIVE,P,direct,,false`);
  });
});

describe('json', () => {
  test('versioned, fixed key order, null for absent group', () => {
    const doc = JSON.parse(renderAccessJson(VIEW));
    expect(doc.format).toBe('gatehouse-access');
    expect(doc.formatVersion).toBe(1);
    expect(doc.source).toBe('live');
    expect(doc.portalUrl).toBe('https://d-1111111111.awsapps.com/start');
    expect(Object.keys(doc.entries[1])).toEqual([
      'userName',
      'displayName',
      'userKey',
      'accountId',
      'accountName',
      'accountState',
      'permissionSet',
      'via',
      'group',
      'admin',
    ]);
    expect(doc.entries[1].group).toBeNull();
    expect(renderAccessJson(VIEW)).toBe(renderAccessJson(structuredClone(VIEW)));
  });
});

describe('html', () => {
  const html = renderAccessHtml(VIEW);

  test('self-contained: inline CSS, no scripts, no external resources', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|@import|url\(/i);
  });

  test('a matrix people × accounts; admin cells marked; text escaped', () => {
    expect(html.match(/<th scope="col">/g)).toHaveLength(4); // Person + 3 accounts
    expect(html.match(/<th scope="row">/g)).toHaveLength(2);
    expect(html.match(/<td class="admin">/g)).toHaveLength(1);
    expect(html).toContain('Bob, &quot;the builder&quot;');
    const hostile = renderAccessHtml({
      ...VIEW,
      entries: [
        entry({ userName: '<img src=x onerror=alert(1)>', accountId: '1', accountName: 'a', permissionSet: 'P' }),
      ],
    });
    expect(hostile).not.toContain('<img');
    expect(hostile).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('onboarding note', () => {
  test('portal URL, user name, accounts with roles, first sign-in with the OTP setting, MFA, CLI profiles', () => {
    const note = renderOnboarding(VIEW, VIEW.users[0]!);
    expect(note).toContain('Welcome to AWS, Ada Lovelace!');
    expect(note).toContain('AWS access portal:  https://d-1111111111.awsapps.com/start');
    expect(note).toContain('Your user name:     ada');
    expect(note).toContain('  management (111111111111)  Admin (administrator)');
    expect(note).toContain('  prod (222222222222)        ReadOnly');
    expect(note).toContain('"Send email OTP for users created from');
    expect(note).toContain('Generate a one-time password');
    expect(note).toMatch(/Register your MFA device/);
    expect(note).toContain('gatehouse profiles --user ada --write');
    expect(note).toContain('aws sso login --sso-session gatehouse');
  });

  test('a custom portal URL; an inactive account is flagged; a person without access is told so', () => {
    const custom = { ...VIEW, portalUrl: 'https://acme.awsapps.com/start' };
    const bob = renderOnboarding(custom, VIEW.users[1]!);
    expect(bob).toContain('AWS access portal:  https://acme.awsapps.com/start');
    expect(bob).toContain('legacy (333333333333) [suspended: not usable]');
    const none = renderOnboarding(
      { ...VIEW, entries: [] },
      { userName: 'new', displayName: 'New Person', userKey: 'new' },
    );
    expect(none).toContain('You have no AWS accounts yet');
  });

  test('with an external identity provider: sign in there, MFA there', () => {
    const note = renderOnboarding({ ...VIEW, externalIdentitySource: true }, VIEW.users[0]!);
    expect(note).toContain('sign in with your usual work account');
    expect(note).not.toContain('Send email OTP');
  });
});
