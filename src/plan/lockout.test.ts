import { describe, expect, it } from 'vitest';
import {
  ADMIN_ARN,
  DEV,
  desiredState,
  group,
  IAM_CALLER,
  type LiveWorld,
  liveAssignment,
  liveGroup,
  liveMembership,
  livePermissionSet,
  liveUser,
  MGMT,
  permissionSet,
  READONLY_ARN,
  rule,
  snapshotOf,
  ssoCaller,
  user,
} from '../../test/plan/builders.js';
import { planFor } from '../../test/plan/plan-helpers.js';
import type { DesiredState } from '../model/desired.js';
import { findLockouts, parseIdentityCenterCaller } from './lockout.js';

const sets = [
  permissionSet('Admin', { managedPolicies: [ADMIN_ARN] }),
  permissionSet('ReadOnly', { managedPolicies: [READONLY_ARN] }),
];
const live: LiveWorld = {
  permissionSets: [
    livePermissionSet('Admin', { managedPolicies: [ADMIN_ARN] }),
    livePermissionSet('ReadOnly', { managedPolicies: [READONLY_ARN] }),
  ],
  users: [liveUser('ana'), liveUser('bob')],
  groups: [liveGroup('Founders')],
  memberships: [liveMembership('Founders', 'ana')],
  assignments: [liveAssignment('Admin', 'group:Founders', MGMT), liveAssignment('ReadOnly', 'user:bob', MGMT)],
};
/** The config that matches `live`. */
const matching = (overrides: Partial<DesiredState> = {}) =>
  desiredState({
    permissionSets: sets,
    users: [user('ana'), user('bob')],
    groups: [group('Founders', ['ana'])],
    assignments: [rule(0, 'group:Founders', 'Admin', ['management']), rule(1, 'user:bob', 'ReadOnly', ['management'])],
    ...overrides,
  });

function lockouts(desired: DesiredState, world: LiveWorld = live, caller = IAM_CALLER) {
  const snapshot = snapshotOf({ ...world, caller });
  const plan = planFor(desired, { ...world, caller });
  return findLockouts(plan, snapshot, caller);
}

describe('the last administrative path into the management account', () => {
  it('the matching config locks no one out', () => {
    expect(planFor(matching(), live).actions).toEqual([]);
    expect(lockouts(matching())).toEqual([]);
  });

  it('removing the admin assignment of a group with members is a lockout, naming the action', () => {
    const found = lockouts(matching({ assignments: [rule(1, 'user:bob', 'ReadOnly', ['management'])] }));
    expect(found).toEqual([
      {
        code: 'last-admin-path',
        message: `after this plan no one can reach the management account ${MGMT} with administrator access (today: Admin → group:Founders)`,
        actions: ['assignment/Admin/group:Founders/111111111111#delete'],
      },
    ]);
  });

  it('emptying the group is a lockout too', () => {
    const found = lockouts(matching({ groups: [group('Founders', [])] }));
    expect(found.map((l) => [l.code, l.actions])).toEqual([['last-admin-path', ['membership/Founders/ana#delete']]]);
  });

  it('taking AdministratorAccess away from the set is a lockout', () => {
    const found = lockouts(
      matching({ permissionSets: [permissionSet('Admin', { managedPolicies: [READONLY_ARN] }), sets[1]!] }),
    );
    expect(found.map((l) => [l.code, l.actions])).toEqual([['last-admin-path', ['permission-set/Admin#update']]]);
  });

  describe('judged by what the policies allow (issue 11 findings 3-4)', () => {
    const adminWith = (overrides: Parameters<typeof permissionSet>[1]) =>
      matching({ permissionSets: [permissionSet('Admin', { managedPolicies: [ADMIN_ARN], ...overrides }), sets[1]!] });
    const deny = (statement: Record<string, unknown>) => ({
      inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Resource: '*', ...statement }] },
    });

    it('a Deny NotAction of one action on the only admin set is a lockout', () => {
      const found = lockouts(adminWith(deny({ NotAction: ['iam:GetUser'] })));
      expect(found.map((l) => [l.code, l.actions])).toEqual([['last-admin-path', ['permission-set/Admin#update']]]);
    });

    it('a conditional Deny * may apply, so it is a lockout too', () => {
      const conditional = deny({ Action: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } });
      expect(lockouts(adminWith(conditional)).map((l) => l.code)).toEqual(['last-admin-path']);
    });

    it('attaching a customer policy (contents unknown, may deny) to the only admin set is a lockout', () => {
      const found = lockouts(adminWith({ customerManagedPolicies: [{ name: 'DenyEverything', path: '/' }] }));
      expect(found.map((l) => l.code)).toEqual(['last-admin-path']);
    });

    it('a Deny of one service that leaves the admin paths is no lockout', () => {
      expect(lockouts(adminWith(deny({ Action: 's3:DeleteBucket' })))).toEqual([]);
    });

    it('a set that is admin in all but name is an administrative path: removing its assignment is a lockout', () => {
      for (const statement of [
        { NotAction: 'iam:GetUser', Resource: '*' },
        { Action: '*', NotResource: 'arn:aws:s3:::private/*' },
        { Action: 'iam:*', Resource: '*' },
        { Action: '*:*', Resource: '*' },
        { Action: '*', Resource: 'arn:aws:*:*:*:*' },
      ]) {
        const inlinePolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] };
        const world: LiveWorld = {
          ...live,
          permissionSets: [
            livePermissionSet('Admin', { inlinePolicy: JSON.stringify(inlinePolicy) }),
            live.permissionSets![1]!,
          ],
        };
        const config = matching({
          permissionSets: [permissionSet('Admin', { inlinePolicy }), sets[1]!],
          assignments: [rule(1, 'user:bob', 'ReadOnly', ['management'])],
        });
        expect(
          lockouts(config, world).map((l) => l.actions),
          JSON.stringify(statement),
        ).toEqual([['assignment/Admin/group:Founders/111111111111#delete']]);
      }
    });
  });

  it('an admin assignment to an empty group is no path, so removing it locks no one out', () => {
    const world = { ...live, memberships: [] };
    expect(lockouts(matching({ groups: [group('Founders', [])], assignments: [] }), world)).toEqual([]);
  });

  it('a direct user assignment is a path; a disabled user is not', () => {
    const world: LiveWorld = {
      ...live,
      memberships: [],
      assignments: [liveAssignment('Admin', 'user:ana', MGMT)],
    };
    const config = matching({ groups: [group('Founders', [])], assignments: [] });
    expect(lockouts(config, world).map((l) => l.actions)).toEqual([['assignment/Admin/user:ana/111111111111#delete']]);
    const disabled = { ...world, users: [liveUser('ana', { status: 'DISABLED' as const }), liveUser('bob')] };
    expect(lockouts(config, disabled)).toEqual([]);
  });

  it('no lockout while another administrative path remains', () => {
    const world: LiveWorld = {
      ...live,
      assignments: [...live.assignments!, liveAssignment('Admin', 'user:bob', MGMT)],
    };
    const config = matching({
      assignments: [rule(0, 'user:bob', 'Admin', ['management']), rule(1, 'user:bob', 'ReadOnly', ['management'])],
    });
    expect(planFor(config, world).actions.map((a) => a.id)).toEqual([
      'assignment/Admin/group:Founders/111111111111#delete',
    ]);
    expect(lockouts(config, world)).toEqual([]);
  });
});

describe('the caller’s own path', () => {
  it('parses Identity Center session ARNs (set names may contain underscores) and nothing else', () => {
    expect(parseIdentityCenterCaller(ssoCaller('Admin_Full', 'ana@corp').arn)).toEqual({
      permissionSet: 'Admin_Full',
      userName: 'ana@corp',
    });
    expect(parseIdentityCenterCaller(IAM_CALLER.arn)).toBeUndefined();
    expect(parseIdentityCenterCaller(`arn:aws:iam::${MGMT}:root`)).toBeUndefined();
  });

  it('removing the caller’s own assignment is a lockout even when admins remain', () => {
    const caller = ssoCaller('ReadOnly', 'bob');
    const found = lockouts(
      matching({ assignments: [rule(0, 'group:Founders', 'Admin', ['management'])] }),
      live,
      caller,
    );
    expect(found).toEqual([
      {
        code: 'caller-path',
        message: `this plan removes your own access: bob would no longer reach ReadOnly in ${MGMT}`,
        actions: ['assignment/ReadOnly/user:bob/111111111111#delete'],
      },
    ]);
  });

  it('removing the caller from the group that carries their path is a lockout', () => {
    const caller = ssoCaller('Admin', 'ana');
    const found = lockouts(matching({ groups: [group('Founders', [])] }), live, caller);
    expect(found.map((l) => l.code)).toEqual(['last-admin-path', 'caller-path']);
    expect(found[1]!.actions).toEqual(['membership/Founders/ana#delete']);
  });

  it('the caller signed in with their user name in another case is still matched (the identity rule)', () => {
    const caller = ssoCaller('Admin', 'ANA');
    const found = lockouts(matching({ groups: [group('Founders', [])] }), live, caller);
    expect(found.map((l) => l.code)).toEqual(['last-admin-path', 'caller-path']);
    expect(found[1]!.actions).toEqual(['membership/Founders/ana#delete']);
  });

  it('a rename moves the path with the set: no lockout', () => {
    const caller = ssoCaller('Admin', 'ana');
    const renamed = matching({
      permissionSets: [
        permissionSet('Administrator', { managedPolicies: [ADMIN_ARN], formerNames: ['Admin'] }),
        sets[1]!,
      ],
      assignments: [
        rule(0, 'group:Founders', 'Administrator', ['management']),
        rule(1, 'user:bob', 'ReadOnly', ['management']),
      ],
    });
    const plan = planFor(renamed, { ...live, caller });
    expect(plan.actions.map((a) => a.kind)).toEqual(['replace', 'create', 'delete', 'delete']);
    expect(findLockouts(plan, snapshotOf({ ...live, caller }), caller)).toEqual([]);
  });

  it('callers that are not Identity Center sessions have no own path; paths in other accounts are the caller’s own', () => {
    expect(lockouts(matching({ assignments: [rule(0, 'group:Founders', 'Admin', ['management'])] }))).toEqual([]);
    const world: LiveWorld = {
      ...live,
      assignments: [...live.assignments!, liveAssignment('ReadOnly', 'user:bob', DEV)],
    };
    const caller = ssoCaller('ReadOnly', 'bob', DEV);
    const config = matching({ assignments: [rule(0, 'group:Founders', 'Admin', ['management'])] });
    const snapshot = snapshotOf(world);
    const plan = planFor(config, world);
    expect(findLockouts(plan, snapshot, caller).map((l) => l.actions)).toEqual([
      ['assignment/ReadOnly/user:bob/222222222222#delete'],
    ]);
  });
});
