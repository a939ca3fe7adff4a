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
  it('reads nothing by principal when the config names no existing set (nothing to create or delete there)', () => {
    const reads = planScopedReads(base);
    expect(reads).toMatchObject({ principals: [], permissionSetArns: [], accounts: ['111111111111'] });
  });

  it('reads named principals when that is cheaper than the config sets’ provisioned pairs', () => {
    const reads = planScopedReads({
      ...base,
      configSetArns: ['arn:ps/a'],
      ownedSetArns: ['arn:ps/o'],
      provisionedAccounts: new Map([['arn:ps/a', 500]]),
    });
    expect(reads.principals).toEqual([{ type: 'USER', id: 'u-1' }]);
    expect(reads.permissionSetArns).toEqual(['arn:ps/o']);
  });

  it('reads by set when the pairs are fewer, or without the principal scan', () => {
    const cheapPairs = { ...base, configSetArns: ['arn:ps/a'], provisionedAccounts: new Map([['arn:ps/a', 0]]) };
    expect(planScopedReads(cheapPairs)).toMatchObject({ principals: [], permissionSetArns: ['arn:ps/a'] });
    const manyPrincipals = {
      ...base,
      namedPrincipals: [1, 2, 3].map((n) => ({ type: 'GROUP' as const, id: `g-${n}` })),
      configSetArns: ['arn:ps/a'],
    };
    // Unknown provisioning: the principal scan (one call each) is the known cost.
    expect(planScopedReads(manyPrincipals).principals).toHaveLength(3);
    expect(planScopedReads({ ...manyPrincipals, principalScanAvailable: false }).principals).toEqual([]);
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
