import { describe, expect, test } from 'vitest';
import { measurePolicy } from './policy-grammar.js';
import {
  accountNameTypos,
  adminSessionLength,
  assignmentReferences,
  attestations,
  auditSettings,
  duplicateAccountIds,
  duplicateAssignments,
  formerNames,
  groupMembers,
  identityCenterAdvice,
  permissionSetPolicies,
  type Rule,
  type RuleContext,
  uniqueGroups,
  uniqueUsers,
} from './rules.js';
import { configSchema, type WrittenConfig } from './schema.js';
import { sectionsFromParsed, sectionsFromRaw } from './sections.js';

const NOW = Date.UTC(2026, 10, 28, 9);
const user = (email: string, extra: object = {}) => ({ email, givenName: 'A', familyName: 'B', ...extra });

function context(config: Omit<WrittenConfig, 'version'>, extra: Partial<RuleContext> = {}): RuleContext {
  const sections = sectionsFromParsed(configSchema.parse({ version: 1, ...config }));
  const inlinePolicies = new Map<string, Record<string, unknown>>();
  for (const [name, spec] of sections.permissionSets) {
    if (spec.inlinePolicy && !('file' in spec.inlinePolicy)) inlinePolicies.set(name, spec.inlinePolicy);
  }
  return { sections, inlinePolicies, now: NOW, ...extra };
}

/** `severity code path: message` lines. */
function check(rule: Rule, ctx: RuleContext): string[] {
  return rule(ctx).map((p) => `${p.severity} ${p.code} ${JSON.stringify(p.path)}: ${p.message}`);
}

describe('assignmentReferences', () => {
  const base = {
    permissionSets: { Admin: {} },
    groups: { Founders: {} },
    users: { ada: user('ada@example.com') },
  };

  test('defined principals and permission sets pass', () => {
    const ctx = context({
      ...base,
      assignments: [
        { principal: 'group:Founders', permissionSet: 'Admin', accounts: ['management'] },
        { principal: 'user:ada', permissionSet: 'Admin', accounts: ['all'] },
      ],
    });
    expect(check(assignmentReferences, ctx)).toEqual([]);
  });

  test('undefined ones are errors with suggestions', () => {
    const ctx = context({
      ...base,
      assignments: [
        { principal: 'group:Founder', permissionSet: 'Admn', accounts: ['management'] },
        { principal: 'user:grace', permissionSet: 'Admin', accounts: ['management'] },
      ],
    });
    expect(check(assignmentReferences, ctx)).toEqual([
      'error undefined-permission-set ["assignments",0,"permissionSet"]: assignments[0].permissionSet: permission set `Admn` is not defined under `permissionSets:`; did you mean `Admin`?',
      'error undefined-group ["assignments",0,"principal"]: assignments[0].principal: group `Founder` is not defined under `groups:`; did you mean `Founders`?',
      'error undefined-user ["assignments",1,"principal"]: assignments[1].principal: user `grace` is not defined under `users:`',
    ]);
  });

  test('with an external identity source, principals need not be declared', () => {
    const ctx = context({
      identityCenter: { identitySource: 'external' },
      permissionSets: { Admin: {} },
      assignments: [{ principal: 'group:Okta-Admins', permissionSet: 'Admin', accounts: ['management'] }],
    });
    expect(check(assignmentReferences, ctx)).toEqual([]);
  });

  test('a rule with other errors still has its references checked', () => {
    const sections = sectionsFromRaw({
      version: 1,
      assignments: [{ principal: 'group:Nope', permissionSet: 'Admin', accounts: ['ou:bad'] }],
    });
    expect(sections.assignments[0]?.rule).toBeUndefined();
    expect(check(assignmentReferences, { sections, inlinePolicies: new Map(), now: NOW })).toEqual([
      'error undefined-permission-set ["assignments",0,"permissionSet"]: assignments[0].permissionSet: permission set `Admin` is not defined under `permissionSets:`',
      'error undefined-group ["assignments",0,"principal"]: assignments[0].principal: group `Nope` is not defined under `groups:`',
    ]);
  });

  test('a permission set with schema errors is still "defined"', () => {
    const sections = sectionsFromRaw({
      version: 1,
      permissionSets: { Admin: { sessionDuration: 'PT99H' } },
      assignments: [{ principal: 'group:G', permissionSet: 'Admin', accounts: ['all'] }],
      groups: { G: {} },
    });
    expect(check(assignmentReferences, { sections, inlinePolicies: new Map(), now: NOW })).toEqual([]);
  });
});

describe('groupMembers', () => {
  test('members must be users, listed once', () => {
    const ctx = context({
      users: { ada: user('ada@example.com') },
      groups: { Founders: { members: ['ada', 'grace', 'ada'] } },
    });
    expect(check(groupMembers, ctx)).toEqual([
      'error undefined-user ["groups","Founders","members",1]: groups.Founders.members[1]: member `grace` is not defined under `users:`',
      'error duplicate-member ["groups","Founders","members",2]: groups.Founders.members[2]: `ada` is listed twice in group `Founders`',
    ]);
  });

  test('with an external identity source, listed members are ignored with a warning', () => {
    const ctx = context({
      identityCenter: { identitySource: 'external' },
      groups: { Founders: { members: ['someone'] }, Empty: {} },
    });
    expect(check(groupMembers, ctx)).toEqual([
      'warning external-memberships ["groups","Founders","members"]: groups.Founders.members: with `identitySource: external` your identity provider owns memberships; gatehouse only reads them and will not apply this list',
    ]);
  });
});

describe('uniqueUsers', () => {
  test('user names are unique case-insensitively; shared emails warn', () => {
    const ctx = context({
      users: {
        ada: user('ada@example.com'),
        ada2: user('ADA@example.com', { userName: 'Ada' }),
        grace: user('grace@example.com'),
      },
    });
    expect(check(uniqueUsers, ctx)).toEqual([
      'error duplicate-user-name ["users","ada2","userName"]: users.ada2.userName: user name `Ada` is the same user name as `users.ada` (case, Unicode form and look-alike letters are ignored); user names are unique in the Identity Store',
      'warning duplicate-email ["users","ada2","email"]: users.ada2.email: `ADA@example.com` is also the email of `users.ada`; is this the same person twice?',
    ]);
  });
});

describe('uniqueGroups', () => {
  test('group names that differ only by case or whole-word look-alike letters collide', () => {
    // `Асе` is written wholly in Cyrillic (no mixed scripts) but reads as the Latin `Ace`.
    const ctx = context({ groups: { Founders: {}, founders: {}, Ace: {}, Асе: {}, Engineers: {} } });
    expect(check(uniqueGroups, ctx)).toEqual([
      'error duplicate-group-name ["groups","founders"]: groups.founders: `founders` is the same group name as `groups.Founders` (case, Unicode form and look-alike letters are ignored); group names are unique in the Identity Store',
      'error duplicate-group-name ["groups","Асе"]: groups.Асе: `Асе` is the same group name as `groups.Ace` (case, Unicode form and look-alike letters are ignored); group names are unique in the Identity Store',
    ]);
  });

  test('distinct names pass', () => {
    expect(check(uniqueGroups, context({ groups: { Founders: {}, Engineers: {}, Иван: {} } }))).toEqual([]);
  });
});

describe('duplicateAssignments and duplicateAccountIds', () => {
  test('a rule repeated with targets in another order warns', () => {
    const rule = { principal: 'user:ada', permissionSet: 'Admin' };
    const ctx = context({
      assignments: [
        { ...rule, accounts: ['dev', 'prod'] },
        { ...rule, accounts: ['prod', 'dev'] },
        { ...rule, accounts: ['prod'] },
      ],
    });
    expect(check(duplicateAssignments, ctx)).toEqual([
      'warning duplicate-assignment ["assignments",1]: assignments[1]: repeats assignments[0]',
    ]);
  });

  test('two aliases for one id warn', () => {
    const ctx = context({ accounts: { prod: '111111111111', production: '111111111111', dev: '222222222222' } });
    expect(check(duplicateAccountIds, ctx)).toEqual([
      'warning duplicate-account-id ["accounts","production"]: accounts.production: 111111111111 is also `prod`',
    ]);
  });
});

describe('accountNameTypos', () => {
  test('a name close to an alias or `management` warns; other names are live names', () => {
    const ctx = context({
      accounts: { 'log-archive': '222222222222' },
      assignments: [
        { principal: 'user:a', permissionSet: 'P', accounts: ['managment', 'log-achive', 'staging', 'log-archive'] },
      ],
    });
    expect(check(accountNameTypos, ctx)).toEqual([
      'warning unknown-account-name ["assignments",0,"accounts",0]: assignments[0].accounts[0]: `managment` is not an alias under `accounts:` (did you mean `management`?); it will be looked up as a live account name',
      'warning unknown-account-name ["assignments",0,"accounts",1]: assignments[0].accounts[1]: `log-achive` is not an alias under `accounts:` (did you mean `log-archive`?); it will be looked up as a live account name',
    ]);
  });
});

describe('adminSessionLength', () => {
  test('administrator sets (managed or inline) longer than the threshold warn', () => {
    const ctx = context({
      permissionSets: {
        Admin: { policies: ['AdministratorAccess'], sessionDuration: 'PT12H' },
        AdminByArn: { policies: ['arn:aws:iam::aws:policy/AdministratorAccess'], sessionDuration: 'PT4H' },
        Root: {
          sessionDuration: 'PT8H',
          inlinePolicy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
        },
        Dev: { policies: ['PowerUserAccess'], sessionDuration: 'PT12H' },
        IamAll: {
          sessionDuration: 'PT6H',
          inlinePolicy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'iam:*', Resource: '*' } },
        },
      },
    });
    expect(check(adminSessionLength, ctx)).toEqual([
      'warning admin-session-too-long ["permissionSets","Admin","sessionDuration"]: permissionSets.Admin.sessionDuration: `Admin` grants administrator access for sessions of PT12H; the audit allows at most 4 hour(s) (audit.thresholds.adminSessionHours)',
      'warning admin-session-too-long ["permissionSets","Root","sessionDuration"]: permissionSets.Root.sessionDuration: `Root` grants administrator access for sessions of PT8H; the audit allows at most 4 hour(s) (audit.thresholds.adminSessionHours)',
      'warning admin-session-too-long ["permissionSets","IamAll","sessionDuration"]: permissionSets.IamAll.sessionDuration: `IamAll` grants administrator access for sessions of PT6H; the audit allows at most 4 hour(s) (audit.thresholds.adminSessionHours)',
    ]);
  });

  test('the threshold comes from the config', () => {
    const ctx = context({
      permissionSets: { Admin: { policies: ['AdministratorAccess'], sessionDuration: 'PT8H' } },
      audit: { thresholds: { adminSessionHours: 8 } },
    });
    expect(check(adminSessionLength, ctx)).toEqual([]);
  });
});

describe('permissionSetPolicies', () => {
  test('duplicates warn; more than 10 warns; more than 20 is an error', () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `P${i}`);
    const ctx = context({
      permissionSets: {
        Dup: {
          policies: ['ReadOnlyAccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
          customerPolicies: [{ name: 'X' }, { name: 'X', path: '/' }],
        },
        Eleven: { policies: names(11) },
        Many: { policies: names(15), customerPolicies: names(6).map((name) => ({ name })) },
        Twenty: { policies: names(20) },
      },
    });
    expect(check(permissionSetPolicies, ctx)).toEqual([
      'warning duplicate-policy ["permissionSets","Dup","policies",1]: permissionSets.Dup.policies[1]: the same policy as policies[0]',
      'warning duplicate-policy ["permissionSets","Dup","customerPolicies",1]: permissionSets.Dup.customerPolicies[1]: `/X` is listed twice',
      'warning iam-policy-quota ["permissionSets","Eleven"]: permissionSets.Eleven: 11 managed and customer policies; IAM allows 10 per role unless the quota is raised in every target account',
      'error too-many-policies ["permissionSets","Many"]: permissionSets.Many: 21 managed and customer policies; a permission set may have at most 20',
      'warning iam-policy-quota ["permissionSets","Twenty"]: permissionSets.Twenty: 20 managed and customer policies; IAM allows 10 per role unless the quota is raised in every target account',
    ]);
  });

  test('an inline policy over the size limit is an error', () => {
    const policy = (n: number) => ({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: Array.from({ length: n }, (_, i) => `s3:GetThing${i}`), Resource: '*' },
    });
    const small = context({ permissionSets: { Small: {} } }, { inlinePolicies: new Map([['Small', policy(100)]]) });
    expect(check(permissionSetPolicies, small)).toEqual([]);
    const big = context({ permissionSets: { Big: {} } }, { inlinePolicies: new Map([['Big', policy(700)]]) });
    const size = measurePolicy(policy(700)).nonWhitespace.toLocaleString('en-US');
    expect(check(permissionSetPolicies, big)).toEqual([
      `error policy-too-large ["permissionSets","Big","inlinePolicy"]: permissionSets.Big.inlinePolicy: the inline policy has ${size} characters without whitespace; AWS allows 10,240`,
    ]);
  });
});

describe('formerNames', () => {
  test('a former name may not be a current name or another set’s former name', () => {
    const ctx = context({
      permissionSets: {
        Admin: { formerNames: ['Administrator', 'Admin'] },
        Operator: { formerNames: ['Administrator', 'Ops'] },
        Reader: { formerNames: ['Operator'] },
      },
    });
    expect(check(formerNames, ctx)).toEqual([
      'error former-name-conflict ["permissionSets","Admin","formerNames",1]: permissionSets.Admin.formerNames[1]: `Admin` is this set’s own name',
      'error former-name-conflict ["permissionSets","Operator","formerNames",0]: permissionSets.Operator.formerNames[0]: `Administrator` is also a former name of `Admin`',
      'error former-name-conflict ["permissionSets","Reader","formerNames",0]: permissionSets.Reader.formerNames[0]: `Operator` is the name of permission set `Operator`',
    ]);
  });
});

describe('attestations', () => {
  const known = new Set(['identity-center.mfa-required', 'account.contact-details', 'root.mfa-enabled']);

  test('a current attestation passes; an expired one warns', () => {
    const ctx = context(
      {
        attestations: {
          'identity-center.mfa-required': { by: 'ada', on: '2026-11-20' },
          'account.contact-details': { by: 'ada', on: '2026-01-10' },
          'root.mfa-enabled': { by: 'ada', on: '2026-11-01', expires: '2026-11-27' },
        },
      },
      { knownCheckIds: known },
    );
    expect(check(attestations, ctx)).toEqual([
      'warning attestation-expired ["attestations","account.contact-details"]: attestations["account.contact-details"]: the attestation by ada expired on 2026-07-09; the check counts as manual again until someone re-verifies it',
      'warning attestation-expired ["attestations","root.mfa-enabled"]: attestations["root.mfa-enabled"]: the attestation by ada expired on 2026-11-27; the check counts as manual again until someone re-verifies it',
    ]);
  });

  test('unknown check ids (when known), future dates and backwards expiry are errors', () => {
    const ctx = context(
      {
        attestations: {
          'identity-center.mfa-requried': { by: 'ada', on: '2026-11-20' },
          'root.mfa-enabled': { by: 'ada', on: '2026-12-01' },
          'account.contact-details': { by: 'ada', on: '2026-11-20', expires: '2026-11-20' },
        },
      },
      { knownCheckIds: known },
    );
    expect(check(attestations, ctx)).toEqual([
      'error unknown-check ["attestations","identity-center.mfa-requried"]: attestations["identity-center.mfa-requried"]: there is no check `identity-center.mfa-requried`; did you mean `identity-center.mfa-required`?',
      'error attestation-in-future ["attestations","root.mfa-enabled","on"]: attestations["root.mfa-enabled"].on: 2026-12-01 is in the future',
      'error invalid-expiry ["attestations","account.contact-details","expires"]: attestations["account.contact-details"].expires: 2026-11-20 is not after the attestation date 2026-11-20',
    ]);
  });

  test('without a list of check ids, any well-formed id is accepted; tomorrow is not the future yet', () => {
    const ctx = context({ attestations: { 'future.check': { by: 'ada', on: '2026-11-29' } } });
    expect(check(attestations, ctx)).toEqual([]);
  });
});

describe('auditSettings', () => {
  test('severity overrides and waivers name known checks; expired waivers warn', () => {
    const ctx = context(
      {
        audit: {
          severity: { 'root.mfa-enabled': 'high', 'root.mfa-enable': 'low' },
          waivers: [
            { check: 'root.mfa-enabled', reason: 'closing the account', expires: '2027-01-31' },
            { check: 'iam.nothing', reason: 'x', expires: '2026-11-01' },
          ],
        },
      },
      { knownCheckIds: new Set(['root.mfa-enabled']) },
    );
    expect(check(auditSettings, ctx)).toEqual([
      'error unknown-check ["audit","severity","root.mfa-enable"]: audit.severity["root.mfa-enable"]: there is no check `root.mfa-enable`; did you mean `root.mfa-enabled`?',
      'error unknown-check ["audit","waivers",1,"check"]: audit.waivers[1].check: there is no check `iam.nothing`',
      'warning waiver-expired ["audit","waivers",1,"expires"]: audit.waivers[1].expires: the waiver expired on 2026-11-01 and no longer applies; renew it or fix the finding',
    ]);
  });
});

describe('identityCenterAdvice', () => {
  test('the recommended setup is quiet', () => {
    expect(check(identityCenterAdvice, context({ identityCenter: { region: 'eu-west-1' } }))).toEqual([]);
  });

  test('an account instance, no MFA and a key in another region warn', () => {
    const ctx = context({
      identityCenter: {
        region: 'eu-west-1',
        instance: 'account',
        requireMfa: false,
        encryption: { customerManagedKey: 'arn:aws:kms:us-east-1:111111111111:key/abcd-1234' },
      },
    });
    expect(check(identityCenterAdvice, ctx)).toEqual([
      'warning account-instance ["identityCenter","instance"]: identityCenter.instance: an account instance cannot assign permission sets across the organization; `organization` is recommended',
      'warning mfa-not-required ["identityCenter","requireMfa"]: identityCenter.requireMfa: sign-ins without MFA are not recommended; the baseline requires MFA',
      'warning kms-key-region ["identityCenter","encryption","customerManagedKey"]: identityCenter.encryption.customerManagedKey: the key is in us-east-1 but Identity Center is in eu-west-1; it must be in the instance\'s region (or a multi-Region replica there)',
    ]);
  });
});
