import { describe, expect, it } from 'vitest';
import { ApplyAws } from './aws.js';
import { HANDLERS } from './handlers/index.js';
import { StatusPoller } from './poller.js';
import {
  attributes,
  createGroupAction,
  createSetAction,
  DEV,
  harness,
  instanceOf,
  runHandler,
  STAGING,
} from './test-support.test-helpers.js';

/** Starts `accounts.length` assignment creations directly; returns their request ids. */
async function startCreations(h: ReturnType<typeof harness>, accounts: string[]): Promise<string[]> {
  const created = await runHandler(h, HANDLERS, createSetAction(attributes('Dev')));
  const arn = created.ctx.resolver.permissionSets.get('Dev')!;
  const ids: string[] = [];
  for (const [i, account] of accounts.entries()) {
    const group = await runHandler(h, HANDLERS, createGroupAction(`Team${i}`));
    const out = await h.session.call(
      'sso-admin',
      'CreateAccountAssignment',
      {
        InstanceArn: instanceOf(h.sandbox).arn,
        TargetId: account,
        TargetType: 'AWS_ACCOUNT',
        PermissionSetArn: arn,
        PrincipalType: 'GROUP',
        PrincipalId: group.ctx.resolver.groups.get(`Team${i}`)!,
      },
      { region: 'eu-west-1' },
    );
    ids.push(out.AccountAssignmentCreationStatus!.RequestId!);
  }
  return ids;
}

function poller(h: ReturnType<typeof harness>, controller = new AbortController(), timeoutMs?: number) {
  const instance = instanceOf(h.sandbox);
  return new StatusPoller({
    aws: new ApplyAws(h.session, controller.signal),
    target: () => ({ instanceArn: instance.arn, region: instance.region }),
    clock: h.clock,
    signal: controller.signal,
    ...(timeoutMs !== undefined ? { timeoutMs: { 'assignment-creation': timeoutMs } } : {}),
  });
}

describe('StatusPoller', () => {
  it('follows many requests with one List…Status call per poll, not one call per request', async () => {
    const h = harness({ knobs: { completionDelayMs: { perOperation: { CreateAccountAssignment: 4000 } } } });
    const ids = await startCreations(h, [DEV, STAGING, DEV, STAGING, DEV, STAGING, DEV, STAGING, DEV, STAGING]);
    const p = poller(h);
    const tracked = ids.map((id) => p.track('assignment-creation', id));
    const outcomes = await Promise.all(tracked.map((t) => t.outcome));
    expect(outcomes.every((o) => o.status === 'SUCCEEDED')).toBe(true);
    // 10 requests, ~4 s: a handful of list calls (IN_PROGRESS polls and one FAILED check), no Describe.
    expect(p.calls.ListAccountAssignmentCreationStatus).toBeLessThanOrEqual(7);
    expect(p.calls.DescribeAccountAssignmentCreationStatus).toBeUndefined();
    expect(p.outstanding('assignment-creation')).toBe(0);
  });

  it('reports FAILED with AWS’s FailureReason (described once), never as success', async () => {
    const h = harness({
      knobs: { faults: [{ operation: 'CreateAccountAssignment', kind: 'failed', probability: 1, remaining: 1 }] },
    });
    const [failing, fine] = await startCreations(h, [DEV, STAGING]);
    const p = poller(h);
    const [a, b] = [p.track('assignment-creation', failing!), p.track('assignment-creation', fine!)];
    expect(await a.outcome).toEqual({ status: 'FAILED', reason: expect.stringMatching(/.+/) });
    expect(await b.outcome).toEqual({ status: 'SUCCEEDED' });
    expect(p.calls.DescribeAccountAssignmentCreationStatus).toBe(1);
  });

  it('asks Describe about a request the list never showed (it finished before the first poll)', async () => {
    const h = harness({ knobs: { completionDelayMs: { perOperation: { CreateAccountAssignment: 100 } } } });
    const [id] = await startCreations(h, [DEV]);
    const p = poller(h);
    expect(await p.track('assignment-creation', id!).outcome).toEqual({ status: 'SUCCEEDED' });
    expect(p.calls.DescribeAccountAssignmentCreationStatus).toBe(1);
  });

  it('answers a status that is already final without any call', async () => {
    const h = harness();
    const p = poller(h);
    const t = p.track('provisioning', 'whatever', { status: 'FAILED', reason: 'boom' });
    expect(await t.outcome).toEqual({ status: 'FAILED', reason: 'boom' });
    expect(p.calls).toEqual({});
  });

  it('gives up on a request still IN_PROGRESS after the timeout, and stops on abort', async () => {
    const h = harness({ knobs: { completionDelayMs: { perOperation: { CreateAccountAssignment: 3_600_000 } } } });
    const [slow, slower] = await startCreations(h, [DEV, STAGING]);
    const timed = poller(h, new AbortController(), 10_000);
    await expect(timed.track('assignment-creation', slow!).outcome).rejects.toThrow(/still IN_PROGRESS/);
    const controller = new AbortController();
    const aborted = poller(h, controller).track('assignment-creation', slower!);
    setImmediate(() => controller.abort(new Error('stop')));
    await expect(aborted.settled).rejects.toThrow('stop');
  });
});
