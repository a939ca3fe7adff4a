import { describe, expect, test } from 'vitest';
import type { DesiredState } from '../model/desired.js';
import { hashDesiredState } from './hash.js';
import { normalizeConfig } from './normalize.js';
import { configSchema, type WrittenConfig } from './schema.js';

const normalize = (config: WrittenConfig, inlinePolicies = new Map<string, Record<string, unknown>>()) =>
  normalizeConfig(configSchema.parse(config), { inlinePolicies });

describe('normalizeConfig', () => {
  test('the smallest config gets every default', () => {
    const desired = normalize({ version: 1 });
    expect(desired).toEqual({
      hash: hashDesiredState(desired),
      root: { mfa: 'required', accessKeys: 'forbidden', maxDaysSinceLastUse: 90, centralizedManagement: false },
      contacts: {},
      identityCenter: {
        instance: 'organization',
        encryption: { keyType: 'AWS_OWNED_KMS_KEY' },
        requireMfa: true,
        identitySource: 'internal',
      },
      permissionSets: [],
      users: [],
      groups: [],
      accountAliases: {},
      assignments: [],
      attestations: [],
      audit: {
        severityOverrides: {},
        thresholds: {
          adminSessionHours: 4,
          maxAdmins: 3,
          unusedCredentialDays: 45,
          accessKeyMaxAgeDays: 90,
          passwordMinLength: 14,
          passwordReusePrevention: 24,
        },
        waivers: [],
      },
      profiles: { namePattern: '{account}-{permissionSet}', sessionName: 'gatehouse' },
    } satisfies DesiredState);
    expect(desired.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('names resolve, durations normalise, dependent defaults fill in', () => {
    const inline = { Version: '2012-10-17', Statement: { Effect: 'Deny', Action: 'iam:*', Resource: '*' } };
    const desired = normalize(
      {
        version: 1,
        organization: {},
        identityCenter: {
          region: 'eu-west-1',
          encryption: { customerManagedKey: 'arn:aws:kms:eu-west-1:111111111111:key/k-1' },
        },
        contacts: { security: { name: 'Sec', title: 'CISO', email: 'sec@example.com', phone: '+1 555' } },
        permissionSets: {
          Dev: {
            description: 'Developers',
            sessionDuration: 'PT240M',
            policies: ['ReadOnlyAccess', 'job-function/ViewOnlyAccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
            customerPolicies: [{ name: 'Team' }, { name: 'Team', path: '/' }, { name: 'Other', path: '/x/' }],
            permissionsBoundary: { policy: 'PowerUserAccess' },
            tags: { team: 'dev' },
            formerNames: ['Developers'],
          },
          Custom: { permissionsBoundary: { customerPolicy: { name: 'Boundary' } }, managed: false },
        },
        users: { ada: { email: 'ada@example.com', givenName: 'Ada', familyName: 'Lovelace' } },
        groups: { Founders: { members: ['ada'] } },
        accounts: { prod: '012345678901' },
        assignments: [
          {
            principal: 'group:Founders',
            permissionSet: 'Dev',
            accounts: ['prod', 'ou:/Workloads', 'tag:env=dev'],
            exclude: ['012345678901'],
          },
        ],
        attestations: { 'identity-center.mfa-required': { by: 'ada', on: '2026-11-20', note: 'checked' } },
        audit: {
          waivers: [{ check: 'root.mfa-enabled', account: '111111111111', reason: 'closing', expires: '2027-01-01' }],
        },
      },
      new Map([['Dev', inline]]),
    );
    expect(desired.organization).toEqual({ featureSet: 'ALL', memberAccessRole: 'OrganizationAccountAccessRole' });
    expect(desired.identityCenter.encryption).toEqual({
      keyType: 'CUSTOMER_MANAGED_KEY',
      kmsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/k-1',
    });
    expect(desired.contacts).toEqual({
      SECURITY: { name: 'Sec', title: 'CISO', email: 'sec@example.com', phone: '+1 555' },
    });
    expect(desired.permissionSets).toEqual([
      {
        name: 'Dev',
        description: 'Developers',
        sessionDuration: 'PT4H',
        managedPolicies: [
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
          'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
        ],
        customerManagedPolicies: [
          { name: 'Team', path: '/' },
          { name: 'Other', path: '/x/' },
        ],
        inlinePolicy: inline,
        permissionsBoundary: { managedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
        tags: { team: 'dev' },
        managed: true,
        formerNames: ['Developers'],
      },
      {
        name: 'Custom',
        sessionDuration: 'PT1H',
        managedPolicies: [],
        customerManagedPolicies: [],
        inlinePolicy: null,
        permissionsBoundary: { customerManagedPolicy: { name: 'Boundary', path: '/' } },
        tags: {},
        managed: false,
        formerNames: [],
      },
    ]);
    expect(desired.users).toEqual([
      {
        key: 'ada',
        userName: 'ada',
        displayName: 'Ada Lovelace',
        givenName: 'Ada',
        familyName: 'Lovelace',
        email: 'ada@example.com',
      },
    ]);
    expect(desired.groups).toEqual([{ name: 'Founders', members: ['ada'] }]);
    expect(desired.accountAliases).toEqual({ prod: '012345678901' });
    expect(desired.assignments).toEqual([
      {
        index: 0,
        principal: { type: 'group', name: 'Founders' },
        permissionSet: 'Dev',
        targets: [
          { kind: 'name', name: 'prod' },
          { kind: 'ou', path: '/Workloads' },
          { kind: 'tag', key: 'env', value: 'dev' },
        ],
        exclude: [{ kind: 'id', id: '012345678901' }],
      },
    ]);
    expect(desired.attestations).toEqual([
      { checkId: 'identity-center.mfa-required', by: 'ada', on: '2026-11-20', note: 'checked', expires: '2027-05-19' },
    ]);
    expect(desired.audit.waivers).toEqual([
      { checkId: 'root.mfa-enabled', accountId: '111111111111', reason: 'closing', expires: '2027-01-01' },
    ]);
    expect(desired.profiles).toEqual({
      namePattern: '{account}-{permissionSet}',
      sessionName: 'gatehouse',
      region: 'eu-west-1',
    });
  });
});

describe('the config hash', () => {
  const base: WrittenConfig = {
    version: 1,
    permissionSets: { A: { policies: ['ReadOnlyAccess'] }, B: {} },
    users: { ada: { email: 'a@example.com', givenName: 'A', familyName: 'L' } },
    groups: { G: { members: ['ada'] } },
  };

  test('order of named things and positions do not change it', () => {
    const reordered: WrittenConfig = {
      version: 1,
      groups: base.groups,
      users: base.users,
      permissionSets: { B: {}, A: { policies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } },
    };
    const a = normalize(base);
    const b = normalize(reordered);
    expect(b.hash).toBe(a.hash);
    const withSource = {
      ...a,
      file: 'x.yaml',
      permissionSets: a.permissionSets.map((p) => ({ ...p, source: { file: 'x', line: 1, column: 1 } })),
    };
    expect(hashDesiredState(withSource)).toBe(a.hash);
  });

  test('any change of substance changes it', () => {
    const a = normalize(base);
    expect(normalize({ ...base, permissionSets: { A: {}, B: {} } }).hash).not.toBe(a.hash);
    expect(normalize({ ...base, groups: { G: { members: [] } } }).hash).not.toBe(a.hash);
    expect(normalize({ ...base, root: { mfa: 'hardware' } }).hash).not.toBe(a.hash);
  });
});
