import { describe, expect, it } from 'vitest';
import { inAssignmentScope, planScopedReads, type ScopedReadInputs } from './assignment-scope.js';

const base: ScopedReadInputs = {
  namedPrincipals: [{ type: 'USER', id: 'u-1' }],
  configSetArns: [],
  ownedSetArns: [],
  accounts: ['111111111111'],
  principalScanAvailable: true,
};

describe('planScopedReads', () => {
  it('reads the named principals, the owned sets and the admin accounts', () => {
    const reads = planScopedReads({ ...base, configSetArns: ['arn:ps/a'], ownedSetArns: ['arn:ps/o'] });
    expect(reads).toMatchObject({
      principals: [{ type: 'USER', id: 'u-1' }],
      permissionSetArns: ['arn:ps/o'],
      accounts: ['111111111111'],
    });
  });

  it('reads the config’s and owned sets pair by pair when the principal scan is unavailable', () => {
    const reads = planScopedReads({
      ...base,
      configSetArns: ['arn:ps/a'],
      ownedSetArns: ['arn:ps/o'],
      principalScanAvailable: false,
    });
    expect(reads).toMatchObject({ principals: [], permissionSetArns: ['arn:ps/a', 'arn:ps/o'] });
  });
});

describe('inAssignmentScope', () => {
  const scope = {
    principals: [{ type: 'USER' as const, id: 'u-1' }],
    permissionSetArns: ['arn:ps/o'],
    accounts: ['111111111111'],
  };
  it('covers an assignment held by a scoped principal, of a scoped set, or in a scoped account; a full read covers all', () => {
    expect(
      inAssignmentScope(scope, { accountId: '222222222222', permissionSetArn: 'arn:ps/x', principalId: 'u-1' }),
    ).toBe(true);
    expect(
      inAssignmentScope(scope, { accountId: '222222222222', permissionSetArn: 'arn:ps/o', principalId: 'g-9' }),
    ).toBe(true);
    expect(
      inAssignmentScope(scope, { accountId: '111111111111', permissionSetArn: 'arn:ps/x', principalId: 'g-9' }),
    ).toBe(true);
    expect(
      inAssignmentScope(scope, { accountId: '222222222222', permissionSetArn: 'arn:ps/x', principalId: 'g-9' }),
    ).toBe(false);
    expect(
      inAssignmentScope(undefined, { accountId: '222222222222', permissionSetArn: 'arn:ps/x', principalId: 'g-9' }),
    ).toBe(true);
  });
});
