import { describe, expect, it } from 'vitest';
import { chooseAssignmentStrategy } from './assignment-strategy.js';

describe('chooseAssignmentStrategy', () => {
  it('picks the principal scan for many accounts and few people (scale.md Ex2 with groups only)', () => {
    const d = chooseAssignmentStrategy({ groups: 200, users: 0, permissionSets: 30, accounts: 1000 });
    expect(d.strategy).toBe('principal-scan');
  });

  it('asks for the provisioned pairs when the principals outnumber the first pass', () => {
    // scale.md Ex2: G + U = 5,200 > P·⌈A/100⌉ = 300.
    const d = chooseAssignmentStrategy({ groups: 200, users: 5000, permissionSets: 30, accounts: 1000 });
    expect(d.strategy).toBe('count-provisioned-pairs');
  });

  it('with the pairs known: principal scan when principals are fewer than pairs', () => {
    const d = chooseAssignmentStrategy({
      groups: 200,
      users: 5000,
      permissionSets: 30,
      accounts: 1000,
      provisionedPairs: 12000,
    });
    expect(d).toMatchObject({ strategy: 'principal-scan', principalCalls: 5200, pairCalls: 12000 });
  });

  it('with the pairs known: pair scan when pairs are fewer (scale.md Ex1 with < 330 pairs)', () => {
    const d = chooseAssignmentStrategy({
      groups: 30,
      users: 300,
      permissionSets: 10,
      accounts: 100,
      provisionedPairs: 120,
    });
    expect(d).toMatchObject({ strategy: 'pair-scan', principalCalls: 330, pairCalls: 120 });
  });

  it('a tie goes to the pair scan, which also sees principals deleted from the store', () => {
    expect(chooseAssignmentStrategy({ groups: 5, users: 5, permissionSets: 2, provisionedPairs: 10 }).strategy).toBe(
      'pair-scan',
    );
  });

  it('falls back to the pair scan when the identity store could not be read', () => {
    expect(chooseAssignmentStrategy({ permissionSets: 3, accounts: 10 }).strategy).toBe('pair-scan');
    expect(chooseAssignmentStrategy({ groups: 3, permissionSets: 3 }).strategy).toBe('pair-scan');
  });

  it('without an account count assumes one account for the first pass (a lower bound)', () => {
    expect(chooseAssignmentStrategy({ groups: 1, users: 2, permissionSets: 3 }).strategy).toBe('principal-scan');
    expect(chooseAssignmentStrategy({ groups: 1, users: 3, permissionSets: 3 }).strategy).toBe(
      'count-provisioned-pairs',
    );
  });
});

describe('chooseAssignmentStrategy outside the management account', () => {
  it('never picks the principal scan, however cheap, when the caller is not the management account', () => {
    const d = chooseAssignmentStrategy({
      groups: 1,
      users: 1,
      permissionSets: 30,
      accounts: 1000,
      provisionedPairs: 12000,
      fromManagementAccount: false,
    });
    expect(d.strategy).toBe('pair-scan');
    expect(d.reason).toContain('only from the management account');
  });
});
