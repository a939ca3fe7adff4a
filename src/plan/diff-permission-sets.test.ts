import { describe, expect, it } from 'vitest';
import {
  ADMIN_ARN,
  DEV,
  desiredState,
  group,
  liveAssignment,
  liveGroup,
  livePermissionSet,
  MGMT,
  POWERUSER_ARN,
  PROD,
  permissionSet,
  psArn,
  READONLY_ARN,
  rule,
  SHARED,
} from '../../test/plan/builders.js';
import { action, expectValidOrder, ids, planFor } from '../../test/plan/plan-helpers.js';
import { ConfigError } from '../errors.js';
import type { PermissionSetUpdate } from './actions.js';

const inline = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
const managedTag = { 'managed-by': 'gatehouse' };

describe('permission sets', () => {
  it('creates a missing set with every attribute and the ownership tag', () => {
    const plan = planFor(
      desiredState({
        permissionSets: [
          permissionSet('Dev', {
            description: 'Developers',
            sessionDuration: 'PT8H',
            relayState: 'https://console.aws.amazon.com/ec2',
            managedPolicies: [READONLY_ARN, POWERUSER_ARN],
            customerManagedPolicies: [{ name: 'Extra', path: '/team/' }],
            inlinePolicy: inline,
            permissionsBoundary: { customerManagedPolicy: { name: 'Cap', path: '/' } },
            tags: { team: 'core' },
          }),
        ],
      }),
    );
    expect(action(plan, 'permission-set/Dev#create')).toMatchObject({
      permissionSet: { name: 'Dev', arn: null },
      risk: 'neutral',
      before: null,
      after: {
        name: 'Dev',
        description: 'Developers',
        sessionDuration: 'PT8H',
        relayState: 'https://console.aws.amazon.com/ec2',
        managedPolicies: [POWERUSER_ARN, READONLY_ARN],
        customerManagedPolicies: [{ name: 'Extra', path: '/team/' }],
        inlinePolicy:
          '{"Statement":[{"Action":["s3:GetObject"],"Effect":"Allow","Resource":["*"]}],"Version":"2012-10-17"}',
        permissionsBoundary: { customerManagedPolicy: { name: 'Cap', path: '/' } },
        tags: { team: 'core', 'managed-by': 'gatehouse' },
      },
    });
  });

  it('is a no-op when the live set matches, whatever the policy formatting', () => {
    const desired = desiredState({
      permissionSets: [
        permissionSet('Dev', { managedPolicies: [READONLY_ARN], inlinePolicy: inline, sessionDuration: 'PT1H' }),
      ],
    });
    const plan = planFor(desired, {
      permissionSets: [
        livePermissionSet('Dev', {
          managedPolicies: [READONLY_ARN],
          inlinePolicy:
            '{\n "Version": "2012-10-17",\n "Statement": {"Resource": "*", "Action": ["s3:GetObject"], "Effect": "Allow"}}',
          sessionDuration: 'PT60M',
          description: 'written by hand, kept: the config has none',
        }),
      ],
    });
    expect(plan.actions).toEqual([]);
  });

  it('updates in ONE action whose before/after cover every attribute, with the changed ones listed', () => {
    const plan = planFor(
      desiredState({
        permissionSets: [
          permissionSet('Dev', {
            description: 'new',
            sessionDuration: 'PT4H',
            managedPolicies: [READONLY_ARN],
            inlinePolicy: null,
            permissionsBoundary: { managedPolicyArn: READONLY_ARN },
            tags: { team: 'core' },
          }),
        ],
      }),
      {
        permissionSets: [
          livePermissionSet('Dev', {
            description: 'old',
            sessionDuration: 'PT8H',
            relayState: 'https://x',
            managedPolicies: [POWERUSER_ARN],
            customerManagedPolicies: [{ name: 'Extra', path: '/' }],
            inlinePolicy: JSON.stringify(inline),
            tags: { ...managedTag, old: 'tag' },
          }),
        ],
      },
    );
    const update = action(plan, 'permission-set/Dev#update') as PermissionSetUpdate;
    expect(update.changes).toEqual([
      'description',
      'sessionDuration',
      'relayState',
      'managedPolicies',
      'customerManagedPolicies',
      'inlinePolicy',
      'permissionsBoundary',
      'tags',
    ]);
    expect(update.permissionSet).toEqual({ name: 'Dev', arn: psArn('Dev') });
    expect(update.before.relayState).toBe('https://x');
    expect(update.after).toMatchObject({ relayState: null, inlinePolicy: null, tags: { team: 'core', ...managedTag } });
    expect(update.reason.code).toBe('changed');
    expect(update.risk).toBe('broadening'); // attaches ReadOnlyAccess
  });

  it('adopts a live set of the same name without the ownership tag (an update, not a create)', () => {
    const plan = planFor(
      desiredState({ permissionSets: [permissionSet('Dev', { managedPolicies: [READONLY_ARN] })] }),
      {
        permissionSets: [livePermissionSet('Dev', { managedPolicies: [READONLY_ARN], tags: {} })],
      },
    );
    expect(ids(plan)).toEqual(['permission-set/Dev#update']);
    const adopt = action(plan, 'permission-set/Dev#update') as PermissionSetUpdate;
    expect(adopt.reason.code).toBe('adopt');
    expect(adopt.changes).toEqual(['tags']);
    expect(adopt.after.tags).toEqual(managedTag);
    expect(adopt.risk).toBe('neutral');
  });

  it('managed: false is a reference: never changed, differences are drift; a missing reference fails the plan', () => {
    const desired = desiredState({
      permissionSets: [permissionSet('Vendor', { managed: false, managedPolicies: [READONLY_ARN] })],
    });
    const plan = planFor(desired, {
      permissionSets: [livePermissionSet('Vendor', { managedPolicies: [ADMIN_ARN], tags: {} })],
      provisioning: [{ permissionSetArn: psArn('Vendor'), accounts: [DEV, PROD], outdated: [PROD] }],
    });
    expect(plan.actions).toEqual([]);
    expect(plan.drift).toEqual([
      {
        code: 'reference-differs',
        address: 'permission-set/Vendor',
        message: expect.stringContaining('differs from the config in managedPolicies'),
      },
      { code: 'reference-outdated', address: 'permission-set/Vendor', message: expect.stringContaining(PROD) },
    ]);
    expect(() => planFor(desired)).toThrow(ConfigError);
    try {
      planFor(desired);
    } catch (error) {
      expect((error as ConfigError).diagnostics[0]).toMatchObject({
        code: 'reference-missing',
        path: 'permissionSets.Vendor',
      });
    }
  });

  it('deletes a tagged set the config no longer names, after deleting (and awaiting) its assignments', () => {
    const plan = planFor(desiredState(), {
      permissionSets: [livePermissionSet('Gone')],
      groups: [liveGroup('Team')],
      assignments: [liveAssignment('Gone', 'group:Team', DEV), liveAssignment('Gone', 'group:Team', PROD)],
    });
    expect(ids(plan)).toEqual([
      'assignment/Gone/group:Team/222222222222#delete',
      'assignment/Gone/group:Team/333333333333#delete',
      'permission-set/Gone#delete',
    ]);
    expect(action(plan, 'permission-set/Gone#delete')).toMatchObject({
      risk: 'destructive',
      reason: { code: 'not-in-config' },
      dependsOn: ['assignment/Gone/group:Team/222222222222#delete', 'assignment/Gone/group:Team/333333333333#delete'],
      after: null,
    });
    expect(action(plan, 'assignment/Gone/group:Team/222222222222#delete').reason.code).toBe('permission-set-deleted');
  });

  it('leaves untagged sets alone (drift) unless --prune', () => {
    const world = { permissionSets: [livePermissionSet('ClickOps', { tags: {} })] };
    const plain = planFor(desiredState(), world);
    expect(plain.actions).toEqual([]);
    expect(plain.drift).toEqual([
      { code: 'unmanaged', address: 'permission-set/ClickOps', message: expect.any(String) },
    ]);
    const pruned = planFor(desiredState(), world, { prune: true });
    expect(action(pruned, 'permission-set/ClickOps#delete').reason.code).toBe('prune');
    expect(pruned.options.prune).toBe(true);
  });

  it('a rename is a replace: new set, assignments moved (create before delete), then the old set deleted', () => {
    const desired = desiredState({
      permissionSets: [permissionSet('Engineer', { managedPolicies: [POWERUSER_ARN], formerNames: ['Dev'] })],
      groups: [group('Team')],
      assignments: [rule(0, 'group:Team', 'Engineer', ['dev', 'prod'])],
    });
    const plan = planFor(desired, {
      permissionSets: [livePermissionSet('Dev', { managedPolicies: [POWERUSER_ARN] })],
      provisioning: [{ permissionSetArn: psArn('Dev'), accounts: [DEV, PROD], outdated: [] }],
      groups: [liveGroup('Team')],
      assignments: [liveAssignment('Dev', 'group:Team', DEV), liveAssignment('Dev', 'group:Team', PROD)],
    });
    expect(ids(plan)).toEqual([
      'permission-set/Engineer#replace',
      'assignment/Engineer/group:Team/222222222222#create',
      'assignment/Engineer/group:Team/333333333333#create',
      'assignment/Dev/group:Team/222222222222#delete',
      'assignment/Dev/group:Team/333333333333#delete',
      'permission-set/Dev#delete',
    ]);
    expect(action(plan, 'permission-set/Engineer#replace')).toMatchObject({
      address: 'permission-set/Engineer',
      permissionSet: { name: 'Engineer', arn: null },
      replaces: { name: 'Dev', arn: psArn('Dev') },
      before: { name: 'Dev' },
      after: { name: 'Engineer' },
      risk: 'destructive',
      reason: { code: 'renamed' },
    });
    expect(action(plan, 'assignment/Engineer/group:Team/222222222222#create').reason.code).toBe('renamed');
    expect(action(plan, 'assignment/Dev/group:Team/222222222222#delete')).toMatchObject({
      reason: { code: 'replaced' },
      dependsOn: ['assignment/Engineer/group:Team/222222222222#create'],
    });
    expect(action(plan, 'permission-set/Dev#delete').dependsOn).toContain('permission-set/Engineer#replace');
    expect(plan.summary).toMatchObject({ add: 3, destroy: 3, change: 0 });
    expectValidOrder(plan);
  });

  it('when the new name already exists, formerNames do not apply and the old set follows ownership', () => {
    const plan = planFor(desiredState({ permissionSets: [permissionSet('Engineer', { formerNames: ['Dev'] })] }), {
      permissionSets: [livePermissionSet('Engineer'), livePermissionSet('Dev', { tags: {} })],
    });
    expect(plan.actions).toEqual([]);
    expect(plan.drift.map((d) => d.address)).toEqual(['permission-set/Dev']);
  });
});

describe('provisioning', () => {
  const desired = desiredState({ permissionSets: [permissionSet('Dev', { managedPolicies: [READONLY_ARN] })] });

  it('after a definition change, provisions to ALL_PROVISIONED_ACCOUNTS where the set is provisioned — and only there', () => {
    const plan = planFor(desired, {
      permissionSets: [livePermissionSet('Dev', { managedPolicies: [POWERUSER_ARN] })],
      provisioning: [{ permissionSetArn: psArn('Dev'), accounts: [PROD, DEV], outdated: [] }],
    });
    expect(ids(plan)).toEqual(['permission-set/Dev#update', 'permission-set/Dev#provision']);
    expect(action(plan, 'permission-set/Dev#provision')).toMatchObject({
      type: 'permission-set-provision',
      kind: 'provision',
      target: 'ALL_PROVISIONED_ACCOUNTS',
      accountIds: [DEV, PROD],
      permissionSet: { name: 'Dev', arn: psArn('Dev') },
      dependsOn: ['permission-set/Dev#update'],
      reason: { code: 'definition-changed' },
      before: { accounts: [DEV, PROD], outdated: [] },
      after: { accounts: [DEV, PROD], outdated: [] },
    });
  });

  it('does not provision a set that is provisioned nowhere, nor after a tags-only change', () => {
    const nowhere = planFor(desired, {
      permissionSets: [livePermissionSet('Dev', { managedPolicies: [POWERUSER_ARN] })],
    });
    expect(ids(nowhere)).toEqual(['permission-set/Dev#update']);
    const tagsOnly = planFor(desired, {
      permissionSets: [livePermissionSet('Dev', { managedPolicies: [READONLY_ARN], tags: {} })],
      provisioning: [{ permissionSetArn: psArn('Dev'), accounts: [DEV], outdated: [] }],
    });
    expect(ids(tagsOnly)).toEqual(['permission-set/Dev#update']);
  });

  it('re-provisions accounts AWS reports as outdated (an earlier failed run): per account, or all when all are', () => {
    const some = planFor(desired, {
      permissionSets: [livePermissionSet('Dev', { managedPolicies: [READONLY_ARN] })],
      provisioning: [{ permissionSetArn: psArn('Dev'), accounts: [DEV, PROD, SHARED], outdated: [SHARED, DEV] }],
    });
    expect(ids(some)).toEqual(['permission-set/Dev#provision']);
    expect(action(some, 'permission-set/Dev#provision')).toMatchObject({
      target: 'AWS_ACCOUNT',
      accountIds: [DEV, SHARED],
      reason: { code: 'outdated' },
      before: { outdated: [DEV, SHARED] },
      after: { outdated: [] },
    });
    const all = planFor(desired, {
      permissionSets: [livePermissionSet('Dev', { managedPolicies: [READONLY_ARN] })],
      provisioning: [{ permissionSetArn: psArn('Dev'), accounts: [DEV, MGMT], outdated: [MGMT, DEV] }],
    });
    expect(action(all, 'permission-set/Dev#provision')).toMatchObject({
      target: 'ALL_PROVISIONED_ACCOUNTS',
      accountIds: [MGMT, DEV],
    });
  });

  it('new assignments wait for the provisioning of their set', () => {
    const plan = planFor(
      desiredState({
        permissionSets: [permissionSet('Dev', { managedPolicies: [READONLY_ARN] })],
        groups: [group('Team')],
        assignments: [rule(0, 'group:Team', 'Dev', ['prod'])],
      }),
      {
        permissionSets: [livePermissionSet('Dev', { managedPolicies: [POWERUSER_ARN] })],
        provisioning: [{ permissionSetArn: psArn('Dev'), accounts: [DEV], outdated: [] }],
        groups: [liveGroup('Team')],
      },
    );
    expect(action(plan, 'assignment/Dev/group:Team/333333333333#create').dependsOn).toEqual([
      'permission-set/Dev#provision',
      'permission-set/Dev#update',
    ]);
    expectValidOrder(plan);
  });
});
