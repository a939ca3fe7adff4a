import { describe, expect, test } from 'vitest';
import type { ProfilesDocument } from './generate.js';
import {
  BEGIN_MARKER,
  END_MARKER,
  lineEnding,
  mergeProfilesBlock,
  parseSectionHeader,
  renderProfilesBlock,
} from './ini-block.js';

const DOC: ProfilesDocument = {
  session: { name: 'gatehouse', startUrl: 'https://d-1111111111.awsapps.com/start', region: 'eu-west-1' },
  profiles: [
    {
      name: 'dev-Admin',
      accountId: '222222222222',
      accountName: 'dev',
      permissionSet: 'Admin',
      region: 'eu-central-1',
    },
    {
      name: 'prod-ReadOnly',
      accountId: '333333333333',
      accountName: 'prod',
      permissionSet: 'ReadOnly',
      region: 'eu-central-1',
    },
  ],
};

const BLOCK = [
  BEGIN_MARKER,
  '[sso-session gatehouse]',
  'sso_start_url = https://d-1111111111.awsapps.com/start',
  'sso_region = eu-west-1',
  'sso_registration_scopes = sso:account:access',
  '',
  '[profile dev-Admin]',
  'sso_session = gatehouse',
  'sso_account_id = 222222222222',
  'sso_role_name = Admin',
  'region = eu-central-1',
  '',
  '[profile prod-ReadOnly]',
  'sso_session = gatehouse',
  'sso_account_id = 333333333333',
  'sso_role_name = ReadOnly',
  'region = eu-central-1',
  END_MARKER,
];

function merge(existing: string | null, doc = DOC, prune = false) {
  const result = mergeProfilesBlock(existing, doc, { prune });
  if (!result.ok) throw new Error(result.problem);
  return result;
}

/** A user's file with comments, odd spacing, unrelated profiles. */
const USER_FILE = [
  '# my AWS config',
  '[default]',
  'region = us-east-1   ; trailing comment',
  '',
  '[profile   personal ]',
  'aws_access_key_id=AKIDEXAMPLE',
  '  # indented comment',
  '[profile work]',
  'role_arn = arn:aws:iam::123456789012:role/Work',
  'source_profile = personal',
].join('\n');

describe('the printed block', () => {
  test('one sso-session section and one profile per account × permission set', () => {
    expect(renderProfilesBlock(DOC)).toBe(`${BLOCK.join('\n')}\n`);
  });
});

describe('mergeProfilesBlock', () => {
  test('a new file is the block', () => {
    const result = merge(null);
    expect(result.text).toBe(`${BLOCK.join('\n')}\n`);
    expect(result.changed).toBe(true);
    expect(result.report.added).toEqual(['dev-Admin', 'prod-ReadOnly']);
  });

  test('appended to a file without a final newline, leaving every byte of it as it was', () => {
    const result = merge(USER_FILE);
    expect(result.text.startsWith(USER_FILE)).toBe(true);
    expect(result.text).toBe(`${USER_FILE}\n\n${BLOCK.join('\n')}\n`);
  });

  test('replaced in place: the text before and after the block is kept byte for byte', () => {
    const before = `${USER_FILE}\n\n`;
    const after = '\n[profile later]\nregion = ap-south-1\n# the end, no newline';
    const old = `${before}${BEGIN_MARKER}\n[profile stale]\nsso_session = gatehouse\n${END_MARKER}${after}`;
    const result = merge(old, DOC, true);
    expect(result.text).toBe(`${before}${BLOCK.join('\n')}${after}`);
    expect(result.report.removed).toEqual(['stale']);
  });

  test('CRLF files stay CRLF, inside and outside the block', () => {
    const crlf = `${USER_FILE.split('\n').join('\r\n')}\r\n`;
    const result = merge(crlf);
    expect(result.text).toBe(`${crlf}\r\n${BLOCK.join('\r\n')}\r\n`);
    expect(lineEnding(result.text)).toBe('\r\n');
    expect(merge(result.text).text).toBe(result.text);
  });

  test('rerunning gives the same text and reports no change', () => {
    const first = merge(USER_FILE);
    const second = merge(first.text);
    expect(second.text).toBe(first.text);
    expect(second.changed).toBe(false);
    expect(second.report.unchanged).toEqual(['dev-Admin', 'prod-ReadOnly']);
  });

  test('a changed profile is updated in place', () => {
    const first = merge(USER_FILE);
    const moved = merge(first.text, { ...DOC, profiles: DOC.profiles.map((p) => ({ ...p, region: 'us-west-2' })) });
    expect(moved.report.updated).toEqual(['dev-Admin', 'prod-ReadOnly']);
    expect(moved.text.startsWith(USER_FILE)).toBe(true);
    expect(moved.text).toContain('region = us-west-2');
    expect(moved.text).not.toContain('region = eu-central-1');
  });

  test('a profile of the same name outside the block is the user’s: not overwritten, not duplicated, reported', () => {
    const mine = `[profile dev-Admin]\nregion = my-own\n`;
    const result = merge(mine);
    expect(result.report.skipped).toEqual(['dev-Admin']);
    expect(result.text.startsWith(mine)).toBe(true);
    expect(result.text.match(/\[profile dev-Admin\]/g)).toHaveLength(1);
    expect(result.text).toContain('[profile prod-ReadOnly]');
  });

  test('the user’s own sso-session of the same name is left alone and reused', () => {
    const mine = '[sso-session gatehouse]\nsso_start_url = https://mine.awsapps.com/start\nsso_region = us-east-1\n';
    const result = merge(mine);
    expect(result.report.sessionSkipped).toBe(true);
    expect(result.text.match(/\[sso-session gatehouse\]/g)).toHaveLength(1);
    expect(result.text).toContain('sso_session = gatehouse');
  });

  test('profiles that no longer apply are kept without prune, removed with it; nothing outside is ever removed', () => {
    const first = merge(USER_FILE);
    const fewer = { ...DOC, profiles: DOC.profiles.slice(0, 1) };
    const kept = merge(first.text, fewer);
    expect(kept.report.kept).toEqual(['prod-ReadOnly']);
    expect(kept.text).toBe(first.text);
    const pruned = merge(first.text, fewer, true);
    expect(pruned.report.removed).toEqual(['prod-ReadOnly']);
    expect(pruned.text).not.toContain('prod-ReadOnly');
    expect(pruned.text.startsWith(USER_FILE)).toBe(true);
    const empty = merge(pruned.text, { ...DOC, profiles: [] }, true);
    expect(empty.text.startsWith(USER_FILE)).toBe(true);
    expect(empty.text).toContain('[profile work]');
  });

  test('a kept profile keeps the old sso-session it names', () => {
    const first = merge(null, { ...DOC, session: { ...DOC.session, name: 'old' } });
    const renamed = merge(first.text, { ...DOC, profiles: DOC.profiles.slice(0, 1) });
    expect(renamed.text).toContain('[sso-session gatehouse]');
    expect(renamed.text).toContain('[sso-session old]');
    expect(renamed.report.kept).toEqual(['prod-ReadOnly']);
  });

  test('a damaged block is refused, not guessed at', () => {
    expect(mergeProfilesBlock(`${BEGIN_MARKER}\n[profile x]\n`, DOC)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/damaged/),
    });
    expect(mergeProfilesBlock(`${END_MARKER}\n${BEGIN_MARKER}\n`, DOC)).toMatchObject({ ok: false });
    expect(mergeProfilesBlock(`${BEGIN_MARKER}\n${END_MARKER}\n${BEGIN_MARKER}\n${END_MARKER}\n`, DOC)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/more than one/),
    });
  });
});

describe('parseSectionHeader', () => {
  test('as the SDK and botocore read headers: comments, spacing, quotes, default', () => {
    expect(parseSectionHeader('[profile dev]')).toEqual({ kind: 'profile', name: 'dev' });
    expect(parseSectionHeader('  [ profile   "dev.admin" ]  # note')).toEqual({ kind: 'profile', name: 'dev.admin' });
    expect(parseSectionHeader('[default]')).toEqual({ kind: 'profile', name: 'default' });
    expect(parseSectionHeader('[sso-session corp]')).toEqual({ kind: 'sso-session', name: 'corp' });
    expect(parseSectionHeader('[services s3]')).toEqual({ kind: 'other', name: 'services s3' });
    expect(parseSectionHeader('# [profile dev]')).toBeUndefined();
    expect(parseSectionHeader('region = x')).toBeUndefined();
  });
});
