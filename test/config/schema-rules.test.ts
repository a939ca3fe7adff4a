/**
 * @module Every schema rule with a valid and an invalid example, asserting the full diagnostic list
 * (what `gatehouse validate` prints). Rows add `version: 1` in front unless marked `raw`. Cross-section
 * rules are covered in src/config/rules.test.ts and the corpus in bad-configs.test.ts.
 */

import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../src/cli/format-diagnostic.js';
import { checkConfigText } from '../../src/config/index.js';

interface Row {
  rule: string;
  valid: string;
  invalid: string;
  raw?: boolean;
  expected: string[];
}

const NOW = Date.UTC(2026, 10, 28, 9);
const POLICY = '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}';
const readFile = async (path: string) => {
  if (path === '/cfg/policies/ok.json') return Buffer.from(POLICY);
  throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
};

async function diagnostics(text: string): Promise<string[]> {
  const check = await checkConfigText(text, 'rule.yaml', { now: NOW, readFile, cwd: '/cfg' });
  return check.diagnostics.map(formatDiagnostic);
}

const rows: Row[] = [
  {
    rule: 'version is 1',
    valid: '',
    invalid: "version: '1'\n",
    raw: true,
    expected: [
      'rule.yaml:1:10: error: version: must be 1: this gatehouse reads version 1 of the config language (got "1") [invalid-value]',
    ],
  },
  {
    rule: 'root.mfa',
    valid: 'root: { mfa: hardware }\n',
    invalid: 'root: { mfa: virtual }\n',
    expected: ['rule.yaml:2:14: error: root.mfa: must be one of `required`, `hardware`, not "virtual" [invalid-value]'],
  },
  {
    rule: 'root.accessKeys',
    valid: 'root: { accessKeys: forbidden }\n',
    invalid: 'root: { accessKeys: allowed }\n',
    expected: [
      'rule.yaml:2:21: error: root.accessKeys: the only setting is `forbidden`: the root user must have no access keys (got "allowed") [invalid-value]',
    ],
  },
  {
    rule: 'root.maxDaysSinceLastUse',
    valid: 'root: { maxDaysSinceLastUse: 3650 }\n',
    invalid: 'root: { maxDaysSinceLastUse: 0.5 }\n',
    expected: [
      'rule.yaml:2:30: error: root.maxDaysSinceLastUse: expected a whole number, got the number 0.5 [invalid-type]',
    ],
  },
  {
    rule: 'root.centralizedManagement',
    valid: 'root: { centralizedManagement: true }\n',
    invalid: 'root: { centralizedManagement: yes }\n',
    expected: [
      'rule.yaml:2:32: error: root.centralizedManagement: expected `true` or `false`, got "yes" [invalid-type]',
    ],
  },
  {
    rule: 'organization.featureSet',
    valid: 'organization: { featureSet: ALL }\n',
    invalid: 'organization: { featureSet: CONSOLIDATED_BILLING }\n',
    expected: [
      'rule.yaml:2:29: error: organization.featureSet: the only supported feature set is `ALL` (got "CONSOLIDATED_BILLING") [invalid-value]',
    ],
  },
  {
    rule: 'organization.memberAccessRole',
    valid: 'organization: { memberAccessRole: Audit.Role-1 }\n',
    invalid: "organization: { memberAccessRole: 'role/Admin' }\n",
    expected: [
      'rule.yaml:2:35: error: organization.memberAccessRole: an IAM role name is 1–64 letters, digits or _+=,.@- (got "role/Admin") [invalid-format]',
    ],
  },
  {
    rule: 'contacts name and title lengths',
    valid: "contacts:\n  billing: { name: A, title: B, email: b@example.com, phone: '1' }\n",
    invalid:
      "contacts:\n  billing: { name: '', title: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx, email: b@example.com, phone: '1' }\n",
    expected: [
      'rule.yaml:3:20: error: contacts.billing.name: must not be empty [too-short]',
      'rule.yaml:3:31: error: contacts.billing.title: must be at most 50 characters (it has 51) [too-long]',
    ],
  },
  {
    rule: 'contacts email and phone',
    valid:
      "contacts:\n  operations: { name: Ops, title: Ops, email: ops+aws@example.co.uk, phone: '+44 (20) 7946-0000' }\n",
    invalid:
      "contacts:\n  operations: { name: Ops, title: Ops, email: ops@localhost, phone: '+44 20 7946 0000 ext 12' }\n",
    expected: [
      'rule.yaml:3:47: error: contacts.operations.email: is not an email address AWS accepts (got "ops@localhost") [invalid-format]',
      'rule.yaml:3:69: error: contacts.operations.phone: a phone number is 1–25 digits, spaces and ()+- (got "+44 20 7946 0000 ext 12") [invalid-format]',
    ],
  },
  {
    rule: 'identityCenter.region',
    valid: 'identityCenter: { region: us-gov-west-1 }\n',
    invalid: 'identityCenter: { region: EU-WEST-1 }\n',
    expected: [
      'rule.yaml:2:27: error: identityCenter.region: is not an AWS region name (e.g. eu-west-1) (got "EU-WEST-1") [invalid-format]',
    ],
  },
  {
    rule: 'identityCenter.instance',
    valid: 'identityCenter: { instance: organization }\n',
    invalid: 'identityCenter: { instance: org }\n',
    expected: [
      'rule.yaml:2:29: error: identityCenter.instance: must be one of `organization`, `account`, not "org" [invalid-value]',
    ],
  },
  {
    rule: 'identityCenter.encryption',
    valid: "identityCenter:\n  encryption: { customerManagedKey: 'arn:aws:kms:eu-west-1:111111111111:key/mrk-1234' }\n",
    invalid: "identityCenter:\n  encryption: { customerManagedKey: 'arn:aws:kms:eu-west-1:111111111111:alias/sso' }\n",
    expected: [
      'rule.yaml:3:37: error: identityCenter.encryption.customerManagedKey: is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID) (got "arn:aws:kms:eu-west-1:111111111111:alias/sso") [invalid-format]',
    ],
  },
  {
    rule: 'identityCenter.requireMfa',
    valid: 'identityCenter: { requireMfa: true }\n',
    invalid: 'identityCenter: { requireMfa: 1 }\n',
    expected: [
      'rule.yaml:2:31: error: identityCenter.requireMfa: expected `true` or `false`, got the number 1 [invalid-type]',
    ],
  },
  {
    rule: 'identityCenter.identitySource',
    valid: 'identityCenter: { identitySource: external }\n',
    invalid: 'identityCenter: { identitySource: okta }\n',
    expected: [
      'rule.yaml:2:35: error: identityCenter.identitySource: must be one of `internal`, `external`, not "okta" [invalid-value]',
    ],
  },
  {
    rule: 'identityCenter.portalUrl',
    valid: "identityCenter: { portalUrl: 'https://acme.awsapps.com/start' }\n",
    invalid: "identityCenter: { portalUrl: 'http://acme.awsapps.com/start' }\n",
    expected: [
      'rule.yaml:2:30: error: identityCenter.portalUrl: is not an https URL (got "http://acme.awsapps.com/start") [invalid-format]',
    ],
  },
  {
    rule: 'permission set names',
    valid: 'permissionSets:\n  Admin_1+=,.@-: {}\n  AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA: {}\n',
    invalid: 'permissionSets:\n  Admin!: {}\n  AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA: {}\n',
    expected: [
      'rule.yaml:3:3: error: permissionSets["Admin!"]: `Admin!` is not a valid permission set name: 1–32 letters, digits or _+=,.@- (no spaces) [invalid-name]',
      'rule.yaml:4:3: error: permissionSets.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA: `AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` is not a valid permission set name: 1–32 letters, digits or _+=,.@- (no spaces) [invalid-name]',
    ],
  },
  {
    rule: 'permission set description',
    valid: "permissionSets:\n  A: { description: 'Ops - no: (Latin-1 only) café' }\n",
    invalid: "permissionSets:\n  A: { description: '' }\n  B: { description: 'Ops ✓' }\n",
    expected: [
      'rule.yaml:3:21: error: permissionSets.A.description: must not be empty [too-short]',
      'rule.yaml:4:21: error: permissionSets.B.description: contains U+2713 `✓`; AWS accepts only printable ASCII and Latin-1 letters in descriptions [invalid-format]',
    ],
  },
  {
    rule: 'sessionDuration',
    valid: 'permissionSets:\n  A: { sessionDuration: PT12H }\n  B: { sessionDuration: PT60M }\n',
    invalid: 'permissionSets:\n  A: { sessionDuration: PT12H30M }\n  B: { sessionDuration: 1h }\n',
    expected: [
      "rule.yaml:3:25: error: permissionSets.A.sessionDuration: must be between PT1H and PT12H (AWS's limits); PT12H30M is longer [invalid-session-duration]",
      'rule.yaml:4:25: error: permissionSets.B.sessionDuration: must be an ISO-8601 duration such as PT4H or PT1H30M (did you mean `PT1H`?) [invalid-session-duration]',
    ],
  },
  {
    rule: 'relayState',
    valid: "permissionSets:\n  A: { relayState: 'https://console.aws.amazon.com/s3/home?region=eu-west-1#' }\n",
    invalid: "permissionSets:\n  A: { relayState: 'https://example.com/<script>' }\n",
    expected: [
      'rule.yaml:3:20: error: permissionSets.A.relayState: a relay state is 1–240 URL characters (got "https://example.com/<script>") [invalid-format]',
    ],
  },
  {
    rule: 'policies',
    valid:
      "permissionSets:\n  A: { policies: [ReadOnlyAccess, job-function/ViewOnlyAccess, 'arn:aws:iam::aws:policy/AWSSupportAccess'] }\n",
    invalid: "permissionSets:\n  A: { policies: ['arn:aws:iam::111111111111:policy/Mine', 'Read Only'] }\n",
    expected: [
      'rule.yaml:3:19: error: permissionSets.A.policies[0]: `arn:aws:iam::111111111111:policy/Mine` is a customer managed policy; sso-admin attaches those by name: put `{ name: Mine }` under `customerPolicies` [invalid-policy]',
      'rule.yaml:3:60: error: permissionSets.A.policies[1]: `Read Only` is not an AWS managed policy name (letters, digits and _+=,.@-, e.g. ReadOnlyAccess) [invalid-policy]',
    ],
  },
  {
    rule: 'customerPolicies',
    valid: 'permissionSets:\n  A: { customerPolicies: [{ name: Mine }, { name: Other, path: /team/x/ }] }\n',
    invalid:
      "permissionSets:\n  A: { customerPolicies: [{ name: 'My Policy' }, { name: Other, path: team }, { path: / }] }\n",
    expected: [
      'rule.yaml:3:35: error: permissionSets.A.customerPolicies[0].name: a policy name is 1–128 letters, digits or _+=,.@- (got "My Policy") [invalid-format]',
      'rule.yaml:3:71: error: permissionSets.A.customerPolicies[1].path: an IAM path starts and ends with `/`, e.g. `/` or `/team/` (got "team") [invalid-format]',
      'rule.yaml:3:79: error: missing required key `name` in `permissionSets.A.customerPolicies[2]` [missing-key]',
    ],
  },
  {
    rule: 'inlinePolicy document',
    valid:
      "permissionSets:\n  A:\n    inlinePolicy: { Version: '2012-10-17', Statement: { Effect: Deny, Action: 'iam:*', Resource: '*' } }\n",
    invalid:
      "permissionSets:\n  A:\n    inlinePolicy: { Version: '2012-10-17', Statement: { Effect: Deny, Action: 'iam:*' } }\n",
    expected: [
      'rule.yaml:4:55: error: permissionSets.A.inlinePolicy.Statement: a statement needs Resource (or NotResource) [policy-statement]',
    ],
  },
  {
    rule: 'inlinePolicy file',
    valid: 'permissionSets:\n  A: { inlinePolicy: { file: policies/ok.json } }\n',
    invalid: "permissionSets:\n  A: { inlinePolicy: { file: policies/ok.json, Version: '2012-10-17' } }\n",
    expected: [
      'rule.yaml:3:48: error: `Version` cannot be combined with the other keys of `permissionSets.A.inlinePolicy`: they belong to two different forms of this setting [unknown-key]',
    ],
  },
  {
    rule: 'permissionsBoundary',
    valid:
      'permissionSets:\n  A: { permissionsBoundary: { policy: PowerUserAccess } }\n  B: { permissionsBoundary: { customerPolicy: { name: Boundary, path: /b/ } } }\n',
    invalid:
      'permissionSets:\n  A: { permissionsBoundary: PowerUserAccess }\n  B: { permissionsBoundary: { policy: PowerUserAccess, customerPolicy: { name: B } } }\n',
    expected: [
      'rule.yaml:3:29: error: permissionSets.A.permissionsBoundary: a permissions boundary is `{ policy: NAME }` or `{ customerPolicy: { name: NAME, path: / } }` (got "PowerUserAccess") [invalid-value]',
      'rule.yaml:4:29: error: permissionSets.B.permissionsBoundary: a permissions boundary is `{ policy: NAME }` or `{ customerPolicy: { name: NAME, path: / } }` (got a map) [invalid-value]',
    ],
  },
  {
    rule: 'tags',
    valid: "permissionSets:\n  A: { tags: { cost-center: '4711', 'team:name': 'platform eng', empty: '' } }\n",
    invalid: "permissionSets:\n  A: { tags: { 'bad key!': x, ok: 'bad value!', aws:x: y } }\n",
    expected: [
      'rule.yaml:3:16: error: permissionSets.A.tags["bad key!"]: a tag key is 1–128 letters, digits, spaces and _.:/=+-@ (got "bad key!") [invalid-format]',
      'rule.yaml:3:35: error: permissionSets.A.tags.ok: a tag value is 0–256 letters, digits, spaces and _.:/=+-@ (got "bad value!") [invalid-format]',
      'rule.yaml:3:49: error: permissionSets.A.tags["aws:x"]: tag keys starting with `aws:` are reserved by AWS [reserved-tag]',
    ],
  },
  {
    rule: 'tags count',
    valid:
      'permissionSets:\n  A:\n    tags: {k0: v, k1: v, k2: v, k3: v, k4: v, k5: v, k6: v, k7: v, k8: v, k9: v, k10: v, k11: v, k12: v, k13: v, k14: v, k15: v, k16: v, k17: v, k18: v, k19: v, k20: v, k21: v, k22: v, k23: v, k24: v, k25: v, k26: v, k27: v, k28: v, k29: v, k30: v, k31: v, k32: v, k33: v, k34: v, k35: v, k36: v, k37: v, k38: v, k39: v, k40: v, k41: v, k42: v, k43: v, k44: v, k45: v, k46: v, k47: v, k48: v, k49: v}\n',
    invalid:
      'permissionSets:\n  A:\n    tags: {k0: v, k1: v, k2: v, k3: v, k4: v, k5: v, k6: v, k7: v, k8: v, k9: v, k10: v, k11: v, k12: v, k13: v, k14: v, k15: v, k16: v, k17: v, k18: v, k19: v, k20: v, k21: v, k22: v, k23: v, k24: v, k25: v, k26: v, k27: v, k28: v, k29: v, k30: v, k31: v, k32: v, k33: v, k34: v, k35: v, k36: v, k37: v, k38: v, k39: v, k40: v, k41: v, k42: v, k43: v, k44: v, k45: v, k46: v, k47: v, k48: v, k49: v, k50: v}\n',
    expected: ['rule.yaml:4:11: error: permissionSets.A.tags: at most 50 tags [invalid-value]'],
  },
  {
    rule: 'managed',
    valid: 'permissionSets:\n  A: { managed: false }\n',
    invalid: "permissionSets:\n  A: { managed: 'no' }\n",
    expected: ['rule.yaml:3:17: error: permissionSets.A.managed: expected `true` or `false`, got "no" [invalid-type]'],
  },
  {
    rule: 'formerNames',
    valid: 'permissionSets:\n  A: { formerNames: [Old, Older] }\n',
    invalid: 'permissionSets:\n  A: { formerNames: [Old Name] }\n',
    expected: [
      'rule.yaml:3:22: error: permissionSets.A.formerNames[0]: `Old Name` is not a valid permission set name: 1–32 letters, digits or _+=,.@- (no spaces) [invalid-name]',
    ],
  },
  {
    rule: 'group names',
    valid: "groups:\n  'Platform Engineers (EU)': {}\n  Основатели: {}\n  開発: {}\n",
    invalid: "groups:\n  ' Leading': {}\n  Administrator: {}\n",
    expected: [
      'rule.yaml:3:3: error: groups[" Leading"]: a group name is letters, digits, punctuation and symbols, with no spaces at either end (got " Leading") [invalid-format]',
      'rule.yaml:4:3: error: groups.Administrator: `Administrator` is reserved by the Identity Store; choose another name [reserved-name]',
    ],
  },
  {
    rule: 'group description and members',
    valid:
      'users:\n  ada: { email: ada@example.com, givenName: Ada, familyName: Lovelace }\ngroups:\n  G: { description: The G team, members: [ada] }\n',
    invalid:
      "users:\n  ada: { email: ada@example.com, givenName: Ada, familyName: Lovelace }\ngroups:\n  G: { description: '  ', members: ada }\n",
    expected: [
      'rule.yaml:5:21: error: groups.G.description: a description must not be empty or start or end with spaces (got "  ") [invalid-format]',
      'rule.yaml:5:36: error: groups.G.members: expected a list, got "ada" [invalid-type]',
    ],
  },
  {
    rule: 'user keys and user names',
    valid: 'users:\n  ada.l: { userName: ada@example.com, email: ada@example.com, givenName: Ada, familyName: L }\n',
    invalid:
      'users:\n  ada l: { email: ada@example.com, givenName: Ada, familyName: L }\n  ada: { userName: administrator, email: a@example.com, givenName: Ada, familyName: L }\n',
    expected: [
      'rule.yaml:3:3: error: users["ada l"]: a user key is 1–128 letters, digits, punctuation or symbols, without spaces (got "ada l") [invalid-format]',
      'rule.yaml:4:20: error: users.ada.userName: `Administrator` is reserved by the Identity Store; choose another name [reserved-name]',
    ],
  },
  {
    rule: 'user email and names',
    valid:
      "users:\n  ada: { email: ada@example.com, givenName: Ada, familyName: 'Lovelace Byron', displayName: Countess of Lovelace }\n",
    invalid: "users:\n  ada: { email: ada@, givenName: '', familyName: ' L', displayName: 'x ' }\n",
    expected: [
      'rule.yaml:3:17: error: users.ada.email: is not an email address (got "ada@") [invalid-format]',
      'rule.yaml:3:34: error: users.ada.givenName: must not be empty [too-short]',
      'rule.yaml:3:50: error: users.ada.familyName: a family name must not be empty or start or end with spaces (got " L") [invalid-format]',
      'rule.yaml:3:69: error: users.ada.displayName: a display name must not be empty or start or end with spaces (got "x ") [invalid-format]',
    ],
  },
  {
    rule: 'accounts',
    valid: "accounts:\n  prod: '012345678901'\n  log.archive_2: '222222222222'\n",
    invalid: "accounts:\n  prod: '0123456789012'\n  -bad: '222222222222'\n",
    expected: [
      'rule.yaml:3:9: error: accounts.prod: an account id is a string of exactly 12 digits (got "0123456789012") [invalid-format]',
      'rule.yaml:4:3: error: accounts["-bad"]: an account alias is 1–64 letters, digits, `.`, `_` or `-`, starting with a letter or digit (got "-bad") [invalid-format]',
    ],
  },
  {
    rule: 'assignment principal and permission set',
    valid:
      "permissionSets:\n  Admin: { policies: [AdministratorAccess] }\nusers:\n  ada: { email: ada@example.com, givenName: Ada, familyName: Lovelace }\nassignments:\n  - { principal: 'user:ada', permissionSet: Admin, accounts: [management] }\n",
    invalid:
      "permissionSets:\n  Admin: { policies: [AdministratorAccess] }\nusers:\n  ada: { email: ada@example.com, givenName: Ada, familyName: Lovelace }\nassignments:\n  - { principal: 'user: ada', permissionSet: 'Ad min', accounts: [management] }\n",
    expected: [
      'rule.yaml:7:18: error: assignments[0].principal: a principal is `group:NAME` or `user:NAME` (a key of `groups:` or `users:`) (got "user: ada") [invalid-format]',
      'rule.yaml:7:46: error: assignments[0].permissionSet: `Ad min` is not a valid permission set name: 1–32 letters, digits or _+=,.@- (no spaces) [invalid-name]',
    ],
  },
  {
    rule: 'assignment targets',
    valid:
      "permissionSets:\n  Admin: { policies: [AdministratorAccess] }\nusers:\n  ada: { email: ada@example.com, givenName: Ada, familyName: Lovelace }\nassignments:\n  - principal: user:ada\n    permissionSet: Admin\n    accounts: ['123456789012', prod, 'ou:/Workloads/Prod', 'tag:env=prod', all]\n    exclude: ['ou:/Suspended']\n",
    invalid:
      "permissionSets:\n  Admin: { policies: [AdministratorAccess] }\nusers:\n  ada: { email: ada@example.com, givenName: Ada, familyName: Lovelace }\nassignments:\n  - principal: user:ada\n    permissionSet: Admin\n    accounts: ['12345', 'ou:/', 'tag:env']\n    exclude: [all]\n",
    expected: [
      'rule.yaml:9:16: error: assignments[0].accounts[0]: account id `12345` must have exactly 12 digits [invalid-target]',
      'rule.yaml:9:25: error: assignments[0].accounts[1]: an OU path needs at least one OU (`ou:/Workloads`); use `all` for every account [invalid-target]',
      'rule.yaml:9:33: error: assignments[0].accounts[2]: a tag target is `tag:key=value`, e.g. `tag:env=prod` [invalid-target]',
      'rule.yaml:10:15: error: assignments[0].exclude[0]: `all` cannot be excluded; remove the rule instead [invalid-target]',
    ],
  },
  {
    rule: 'attestation check ids and fields',
    valid:
      'attestations:\n  identity-center.mfa-required: { by: ada, on: 2026-11-20, note: checked, expires: 2027-01-01 }\n',
    invalid:
      "attestations:\n  Identity-Center.MFA: { by: '', on: 2026-11-20 }\n  root.mfa-enabled: { by: ada, on: '2026-11-20T10:00:00Z', note: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx }\n",
    expected: [
      'rule.yaml:3:3: error: attestations["Identity-Center.MFA"]: a check id is `area.condition` in kebab-case, e.g. `root.mfa-enabled` (got "Identity-Center.MFA") [invalid-format]',
      'rule.yaml:4:36: error: attestations["root.mfa-enabled"].on: a date is written YYYY-MM-DD (got "2026-11-20T10:00:00Z") [invalid-format]',
      'rule.yaml:4:66: error: attestations["root.mfa-enabled"].note: must be at most 1000 characters (it has 1001) [too-long]',
    ],
  },
  {
    rule: 'audit severity',
    valid: 'audit:\n  severity: { root.mfa-enabled: critical, iam.one-active-key: info }\n',
    invalid: 'audit:\n  severity: { root: high, iam.one-active-key: informational }\n',
    expected: [
      'rule.yaml:3:15: error: audit.severity.root: a check id is `area.condition` in kebab-case, e.g. `root.mfa-enabled` (got "root") [invalid-format]',
      'rule.yaml:3:47: error: audit.severity["iam.one-active-key"]: must be one of `critical`, `high`, `medium`, `low`, `info`, not "informational" [invalid-value]',
    ],
  },
  {
    rule: 'audit thresholds',
    valid: 'audit:\n  thresholds: { adminSessionHours: 1.5, maxAdmins: 1000, passwordReusePrevention: 1 }\n',
    invalid:
      "audit:\n  thresholds: { adminSessionHours: 0, maxAdmins: 1001, passwordReusePrevention: 25, accessKeyMaxAgeDays: '90' }\n",
    expected: [
      'rule.yaml:3:36: error: audit.thresholds.adminSessionHours: must be at least 1 (got 0) [out-of-range]',
      'rule.yaml:3:50: error: audit.thresholds.maxAdmins: must be at most 1000 (got 1001) [out-of-range]',
      'rule.yaml:3:81: error: audit.thresholds.passwordReusePrevention: must be at most 24 (got 25) [out-of-range]',
      'rule.yaml:3:106: error: audit.thresholds.accessKeyMaxAgeDays: expected a number, got "90" [invalid-type]',
    ],
  },
  {
    rule: 'audit waivers',
    valid:
      "audit:\n  waivers:\n    - { check: root.mfa-enabled, account: '111111111111', resource: 'arn:aws:iam::111111111111:root', reason: closing it, expires: 2027-01-01 }\n",
    invalid: "audit:\n  waivers:\n    - { check: root.mfa-enabled, account: '1111', reason: '', expires: next year }\n",
    expected: [
      'rule.yaml:4:43: error: audit.waivers[0].account: an account id is a string of exactly 12 digits (got "1111") [invalid-format]',
      'rule.yaml:4:59: error: audit.waivers[0].reason: must not be empty [too-short]',
      'rule.yaml:4:72: error: audit.waivers[0].expires: a date is written YYYY-MM-DD (got "next year") [invalid-format]',
    ],
  },
  {
    rule: 'profiles',
    valid:
      "profiles: { namePattern: '{accountId}-{account}-{permissionSet}', region: eu-west-1, sessionName: corp.sso }\n",
    invalid: "profiles: { namePattern: '', region: ireland, sessionName: corp sso }\n",
    expected: [
      'rule.yaml:2:26: error: profiles.namePattern: must not be empty [too-short]',
      'rule.yaml:2:38: error: profiles.region: is not an AWS region name (e.g. eu-west-1) (got "ireland") [invalid-format]',
      'rule.yaml:2:60: error: profiles.sessionName: a session name is 1–64 letters, digits or ._- (got "corp sso") [invalid-format]',
    ],
  },
];

describe('schema rules', () => {
  test.each(rows)('$rule: valid', async ({ valid }) => {
    expect(await diagnostics(`version: 1\n${valid}`)).toEqual([]);
  });

  test.each(rows)('$rule: invalid', async ({ invalid, raw, expected }) => {
    expect(await diagnostics(raw ? invalid : `version: 1\n${invalid}`)).toEqual(expected);
  });
});
