import { describe, expect, test } from 'vitest';
import type { AccessEntry, AccessView } from '../access/model.js';
import { UsageError } from '../errors.js';
import { buildProfiles } from './generate.js';

const entry = (
  userName: string,
  accountId: string,
  accountName: string,
  permissionSet: string,
  state: AccessEntry['accountState'] = 'ACTIVE',
): AccessEntry => ({
  userName,
  displayName: userName,
  userKey: userName,
  accountId,
  accountName,
  accountState: state,
  permissionSet,
  via: 'direct',
  admin: false,
});

const VIEW: AccessView = {
  source: 'config',
  entries: [
    entry('ada', '222222222222', 'prod', 'ReadOnly'),
    entry('bob', '222222222222', 'prod', 'ReadOnly'),
    entry('ada', '111111111111', 'management', 'Admin'),
    entry('ada', '333333333333', 'legacy', 'Admin', 'SUSPENDED'),
  ],
  users: [],
  portalUrl: 'https://acme.awsapps.com/start/é',
  identityCenterRegion: 'eu-west-1',
  externalIdentitySource: false,
  ssoSessionName: 'acme',
};

describe('buildProfiles', () => {
  test('one profile per (account, permission set) anyone has, in active accounts, sorted; the IC region by default', () => {
    const doc = buildProfiles(VIEW);
    expect(doc.session).toEqual({
      name: 'acme',
      startUrl: 'https://acme.awsapps.com/start/%C3%A9',
      region: 'eu-west-1',
    });
    expect(doc.profiles).toEqual([
      {
        name: 'management-Admin',
        accountId: '111111111111',
        accountName: 'management',
        permissionSet: 'Admin',
        region: 'eu-west-1',
      },
      {
        name: 'prod-ReadOnly',
        accountId: '222222222222',
        accountName: 'prod',
        permissionSet: 'ReadOnly',
        region: 'eu-west-1',
      },
    ]);
  });

  test('pattern, region and session name from the options', () => {
    const doc = buildProfiles(VIEW, {
      namePattern: '{accountId}/{permissionSet}',
      region: 'us-east-2',
      sessionName: 'corp',
    });
    expect(doc.session.name).toBe('corp');
    expect(doc.profiles.map((p) => [p.name, p.region])).toEqual([
      ['111111111111-Admin', 'us-east-2'],
      ['222222222222-ReadOnly', 'us-east-2'],
    ]);
  });

  test('without an Identity Center instance there is nothing to sign in to', () => {
    const { portalUrl: _portal, ...rest } = VIEW;
    expect(() => buildProfiles(rest)).toThrow(UsageError);
  });
});
