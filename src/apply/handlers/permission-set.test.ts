import { describe, expect, it } from 'vitest';
import type { PermissionSetAttribute, PermissionSetAttributes, PlanAction } from '../../plan/actions.js';
import {
  attributes,
  createGroupAction,
  createSetAction,
  DEV,
  harness,
  instanceOf,
  liveSets,
  runHandler,
} from '../test-support.test-helpers.js';
import { HANDLERS } from './index.js';
import { DELETE_RETRY_WINDOW_MS, permissionSetHandler } from './permission-set.js';

type SetAction = Extract<PlanAction, { type: 'permission-set' }>;

const FULL = attributes('Engineer', {
  description: 'Engineers',
  sessionDuration: 'PT8H',
  relayState: 'https://console.aws.amazon.com/',
  managedPolicies: ['arn:aws:iam::aws:policy/PowerUserAccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
  customerManagedPolicies: [{ name: 'TeamPolicy', path: '/team/' }],
  inlinePolicy: '{"Statement":[{"Action":["s3:GetObject"],"Effect":"Allow","Resource":["*"]}],"Version":"2012-10-17"}',
  permissionsBoundary: { managedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
  tags: { 'managed-by': 'gatehouse', team: 'core' },
});

function updateAction(
  arn: string,
  before: PermissionSetAttributes,
  after: PermissionSetAttributes,
  changes: PermissionSetAttribute[],
): SetAction {
  return {
    ...createSetAction(after),
    id: `permission-set/${after.name}#update`,
    kind: 'update',
    permissionSet: { name: after.name, arn },
    changes,
    before,
    after,
  } as SetAction;
}

function record(h: ReturnType<typeof harness>, name: string) {
  const found = liveSets(h.sandbox).filter((p) => p.name === name);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('permission-set handler', () => {
  it('creates a set with every attribute in one action (tags with the create call)', async () => {
    const h = harness();
    const { actions, ctx } = await runHandler(h, HANDLERS, createSetAction(FULL));
    const ps = record(h, 'Engineer');
    expect(ps).toMatchObject({
      description: 'Engineers',
      sessionDuration: 'PT8H',
      relayState: 'https://console.aws.amazon.com/',
      customerManagedPolicies: [{ name: 'TeamPolicy', path: '/team/' }],
      permissionsBoundary: { kind: 'managed', arn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
      tags: { 'managed-by': 'gatehouse', team: 'core' },
    });
    expect(ps.managedPolicies.map((p) => p.arn).sort()).toEqual(FULL.managedPolicies);
    expect(JSON.parse(ps.inlinePolicy!)).toEqual(JSON.parse(FULL.inlinePolicy!));
    expect(ctx.resolver.permissionSets.get('Engineer')).toBe(ps.arn);
    expect(actions).not.toContain('sso:TagResource');
    for (const a of actions) expect(permissionSetHandler.iamActions).toContain(a);
  });

  it('on rerun adopts the set that exists (no duplicate) and repairs what a dead run left undone', async () => {
    const h = harness();
    await runHandler(h, HANDLERS, createSetAction(FULL));
    const ps = record(h, 'Engineer');
    const { instanceArn, region } = { instanceArn: instanceOf(h.sandbox).arn, region: 'eu-west-1' };
    // As if a run had died after creating the set but before attaching everything.
    await h.session.call(
      'sso-admin',
      'DetachManagedPolicyFromPermissionSet',
      { InstanceArn: instanceArn, PermissionSetArn: ps.arn, ManagedPolicyArn: FULL.managedPolicies[0] },
      { region },
    );
    await h.session.call(
      'sso-admin',
      'DeleteInlinePolicyFromPermissionSet',
      { InstanceArn: instanceArn, PermissionSetArn: ps.arn },
      { region },
    );
    const { result } = await runHandler(h, HANDLERS, createSetAction(FULL));
    expect(result).toEqual({ note: 'already existed; definition set' });
    const again = record(h, 'Engineer');
    expect(again.arn).toBe(ps.arn);
    expect(again.managedPolicies.map((p) => p.arn).sort()).toEqual(FULL.managedPolicies);
    expect(again.inlinePolicy).not.toBeNull();
  });

  it('re-sends description, session duration and relay state together, so the relay state is kept', async () => {
    const h = harness();
    await runHandler(h, HANDLERS, createSetAction(FULL));
    const ps = record(h, 'Engineer');
    const after = { ...FULL, description: 'Engineers and friends' };
    const { actions } = await runHandler(h, HANDLERS, updateAction(ps.arn, FULL, after, ['description']));
    expect(actions).toEqual(['sso:UpdatePermissionSet']);
    expect(record(h, 'Engineer')).toMatchObject({
      description: 'Engineers and friends',
      relayState: 'https://console.aws.amazon.com/',
      sessionDuration: 'PT8H',
    });
    // A relay state the config drops is cleared.
    await runHandler(h, HANDLERS, updateAction(ps.arn, after, { ...after, relayState: null }, ['relayState']));
    expect(record(h, 'Engineer').relayState).toBeNull();
  });

  it('changes policies against what is attached now (idempotent on rerun), inline policy, boundary and tags', async () => {
    const h = harness();
    await runHandler(h, HANDLERS, createSetAction(FULL));
    const ps = record(h, 'Engineer');
    const after: PermissionSetAttributes = {
      ...FULL,
      managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/SecurityAudit'],
      customerManagedPolicies: [],
      inlinePolicy: null,
      permissionsBoundary: { customerManagedPolicy: { name: 'Cap', path: '/' } },
      tags: { 'managed-by': 'gatehouse', owner: 'platform' },
    };
    const update = updateAction(ps.arn, FULL, after, [
      'managedPolicies',
      'customerManagedPolicies',
      'inlinePolicy',
      'permissionsBoundary',
      'tags',
    ]);
    await runHandler(h, HANDLERS, update);
    const check = () => {
      const now = record(h, 'Engineer');
      expect(now.managedPolicies.map((p) => p.arn).sort()).toEqual(after.managedPolicies);
      expect(now.customerManagedPolicies).toEqual([]);
      expect(now.inlinePolicy).toBeNull();
      expect(now.permissionsBoundary).toEqual({ kind: 'customer', name: 'Cap', path: '/' });
      expect(now.tags).toEqual({ 'managed-by': 'gatehouse', owner: 'platform' });
    };
    check();
    // The same action again (a rerun of a plan made before the first run): nothing fails, same result.
    const rerun = await runHandler(h, HANDLERS, update);
    expect(rerun.actions.filter((a) => a.startsWith('sso:Attach') || a.startsWith('sso:Detach'))).toEqual([]);
    check();
  });

  it('retries a definition write while AWS provisions the set (transient ConflictException)', async () => {
    const h = harness();
    const instance = instanceOf(h.sandbox);
    const region = 'eu-west-1';
    await runHandler(h, HANDLERS, createSetAction(FULL));
    const ps = record(h, 'Engineer');
    // A provisioning left in flight by "another run" (it fails in the end: DEV lacks TeamPolicy).
    await h.session.call(
      'sso-admin',
      'ProvisionPermissionSet',
      { InstanceArn: instance.arn, PermissionSetArn: ps.arn, TargetType: 'AWS_ACCOUNT', TargetId: DEV },
      { region },
    );
    const after = { ...FULL, sessionDuration: 'PT4H' };
    await runHandler(h, HANDLERS, updateAction(ps.arn, FULL, after, ['sessionDuration']));
    expect(record(h, 'Engineer').sessionDuration).toBe('PT4H');
    const writes = h.sandbox.calls().filter((c) => c.operation === 'UpdatePermissionSet');
    const outcomes = writes.map((c) => c.outcome);
    expect(outcomes[0]).toBe('ConflictException');
    expect(outcomes.at(-1)).toBe('ok');
  });

  it('deletes; a set that is gone is success; a set still assigned fails after bounded retries', async () => {
    const h = harness();
    const instance = instanceOf(h.sandbox);
    // No customer managed policy: the assignment must succeed in DEV.
    const SIMPLE = attributes('Engineer', { managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
    await runHandler(h, HANDLERS, createSetAction(SIMPLE));
    const ps = record(h, 'Engineer');
    const { ctx } = await runHandler(h, HANDLERS, createGroupAction('Team'));
    const groupId = ctx.resolver.groups.get('Team')!;
    await h.session.call(
      'sso-admin',
      'CreateAccountAssignment',
      {
        InstanceArn: instance.arn,
        TargetId: DEV,
        TargetType: 'AWS_ACCOUNT',
        PermissionSetArn: ps.arn,
        PrincipalType: 'GROUP',
        PrincipalId: groupId,
      },
      { region: 'eu-west-1' },
    );
    const remove: SetAction = {
      ...createSetAction(SIMPLE),
      id: 'permission-set/Engineer#delete',
      kind: 'delete',
      permissionSet: { name: 'Engineer', arn: ps.arn },
      before: SIMPLE,
      after: null,
    } as SetAction;
    await expect(runHandler(h, HANDLERS, remove)).rejects.toThrow(/Could not delete/);
    // Retried for its whole window (long enough for a 5-minute de-provisioning), then given up.
    const deletes = h.sandbox.calls().filter((c) => c.operation === 'DeletePermissionSet');
    const spent = (deletes.at(-1)?.time ?? 0) - (deletes[0]?.time ?? 0);
    expect(spent).toBeGreaterThan(5 * 60_000);
    expect(spent).toBeLessThanOrEqual(DELETE_RETRY_WINDOW_MS);
    const retries = h.host.events.filter((e) => e.type === 'action' && e.status === 'retry');
    expect(retries).toHaveLength(deletes.length - 1);

    // Its assignment deleted, but the deletion still in flight: the delete waits it out.
    await h.session.call(
      'sso-admin',
      'DeleteAccountAssignment',
      {
        InstanceArn: instance.arn,
        TargetId: DEV,
        TargetType: 'AWS_ACCOUNT',
        PermissionSetArn: ps.arn,
        PrincipalType: 'GROUP',
        PrincipalId: groupId,
      },
      { region: 'eu-west-1' },
    );
    expect((await runHandler(h, HANDLERS, remove)).result).toBeUndefined();
    expect(liveSets(h.sandbox).filter((p) => p.name === 'Engineer')).toHaveLength(0);
    expect((await runHandler(h, HANDLERS, remove)).result).toEqual({ note: 'already gone' });
  });
});
