import { describe, expect, it } from 'vitest';
import {
  assignmentAction,
  attributes,
  createGroupAction,
  createSetAction,
  DEV,
  harness,
  liveAssignments,
  PROD,
  runHandler,
} from '../test-support.test-helpers.js';
import { assignmentHandler } from './assignment.js';
import { HANDLERS } from './index.js';

async function setAndGroup(h: ReturnType<typeof harness>) {
  const created = await runHandler(h, HANDLERS, createSetAction(attributes('Dev')));
  const group = await runHandler(h, HANDLERS, createGroupAction('Team'));
  return {
    set: { name: 'Dev', arn: created.ctx.resolver.permissionSets.get('Dev')! },
    principal: { type: 'group' as const, name: 'Team', id: group.ctx.resolver.groups.get('Team')! },
  };
}

describe('assignment handler', () => {
  it('creates, waits for SUCCEEDED with the batched status list, and is idempotent on rerun', async () => {
    const h = harness();
    const { set, principal } = await setAndGroup(h);
    const action = assignmentAction('create', set, principal, DEV);
    const { result, actions } = await runHandler(h, HANDLERS, action);
    expect(result).toBeUndefined();
    expect(liveAssignments(h.sandbox)).toEqual(['Dev|GROUP:Team|444444444444']);
    expect(actions).toContain('sso:ListAccountAssignmentCreationStatus');
    for (const a of actions) expect(assignmentHandler.iamActions).toContain(a);
    // A rerun after a run that died: AWS accepts the create, one row stays.
    await runHandler(h, HANDLERS, action);
    expect(liveAssignments(h.sandbox)).toEqual(['Dev|GROUP:Team|444444444444']);
  });

  it('a FAILED creation fails the action with AWS’s FailureReason (never success)', async () => {
    const h = harness({
      knobs: { faults: [{ operation: 'CreateAccountAssignment', kind: 'failed', probability: 1, remaining: 1 }] },
    });
    const { set, principal } = await setAndGroup(h);
    await expect(runHandler(h, HANDLERS, assignmentAction('create', set, principal, PROD))).rejects.toThrow(
      /creation FAILED: /,
    );
    expect(liveAssignments(h.sandbox)).toEqual([]);
  });

  it('deletes and waits; a missing assignment is already gone; a deletion overlapping a creation is retried', async () => {
    const h = harness();
    const { set, principal } = await setAndGroup(h);
    // A creation still in flight (left by another run): the delete answers a transient conflict.
    const region = 'eu-west-1';
    const instanceArn = (await h.session.list('sso-admin', 'ListInstances', {}, 'Instances', { region }))[0]!
      .InstanceArn!;
    await h.session.call(
      'sso-admin',
      'CreateAccountAssignment',
      {
        InstanceArn: instanceArn,
        TargetId: DEV,
        TargetType: 'AWS_ACCOUNT',
        PermissionSetArn: set.arn,
        PrincipalType: 'GROUP',
        PrincipalId: principal.id,
      },
      { region },
    );
    const remove = assignmentAction('delete', set, principal, DEV);
    expect((await runHandler(h, HANDLERS, remove)).result).toBeUndefined();
    expect(liveAssignments(h.sandbox)).toEqual([]);
    const outcomes = h.sandbox
      .calls()
      .filter((c) => c.operation === 'DeleteAccountAssignment')
      .map((c) => c.outcome);
    expect(outcomes[0]).toBe('ConflictException');
    expect(outcomes.at(-1)).toBe('ok');
    expect((await runHandler(h, HANDLERS, remove)).result).toEqual({ note: 'already gone' });
  });
});
