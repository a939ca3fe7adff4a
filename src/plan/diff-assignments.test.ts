import { describe, expect, it } from 'vitest';
import {
  DEV,
  desiredState,
  group,
  groupId,
  liveAssignment,
  liveGroup,
  livePermissionSet,
  liveUser,
  MGMT,
  PROD,
  permissionSet,
  psArn,
  rule,
  SANDBOX,
  SHARED,
  user,
  userId,
} from '../../test/plan/builders.js';
import { action, expectValidOrder, ids, planFor } from '../../test/plan/plan-helpers.js';
import { ConfigError } from '../errors.js';

const base = {
  permissionSets: [permissionSet('Dev'), permissionSet('Ops')],
  users: [user('ana')],
  groups: [group('Team', ['ana'])],
};
const live = {
  permissionSets: [livePermissionSet('Dev'), livePermissionSet('Ops')],
  users: [liveUser('ana')],
  groups: [liveGroup('Team')],
  memberships: [{ membershipId: 'm-1', groupId: groupId('Team'), userId: userId('ana') }],
};

describe('assignments inside a read scope', () => {
  const scoped = (scope: { principals?: string[]; sets?: string[]; accounts?: string[] }) => ({
    principals: (scope.principals ?? []).map((p) => ({
      type: p.startsWith('user:') ? ('USER' as const) : ('GROUP' as const),
      id: p.startsWith('user:') ? userId(p.slice(5)) : groupId(p.slice(6)),
    })),
    permissionSetArns: (scope.sets ?? []).map(psArn),
    accounts: scope.accounts ?? [],
  });

  it('judges only inside the scope: an assignment outside it is neither deleted nor reported, even with --prune', () => {
    const world = {
      ...live,
      assignments: [liveAssignment('Dev', 'group:Team', PROD), liveAssignment('Ops', 'group:Team', DEV)],
    };
    const desired = desiredState({ ...base, assignments: [rule(0, 'group:Team', 'Dev', ['dev'])] });
    const full = planFor(desired, world, { prune: true });
    expect(ids(full)).toContain('assignment/Ops/group:Team/222222222222#delete');
    const plan = planFor(desired, { ...world, assignmentScope: scoped({ sets: ['Dev'] }) }, { prune: true });
    expect(ids(plan)).toEqual([
      'assignment/Dev/group:Team/222222222222#create',
      'assignment/Dev/group:Team/333333333333#delete',
    ]);
    expect(plan.drift.map((d) => d.address)).not.toContain('assignment/Ops/group:Team/222222222222');
  });

  it('refuses to plan a creation it could not have seen (a scope that misses a wanted assignment)', () => {
    const desired = desiredState({ ...base, assignments: [rule(0, 'group:Team', 'Dev', ['dev'])] });
    expect(() => planFor(desired, { ...live, assignmentScope: scoped({ sets: ['Ops'] }) })).toThrow(/was not read/);
  });
});

describe('assignments', () => {
  it('creates what the expanded rules produce, with live ids where known, and records each rule’s resolution', () => {
    const plan = planFor(
      desiredState({ ...base, assignments: [rule(0, 'group:Team', 'Dev', ['ou:/Workloads'])] }),
      live,
    );
    expect(ids(plan)).toEqual([
      'assignment/Dev/group:Team/222222222222#create',
      'assignment/Dev/group:Team/333333333333#create',
      'assignment/Dev/group:Team/444444444444#create',
    ]);
    expect(action(plan, 'assignment/Dev/group:Team/222222222222#create')).toMatchObject({
      permissionSet: { name: 'Dev', arn: psArn('Dev') },
      principal: { type: 'group', name: 'Team', id: groupId('Team') },
      accountId: DEV,
      risk: 'broadening',
      after: { permissionSet: 'Dev', principal: 'group:Team', accountId: DEV },
      reason: { code: 'missing', message: 'assignment rule #1 assigns it' },
    });
    expect(plan.resolution[0]).toMatchObject({ rule: 0, principal: 'group:Team', accounts: [DEV, PROD, SHARED] });
    expect(plan.accountNames).toMatchObject({ [DEV]: 'dev', [PROD]: 'prod', [SHARED]: 'shared', [MGMT]: 'management' });
  });

  it('deletes a managed assignment no rule produces any more, and keeps the ones it does', () => {
    const plan = planFor(desiredState({ ...base, assignments: [rule(0, 'group:Team', 'Dev', ['dev'])] }), {
      ...live,
      assignments: [liveAssignment('Dev', 'group:Team', DEV), liveAssignment('Dev', 'group:Team', PROD)],
    });
    expect(ids(plan)).toEqual(['assignment/Dev/group:Team/333333333333#delete']);
    expect(action(plan, 'assignment/Dev/group:Team/333333333333#delete')).toMatchObject({
      permissionSet: { name: 'Dev', arn: psArn('Dev') },
      principal: { type: 'group', name: 'Team', id: groupId('Team') },
      risk: 'destructive',
      reason: { code: 'not-in-config' },
      before: { permissionSet: 'Dev', principal: 'group:Team', accountId: PROD },
      after: null,
    });
  });

  it('leaves assignments of principals or sets the config does not name alone (drift) unless --prune', () => {
    const world = {
      ...live,
      permissionSets: [...live.permissionSets, livePermissionSet('ClickOps', { tags: {} })],
      users: [...live.users, liveUser('zoe')],
      assignments: [liveAssignment('Dev', 'user:zoe', DEV), liveAssignment('ClickOps', 'group:Team', DEV)],
    };
    const plain = planFor(desiredState(base), world);
    expect(plain.actions).toEqual([]);
    expect(plain.drift.filter((d) => d.address.startsWith('assignment/')).map((d) => d.address)).toEqual([
      'assignment/ClickOps/group:Team/222222222222',
      'assignment/Dev/user:zoe/222222222222',
    ]);
    const pruned = planFor(desiredState(base), world, { prune: true });
    expect(ids(pruned)).toEqual([
      'assignment/ClickOps/group:Team/222222222222#delete',
      'assignment/Dev/user:zoe/222222222222#delete',
      'permission-set/ClickOps#delete',
      'user/zoe#delete',
    ]);
    expectValidOrder(pruned);
  });

  it('reports assignments whose principal no longer exists as orphans (deleted with --prune)', () => {
    const world = {
      ...live,
      assignments: [
        { accountId: DEV, permissionSetArn: psArn('Dev'), principalType: 'USER' as const, principalId: 'gone-id' },
      ],
    };
    expect(planFor(desiredState(base), world).drift).toMatchObject([
      { code: 'orphan-assignment', address: 'assignment/Dev/user:gone-id/222222222222' },
    ]);
    expect(ids(planFor(desiredState(base), world, { prune: true }))).toEqual([
      'assignment/Dev/user:gone-id/222222222222#delete',
    ]);
  });

  it('assignments to principals and sets created by the same apply carry null ids and wait for them', () => {
    const plan = planFor(
      desiredState({
        permissionSets: [permissionSet('New')],
        users: [user('neo')],
        assignments: [rule(0, 'user:neo', 'New', ['dev'])],
      }),
    );
    expect(action(plan, 'assignment/New/user:neo/222222222222#create')).toMatchObject({
      permissionSet: { name: 'New', arn: null },
      principal: { type: 'user', name: 'neo', id: null },
      dependsOn: ['permission-set/New#create', 'user/neo#create'],
    });
  });

  it('make before break: a deletion waits for the creates of the same principal in the same account', () => {
    const plan = planFor(desiredState({ ...base, assignments: [rule(0, 'group:Team', 'Ops', ['dev'])] }), {
      ...live,
      assignments: [liveAssignment('Dev', 'group:Team', DEV)],
    });
    expect(ids(plan)).toEqual([
      'assignment/Ops/group:Team/222222222222#create',
      'assignment/Dev/group:Team/222222222222#delete',
    ]);
    expect(action(plan, 'assignment/Dev/group:Team/222222222222#delete').dependsOn).toEqual([
      'assignment/Ops/group:Team/222222222222#create',
    ]);
  });

  it('interleaves assignment actions round-robin across accounts', () => {
    const plan = planFor(
      desiredState({
        ...base,
        assignments: [
          rule(0, 'group:Team', 'Dev', ['dev', 'prod', 'sandbox']),
          rule(1, 'group:Team', 'Ops', ['dev', 'prod', 'sandbox']),
        ],
      }),
      live,
    );
    expect(plan.actions.map((a) => ('accountId' in a ? a.accountId : ''))).toEqual([
      DEV,
      PROD,
      SANDBOX,
      DEV,
      PROD,
      SANDBOX,
    ]);
    for (let i = 1; i < plan.actions.length; i++) {
      const a = plan.actions[i - 1]!;
      const b = plan.actions[i]!;
      expect('accountId' in a && 'accountId' in b && a.accountId === b.accountId).toBe(false);
    }
  });

  it('fails with positions for rules naming an unknown principal, permission set or account', () => {
    let error: unknown;
    try {
      planFor(
        desiredState({
          ...base,
          assignments: [
            rule(0, 'group:Nobody', 'Dev', ['dev']),
            rule(1, 'group:Team', 'Missing', ['dev']),
            rule(2, 'group:Team', 'Dev', ['nowhere']),
          ],
        }),
        live,
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe('cannot plan: 3 problem(s) resolving the configuration against AWS');
    expect((error as ConfigError).diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['unknown-account', 22],
      ['unknown-principal', 20],
      ['unknown-permission-set', 21],
    ]);
  });

  it('assignments may use a live permission set the config does not declare (a reference by name)', () => {
    const plan = planFor(desiredState({ ...base, assignments: [rule(0, 'group:Team', 'ClickOps', ['dev'])] }), {
      ...live,
      permissionSets: [...live.permissionSets, livePermissionSet('ClickOps', { tags: {} })],
    });
    expect(action(plan, 'assignment/ClickOps/group:Team/222222222222#create')).toMatchObject({
      permissionSet: { name: 'ClickOps', arn: psArn('ClickOps') },
    });
  });
});
