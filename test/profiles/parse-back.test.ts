/**
 * The merged config file read back by the parsers that matter: the AWS SDK's own
 * (`@smithy/shared-ini-file-loader`, the same code as the SDK's credential chain) and Python
 * botocore (what the AWS CLI uses). Generated profiles and the sso-session resolve in both, and the
 * user's own profiles are still there.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles, loadSsoSessionData } from '@smithy/shared-ini-file-loader';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AccessEntry, AccessView } from '../../src/access/model.js';
import { buildProfiles, mergeProfilesBlock } from '../../src/profiles/index.js';

const entry = (accountId: string, accountName: string, permissionSet: string): AccessEntry => ({
  userName: 'ada',
  displayName: 'Ada',
  userKey: 'ada',
  accountId,
  accountName,
  accountState: 'ACTIVE',
  permissionSet,
  via: 'direct',
  admin: false,
});

const VIEW: AccessView = {
  source: 'live',
  entries: [
    entry('111111111111', 'management', 'Admin'),
    entry('222222222222', 'Prod (EU)', 'ReadOnly'),
    entry('333333333333', 'data.lake', 'Data_Engineer'),
  ],
  users: [],
  portalUrl: 'https://d-1111111111.awsapps.com/start',
  identityCenterRegion: 'eu-west-1',
  externalIdentitySource: false,
  ssoSessionName: 'gatehouse',
};

const USER_FILE = [
  '# personal settings',
  '[default]',
  'region = us-east-1 ; comment',
  'output=json',
  '',
  '[profile work]',
  'role_arn = arn:aws:iam::123456789012:role/Work',
  'source_profile = default',
  '',
].join('\r\n');

const EXPECTED = {
  'management-Admin': { account: '111111111111', role: 'Admin' },
  'Prod-EU-ReadOnly': { account: '222222222222', role: 'ReadOnly' },
  'data.lake-Data_Engineer': { account: '333333333333', role: 'Data_Engineer' },
};

let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-profiles-'));
  file = join(dir, 'config');
  const merged = mergeProfilesBlock(USER_FILE, buildProfiles(VIEW, { region: 'eu-central-1' }));
  if (!merged.ok) throw new Error(merged.problem);
  writeFileSync(file, merged.text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parsed back', () => {
  test('by the AWS SDK for JavaScript (shared-ini-file-loader)', async () => {
    const { configFile } = await loadSharedConfigFiles({
      configFilepath: file,
      filepath: join(dir, 'none'),
      ignoreCache: true,
    });
    for (const [name, { account, role }] of Object.entries(EXPECTED)) {
      expect(configFile[name]).toEqual({
        sso_session: 'gatehouse',
        sso_account_id: account,
        sso_role_name: role,
        region: 'eu-central-1',
      });
    }
    expect(configFile.default).toEqual({ region: 'us-east-1', output: 'json' });
    expect(configFile.work).toMatchObject({ source_profile: 'default' });
    const sessions = await loadSsoSessionData({ configFilepath: file });
    expect(sessions).toEqual({
      gatehouse: {
        sso_start_url: 'https://d-1111111111.awsapps.com/start',
        sso_region: 'eu-west-1',
        sso_registration_scopes: 'sso:account:access',
      },
    });
  });

  test('by Python botocore (the AWS CLI): available profiles and the sso-session each resolves to', () => {
    const script = [
      'import botocore.session, json',
      's = botocore.session.Session()',
      'out = {"profiles": s.available_profiles, "sessions": s.full_config.get("sso_sessions", {}), "scoped": {}}',
      'for name in s.available_profiles:',
      '    out["scoped"][name] = botocore.session.Session(profile=name).get_scoped_config()',
      'print(json.dumps(out))',
    ].join('\n');
    const output = execFileSync('python3', ['-c', script], {
      env: { PATH: process.env.PATH, HOME: dir, AWS_CONFIG_FILE: file, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') },
      encoding: 'utf8',
    });
    const parsed = JSON.parse(output) as {
      profiles: string[];
      sessions: Record<string, Record<string, string>>;
      scoped: Record<string, Record<string, string>>;
    };
    expect(parsed.profiles.sort()).toEqual([
      'Prod-EU-ReadOnly',
      'data.lake-Data_Engineer',
      'default',
      'management-Admin',
      'work',
    ]);
    expect(parsed.sessions.gatehouse).toEqual({
      sso_start_url: 'https://d-1111111111.awsapps.com/start',
      sso_region: 'eu-west-1',
      sso_registration_scopes: 'sso:account:access',
    });
    for (const [name, { account, role }] of Object.entries(EXPECTED)) {
      const scoped = parsed.scoped[name]!;
      expect(scoped).toMatchObject({
        sso_session: 'gatehouse',
        sso_account_id: account,
        sso_role_name: role,
        region: 'eu-central-1',
      });
      expect(parsed.sessions[scoped.sso_session!]).toBeDefined();
    }
  });
});
