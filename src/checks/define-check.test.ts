import { describe, expect, test } from 'vitest';
import { defineCheck, inAccount, pass } from './define-check.js';

describe('defineCheck', () => {
  test('derives the area, merges the root-user facts, freezes the result', () => {
    const check = defineCheck({
      id: 'root.example',
      title: 'An example condition holds',
      severity: 'low',
      rationale: 'x',
      remediation: { console: 'A → B' },
      references: {},
      scope: 'account',
      rootUser: true,
      requires: ['iam.credential-report'],
      evaluate: (input) => [pass('r', String(input.fact('iam.credential-report').rows.length))],
    });
    expect(check.area).toBe('root');
    expect(check.alsoReads).toEqual([
      'organizations.organization',
      'iam.organizations-features',
      'iam.account-summary',
    ]);
    expect(check.handlesNotApplicable).toEqual([]);
    expect(Object.isFrozen(check)).toBe(true);
  });

  test('reading a fact the check did not declare does not compile', () => {
    defineCheck({
      id: 'iam.example',
      title: 'An example condition holds',
      severity: 'low',
      rationale: 'x',
      remediation: { console: 'A → B' },
      references: {},
      scope: 'account',
      requires: ['iam.password-policy'],
      alsoReads: ['identity-store.users'],
      evaluate(input) {
        // @ts-expect-error iam.credential-report is neither required nor optional here
        input.fact('iam.credential-report');
        // @ts-expect-error an optional fact must be read with optional(), which may return undefined
        input.fact('identity-store.users');
        return [pass('r', `${input.optional('identity-store.users')?.length}`)];
      },
    });
  });

  test('inAccount sets the account only when known', () => {
    expect(inAccount(pass('r', 'x'), undefined)).toEqual({ status: 'pass', resource: 'r', reason: 'x' });
    expect(inAccount(pass('r', 'x'), '1')).toEqual({ status: 'pass', resource: 'r', reason: 'x', accountId: '1' });
  });
});
