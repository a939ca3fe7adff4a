import { describe, expect, test } from 'vitest';
import { InternalError, UsageError } from '../errors.js';
import { denied, failed, notApplicable, ok } from '../observe/evidence.js';
import { catalog } from './catalog.js';
import { defineCheck, EvidenceError, pass } from './define-check.js';
import { runCheckList, runChecks } from './run.js';
import {
  aSnapshot,
  desiredState,
  MANAGEMENT,
  MEMBER,
  NOW,
  runCheck,
  statuses,
  userRow,
} from './test-builders.test-helpers.js';

const base = {
  title: 'A test condition holds',
  severity: 'medium' as const,
  rationale: 'Test.',
  remediation: { console: 'Console → Nowhere' },
  references: {},
};

const throwing = defineCheck({
  ...base,
  id: 'iam.throws',
  scope: 'organization',
  requires: [],
  evaluate: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'x')");
  },
});
const afterIt = defineCheck({
  ...base,
  id: 'iam.after',
  scope: 'organization',
  requires: [],
  evaluate: () => [pass('x', 'Fine.')],
});

describe('fail closed', () => {
  test('a check that throws becomes an error finding and the run goes on', () => {
    const results = runCheckList([throwing, afterIt], {
      snapshot: aSnapshot().build(),
      desired: desiredState(),
      now: NOW,
    });
    expect(results.map((r) => [r.checkId, r.status])).toEqual([
      ['iam.throws', 'error'],
      ['iam.after', 'pass'],
    ]);
    expect(results[0]?.reason).toBe(
      "The check failed while evaluating: Cannot read properties of undefined (reading 'x').",
    );
  });

  test('EvidenceError reads as "could not judge"; an empty or malformed answer is an error too', () => {
    const inconsistent = defineCheck({
      ...base,
      id: 'iam.inconsistent',
      scope: 'organization',
      requires: [],
      evaluate: () => {
        throw new EvidenceError('the report contradicts the summary');
      },
    });
    const silent = defineCheck({ ...base, id: 'iam.silent', scope: 'organization', requires: [], evaluate: () => [] });
    const malformed = defineCheck({
      ...base,
      id: 'iam.malformed',
      scope: 'organization',
      requires: [],
      evaluate: () => [{ status: 'attested' as 'pass', resource: 'x', reason: 'y' }],
    });
    const results = runCheckList([inconsistent, silent, malformed], {
      snapshot: aSnapshot().build(),
      desired: desiredState(),
      now: NOW,
    });
    expect(results.map((r) => [r.status, r.reason])).toEqual([
      ['error', 'Could not judge: the report contradicts the summary.'],
      ['error', 'The check returned no finding, so nothing was judged.'],
      ['error', 'The check returned a malformed finding.'],
    ]);
  });

  test('calling input.fact() on evidence that is not ok throws and becomes an error', () => {
    const sneaky = defineCheck({
      ...base,
      id: 'iam.sneaky',
      scope: 'organization',
      requires: ['organizations.organization'],
      handlesNotApplicable: ['organizations.organization'],
      evaluate: (input) => [pass(input.fact('organizations.organization').id, 'In an org.')],
    });
    const [r] = runCheckList([sneaky], {
      snapshot: aSnapshot().noOrganization().build(),
      desired: desiredState(),
      now: NOW,
    });
    expect(r).toMatchObject({
      status: 'error',
      reason: 'Could not judge: the account is not a member of an organization.',
    });
  });
});

describe('evidence gating', () => {
  const needsTwo = defineCheck({
    ...base,
    id: 'identity-center.needs-two',
    scope: 'organization',
    requires: ['identity-center.instance', 'identity-center.permission-sets'],
    evaluate: () => [pass('x', 'Never reached in these tests.')],
  });

  test('absent, denied and failed facts are all named in one error', () => {
    const snapshot = aSnapshot().org('identity-center.instance', denied('sso:ListInstances', 'AccessDenied')).build();
    const [r] = runCheckList([needsTwo], { snapshot, desired: desiredState(), now: NOW });
    expect(r?.status).toBe('error');
    expect(r?.reason).toBe(
      'Could not judge: access denied to sso:ListInstances (reading identity-center.instance): run `gatehouse permissions --for audit` for the policy gatehouse needs; identity-center.permission-sets was not read.',
    );
  });

  test('one message for one cause: an unreadable fact is stated once, later checks point to it', () => {
    const message = 'could not look for an IAM Identity Center instance in us-east-1, us-east-2 and 32 more: timed out';
    // As collect builds it: every fact that needs the instance repeats its message after "needs …: ".
    const builder = aSnapshot().org('identity-center.instance', failed('region-probe-incomplete', message));
    for (const id of [
      'identity-center.permission-sets',
      'identity-center.assignments',
      'identity-center.provisioning',
      'identity-store.users',
      'identity-store.groups',
      'identity-store.memberships',
    ] as const) {
      builder.org(id, failed('region-probe-incomplete', `needs identity-center.instance: ${message}`));
    }
    const snapshot = builder.build();
    const results = runChecks({ snapshot, desired: desiredState(), now: NOW, checks: ['identity-center.'] });
    const blocked = results.filter((r) => r.status === 'error' && r.reason.startsWith('Could not judge'));
    expect(blocked.length).toBeGreaterThan(5);
    expect(results.filter((r) => r.reason.includes(message))).toHaveLength(1);
    const [first, ...rest] = blocked;
    expect(first?.reason).toContain(`could not read identity-center.instance: ${message}`);
    for (const r of rest) {
      expect(r.reason).toMatch(/[a-z., -]+ could not be read \(the cause is stated once, under /);
      expect(r.reason).toContain(`under ${first?.checkId})`);
    }
  });

  test('notApplicable wins over an unreadable side fact (the check does not apply)', () => {
    const snapshot = aSnapshot()
      .org('identity-center.instance', failed('Throttling', 'slow'))
      .org('identity-center.permission-sets', notApplicable('no IAM Identity Center instance'))
      .build();
    expect(runCheckList([needsTwo], { snapshot, desired: desiredState(), now: NOW })[0]).toMatchObject({
      status: 'skipped',
      reason: 'No IAM Identity Center instance.',
    });
  });

  test('a denied optional fact does not block the check', () => {
    const snapshot = aSnapshot()
      .permissionSets()
      .assignments()
      .org('identity-store.users', denied('identitystore:ListUsers', 'AccessDenied'))
      .build();
    expect(runCheck('identity-center.admin-through-groups', snapshot)[0]?.status).toBe('pass');
  });
});

describe('scope', () => {
  test('account checks run once per account, the caller first, findings carry the account', () => {
    const snapshot = aSnapshot(MEMBER)
      .credentialRows('333333333333', userRow('a', '333333333333'))
      .credentialRows(MANAGEMENT, userRow('a'))
      .credentialRows(MEMBER, userRow('a', MEMBER))
      .build();
    expect(runCheck('iam.no-console-users', snapshot).map((r) => r.accountId)).toEqual([
      MEMBER,
      MANAGEMENT,
      '333333333333',
    ]);
  });

  test('an account that could not be entered reports error for its facts; the others are judged', () => {
    const snapshot = aSnapshot()
      .credentialRows(MANAGEMENT, userRow('a'))
      .account(
        MEMBER,
        'iam.credential-report',
        failed('AccessDenied', 'could not assume OrganizationAccountAccessRole'),
      )
      .build();
    expect(runCheck('iam.no-console-users', snapshot).map((r) => [r.accountId, r.status])).toEqual([
      [MANAGEMENT, 'pass'],
      [MEMBER, 'error'],
    ]);
  });
});

describe('waivers', () => {
  const snapshot = aSnapshot().rootUser(MANAGEMENT, { mfa: false }).rootUser(MEMBER, { mfa: false }).build();

  test('an unexpired waiver marks a fail as waived; the status stays fail', () => {
    const desired = desiredState((d) => {
      d.audit.waivers = [
        { checkId: 'root.mfa-enabled', accountId: MEMBER, reason: 'account is being closed', expires: '2026-12-31' },
      ];
    });
    const results = runCheck('root.mfa-enabled', snapshot, desired);
    expect(results.map((r) => [r.accountId, r.status, r.waived])).toEqual([
      [MANAGEMENT, 'fail', undefined],
      [MEMBER, 'fail', { reason: 'account is being closed', expires: '2026-12-31' }],
    ]);
  });

  test('a waiver is valid through its expiry day; an expired one has no effect and the finding says so', () => {
    const lastDay = desiredState((d) => {
      d.audit.waivers = [{ checkId: 'root.mfa-enabled', reason: 'r', expires: '2026-11-28' }];
    });
    expect(runCheck('root.mfa-enabled', snapshot, lastDay).every((r) => r.waived !== undefined)).toBe(true);
    const expired = desiredState((d) => {
      d.audit.waivers = [{ checkId: 'root.mfa-enabled', reason: 'r', expires: '2026-11-27' }];
    });
    const results = runCheck('root.mfa-enabled', snapshot, expired);
    expect(results.every((r) => r.waived === undefined)).toBe(true);
    expect(results[0]?.reason).toBe('The root user has no MFA device. (A waiver for this expired on 2026-11-27.)');
  });

  test('a resource-scoped waiver only covers that resource; waivers never cover errors or passes', () => {
    const desired = desiredState((d) => {
      d.audit.waivers = [
        {
          checkId: 'root.mfa-enabled',
          resource: `arn:aws:iam::${MANAGEMENT}:root`,
          reason: 'r',
          expires: '2027-01-01',
        },
        { checkId: 'iam.no-console-users', reason: 'r', expires: '2027-01-01' },
      ];
    });
    expect(runCheck('root.mfa-enabled', snapshot, desired).map((r) => r.waived !== undefined)).toEqual([true, false]);
    const deniedReport = aSnapshot()
      .account(MANAGEMENT, 'iam.credential-report', denied('iam:GetCredentialReport', 'x'))
      .build();
    expect(runCheck('iam.no-console-users', deniedReport, desired)[0]).toMatchObject({ status: 'error' });
    expect(runCheck('iam.no-console-users', deniedReport, desired)[0]?.waived).toBeUndefined();
  });
});

describe('severity', () => {
  test('config overrides win over escalations', () => {
    const snapshot = aSnapshot().rootUser(MANAGEMENT).build();
    const hardware = desiredState((d) => {
      d.root.mfa = 'hardware';
    });
    expect(runCheck('root.hardware-mfa', snapshot, hardware)[0]?.severity).toBe('high');
    hardware.audit.severityOverrides['root.hardware-mfa'] = 'critical';
    expect(runCheck('root.hardware-mfa', snapshot, hardware)[0]?.severity).toBe('critical');
  });
});

describe('honesty', () => {
  /** What moto returns: no root user (flags hard-coded 0, no <root_account> row), no ListOrganizationsFeatures. */
  function motoLike() {
    return aSnapshot()
      .organization()
      .org('iam.organizations-features', failed('InternalFailure', 'XML parse error'))
      .account(
        MANAGEMENT,
        'iam.account-summary',
        ok({ Users: 1, AccountMFAEnabled: 0, AccountAccessKeysPresent: 0, AccountSigningCertificatesPresent: 0 }),
      )
      .credentialRows(MANAGEMENT, userRow('admin', MANAGEMENT, { passwordEnabled: true }))
      .account(MANAGEMENT, 'iam.virtual-mfa-devices', ok([]))
      .build();
  }

  test('against a moto-like account every root check reports error, never pass (or fail on invented data)', () => {
    const results = runChecks({ snapshot: motoLike(), desired: desiredState(), now: NOW, checks: ['root.'] });
    const perAccount = results.filter((r) => r.checkId !== 'root.centralized-management');
    expect(perAccount.length).toBe(5);
    expect(new Set(statuses(perAccount))).toEqual(new Set(['error']));
    for (const r of perAccount) expect(r.reason).toContain('<root_account>');
    expect(results.find((r) => r.checkId === 'root.centralized-management')?.status).toBe('error');
  });

  test('the centralized-root skip needs every piece of evidence: features unreadable → judged normally', () => {
    const snapshot = aSnapshot()
      .organization()
      .org('iam.organizations-features', denied('iam:ListOrganizationsFeatures', 'AccessDenied'))
      .rootUser(MEMBER, { mfa: false, password: false })
      .build();
    expect(statuses(runCheck('root.mfa-enabled', snapshot))).toEqual(['fail']);
  });

  test('a summary without AccountPasswordPresent falls back to the root row for the skip', () => {
    const snapshot = aSnapshot()
      .organization()
      .orgFeatures('RootCredentialsManagement')
      .rootUser(MEMBER, { mfa: false, password: false, summaryHasPasswordFlag: false })
      .build();
    expect(statuses(runCheck('root.mfa-enabled', snapshot))).toEqual(['skipped']);
  });

  test('with every fact denied, no check passes', () => {
    const snapshot = aSnapshot().build();
    for (const id of [
      'organizations.organization',
      'identity-center.instance',
      'identity-center.permission-sets',
    ] as const) {
      snapshot.org[id] = denied('x:Y', 'AccessDenied');
    }
    const results = runChecks({ snapshot, desired: desiredState(), now: NOW });
    expect(results.filter((r) => r.status === 'pass')).toEqual([]);
    expect(new Set(results.map((r) => r.checkId))).toEqual(new Set(catalog.map((c) => c.id)));
  });
});

describe('inputs', () => {
  test('unknown check ids are a usage error; an invalid time is an internal error', () => {
    expect(() =>
      runChecks({ snapshot: aSnapshot().build(), desired: desiredState(), now: NOW, checks: ['rot.'] }),
    ).toThrow(UsageError);
    expect(() => runChecks({ snapshot: aSnapshot().build(), desired: desiredState(), now: 'yesterday' })).toThrow(
      InternalError,
    );
  });

  test('a check id that is also an area prefix is not confused', () => {
    const results = runChecks({
      snapshot: aSnapshot().build(),
      desired: desiredState(),
      now: NOW,
      checks: ['organization'],
    });
    expect(new Set(results.map((r) => r.checkId))).toEqual(
      new Set(['organization.exists', 'organization.all-features']),
    );
  });

  test('with no account in scope, every account check yields exactly one error (never silence)', () => {
    const results = runChecks({ snapshot: aSnapshot().build(), desired: desiredState(), now: NOW, checks: ['iam.'] });
    expect(results.map((r) => r.checkId)).toEqual(catalog.filter((c) => c.area === 'iam').map((c) => c.id));
    expect(new Set(statuses(results))).toEqual(new Set(['error']));
  });
});
