import { describe, expect, it } from 'vitest';
import {
  desiredState,
  group,
  groupId,
  liveGroup,
  liveMembership,
  liveUser,
  membershipId,
  permissionSet,
  rule,
  user,
  userId,
} from '../../test/plan/builders.js';
import { action, expectValidOrder, ids, planFor } from '../../test/plan/plan-helpers.js';
import { ConfigError } from '../errors.js';

describe('users and groups (internal identity store)', () => {
  it('creates missing users and groups, and memberships after both', () => {
    const plan = planFor(
      desiredState({ users: [user('ana')], groups: [group('Founders', ['ana'], { description: 'The founders' })] }),
    );
    expect(ids(plan)).toEqual(['group/Founders#create', 'user/ana#create', 'membership/Founders/ana#create']);
    expect(action(plan, 'user/ana#create')).toMatchObject({
      user: { userName: 'ana', id: null },
      after: {
        userName: 'ana',
        displayName: 'Ana Example',
        givenName: 'Ana',
        familyName: 'Example',
        email: 'ana@example.com',
      },
      risk: 'neutral',
    });
    expect(action(plan, 'membership/Founders/ana#create')).toMatchObject({
      group: { name: 'Founders', id: null },
      user: { userName: 'ana', id: null },
      risk: 'broadening',
      dependsOn: ['group/Founders#create', 'user/ana#create'],
    });
    expect(action(plan, 'group/Founders#create').after).toEqual({
      displayName: 'Founders',
      description: 'The founders',
    });
  });

  it('matches users by user name (the config key may differ) and updates the attributes that differ', () => {
    const plan = planFor(desiredState({ users: [user('ana', { userName: 'ana@corp', email: 'ana@corp.example' })] }), {
      users: [liveUser('ana@corp', { email: 'old@corp.example', displayName: 'Ana Example' })],
    });
    expect(action(plan, 'user/ana@corp#update')).toMatchObject({
      user: { userName: 'ana@corp', id: userId('ana@corp') },
      changes: ['givenName', 'email'],
      before: { email: 'old@corp.example' },
      after: { email: 'ana@corp.example' },
    });
  });

  it('updates a group description, including clearing it', () => {
    const plan = planFor(desiredState({ groups: [group('Ops')] }), {
      groups: [liveGroup('Ops', { description: 'old' })],
    });
    expect(action(plan, 'group/Ops#update')).toMatchObject({
      group: { name: 'Ops', id: groupId('Ops') },
      before: { description: 'old' },
      after: { description: null },
    });
  });

  it('a managed group’s member list is its truth; unmanaged users and groups are drift unless --prune', () => {
    const world = {
      users: [liveUser('ana'), liveUser('bob')],
      groups: [liveGroup('Founders'), liveGroup('Legacy')],
      memberships: [
        liveMembership('Founders', 'ana'),
        liveMembership('Founders', 'bob'),
        liveMembership('Legacy', 'bob'),
      ],
    };
    const desired = desiredState({ users: [user('ana')], groups: [group('Founders', ['ana'])] });
    const plain = planFor(desired, world);
    expect(ids(plain)).toEqual(['membership/Founders/bob#delete']);
    expect(action(plain, 'membership/Founders/bob#delete')).toMatchObject({
      membershipId: membershipId('Founders', 'bob'),
      risk: 'destructive',
      reason: { code: 'not-in-config' },
    });
    expect(plain.drift.map((d) => d.address)).toEqual(['group/Legacy', 'user/bob']);

    const pruned = planFor(desired, world, { prune: true });
    expect(ids(pruned)).toEqual([
      'membership/Founders/bob#delete',
      'membership/Legacy/bob#delete',
      'group/Legacy#delete',
      'user/bob#delete',
    ]);
    expect(action(pruned, 'user/bob#delete').dependsOn).toEqual([
      'membership/Founders/bob#delete',
      'membership/Legacy/bob#delete',
    ]);
    expect(pruned.drift).toEqual([]);
    expectValidOrder(pruned);
  });
});

describe('look-alike principals (the identity rule)', () => {
  function refusal(desired: Parameters<typeof planFor>[0], live: Parameters<typeof planFor>[1]) {
    try {
      planFor(desired, live);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as ConfigError).diagnostics.map((d) => `${d.code} ${d.path}: ${d.message}`);
    }
    throw new Error('the plan was not refused');
  }

  it('refuses a config group that is a case-only look-alike of a live one, naming its members', () => {
    expect(
      refusal(desiredState({ users: [user('ada')], groups: [group('Founders', ['ada'])] }), {
        users: [liveUser('mallory')],
        groups: [liveGroup('founders')],
        memberships: [liveMembership('founders', 'mallory')],
      }),
    ).toEqual([
      'principal-lookalike groups.Founders: group Founders: the Identity Store already has group founders (members: mallory); gatehouse compares group names ignoring case, Unicode form and look-alike letters, and will not adopt it unseen: to manage it, write its exact name `founders` in the config (the next plan lists every change to it); otherwise choose another name',
    ]);
  });

  it('refuses a config user whose name is a full-width or Cyrillic look-alike of a live user', () => {
    expect(refusal(desiredState({ users: [user('ismail')] }), { users: [liveUser('Ismail')] })).toEqual([
      expect.stringMatching(
        /^principal-lookalike users.ismail: user ismail: the Identity Store already has user Ismail; /,
      ),
    ]);
    expect(refusal(desiredState({ groups: [group('Ace')] }), { groups: [liveGroup('Асе')] })).toEqual([
      expect.stringMatching(
        /^principal-lookalike groups.Ace: group Ace: the Identity Store already has group Асе \(no members\)/,
      ),
    ]);
  });

  it('an exact name is managed, not refused: members the config does not list are removed first', () => {
    const plan = planFor(
      desiredState({
        users: [user('ada')],
        groups: [group('founders', ['ada'])],
        permissionSets: [permissionSet('Admin')],
        assignments: [rule(0, 'group:founders', 'Admin', ['management'])],
      }),
      {
        users: [liveUser('ada'), liveUser('mallory')],
        groups: [liveGroup('founders')],
        memberships: [liveMembership('founders', 'mallory')],
      },
    );
    const grant = plan.actions.find((a) => a.type === 'assignment' && a.kind === 'create')!;
    expect(grant.dependsOn).toContain('membership/founders/mallory#delete');
  });

  it('with an external identity source a look-alike gets one message, not also "missing"', () => {
    const desired = desiredState({
      identityCenter: { ...desiredState().identityCenter, identitySource: 'external' },
      groups: [group('Founders')],
    });
    expect(refusal(desired, { groups: [liveGroup('founders')] })).toEqual([
      expect.stringMatching(/^principal-lookalike groups.Founders: /),
    ]);
  });
});

describe('external identity source', () => {
  const external = (overrides = {}) =>
    desiredState({
      identityCenter: { ...desiredState().identityCenter, identitySource: 'external' },
      permissionSets: [permissionSet('Dev')],
      ...overrides,
    });

  it('users and groups are read-only references: nothing in the store is created, changed or removed', () => {
    const plan = planFor(
      external({ users: [user('ana', { email: 'different@example.com' })], groups: [group('Engineers', [])] }),
      {
        users: [liveUser('ana'), liveUser('bob')],
        groups: [liveGroup('Engineers'), liveGroup('Other')],
        memberships: [liveMembership('Engineers', 'bob')],
      },
      { prune: true },
    );
    expect(plan.actions.filter((a) => ['user', 'group', 'membership'].includes(a.type))).toEqual([]);
  });

  it('a missing one fails the plan instead of creating a look-alike, pointing at the config', () => {
    const desired = external({
      groups: [group('Engineers', [], { source: { file: 'gatehouse.yaml', line: 7, column: 3 } })],
      assignments: [rule(0, 'user:carol', 'Dev', ['dev'])],
    });
    let error: unknown;
    try {
      planFor(desired, { users: [liveUser('ana')] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const diagnostics = (error as ConfigError).diagnostics;
    expect(diagnostics.map((d) => [d.code, d.line, d.path])).toEqual([
      ['external-principal-missing', 7, 'groups.Engineers'],
      ['external-principal-missing', 20, 'assignments.0.principal'],
    ]);
    expect(diagnostics[0]!.message).toBe(
      'group Engineers is not in the external identity source; gatehouse will not create a look-alike (provision it through your identity provider, or fix the name)',
    );
  });

  it('assignments to existing external principals are planned with their ids', () => {
    const plan = planFor(external({ assignments: [rule(0, 'group:Engineers', 'Dev', ['dev'])] }), {
      groups: [liveGroup('Engineers')],
    });
    expect(action(plan, 'assignment/Dev/group:Engineers/222222222222#create')).toMatchObject({
      principal: { type: 'group', name: 'Engineers', id: groupId('Engineers') },
    });
  });
});
