import { GetAccountSummaryCommand, ServiceFailureException } from '@aws-sdk/client-iam';
import {
  ThrottlingException as IdsThrottling,
  ListGroupsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-identitystore';
import { ListRootsCommand, TooManyRequestsException } from '@aws-sdk/client-organizations';
import {
  AccessDeniedException,
  AttachManagedPolicyToPermissionSetCommand,
  ConflictException,
  CreatePermissionSetCommand,
  InternalServerException,
  ListInstancesCommand,
  ProvisionPermissionSetCommand,
  ThrottlingException,
} from '@aws-sdk/client-sso-admin';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { type Harness, harness, rejection } from './helpers.js';

async function outcomes(h: Harness, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    try {
      await h.sso.send(new ListInstancesCommand({}));
      out.push('ok');
    } catch (error) {
      out.push((error as Error).name);
    }
  }
  return out;
}

describe('rate limits', () => {
  it('throttles sso-admin at 20 calls per second shared by every API, on the sandbox clock', async () => {
    const h = harness('org', { knobs: { rateLimits: true } });
    const results = await outcomes(h, 21);
    expect(results.slice(0, 20)).toEqual(Array(20).fill('ok'));
    const error = await rejection(
      h.sso.send(
        new CreatePermissionSetCommand({ InstanceArn: 'arn:aws:sso:::instance/ssoins-0000000000000000', Name: 'X' }),
      ),
    );
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error.$metadata).toMatchObject({ httpStatusCode: 429 });
    expect(error.$fault).toBe('client');
    expect(results[20]).toBe('ThrottlingException');
    h.clock.advance(50);
    expect(await outcomes(h, 2)).toEqual(['ok', 'ThrottlingException']);
    const record = h.sandbox.calls();
    expect(record.filter((c) => c.throttled)).toHaveLength(3);
    expect(record.filter((c) => !c.throttled && c.outcome === 'ok')).toHaveLength(21);
  });

  it('scales rates with the scale knob and turns off with rateLimits false', async () => {
    const scaled = harness('org', { knobs: { rateLimits: { enabled: true, scale: 2 } } });
    expect((await outcomes(scaled, 41)).filter((o) => o === 'ok')).toHaveLength(40);
    const off = harness('org', { knobs: { rateLimits: false } });
    expect((await outcomes(off, 100)).every((o) => o === 'ok')).toBe(true);
  });

  it('gives each identitystore API its own bucket and adds RetryAfterSeconds', async () => {
    const h = harness('org', { knobs: { rateLimits: true } });
    const IdentityStoreId = (await h.sso.send(new ListInstancesCommand({}))).Instances?.[0]?.IdentityStoreId;
    for (let i = 0; i < 20; i++) await h.ids.send(new ListUsersCommand({ IdentityStoreId }));
    for (let i = 0; i < 20; i++) await h.ids.send(new ListGroupsCommand({ IdentityStoreId }));
    const error = await rejection(h.ids.send(new ListUsersCommand({ IdentityStoreId })));
    expect(error).toBeInstanceOf(IdsThrottling);
    expect(error.RetryAfterSeconds).toBe(1);
  });

  it('throttles Organizations harder (5 per second per API) with TooManyRequestsException', async () => {
    const h = harness('org', { knobs: { rateLimits: true } });
    for (let i = 0; i < 5; i++) await h.org.send(new ListRootsCommand({}));
    const error = await rejection(h.org.send(new ListRootsCommand({})));
    expect(error).toBeInstanceOf(TooManyRequestsException);
    expect(error.$metadata).toMatchObject({ httpStatusCode: 429 });
  });
});

describe('faults', () => {
  it('injects throttles that the SDK’s own retry strategy retries, counting attempts', async () => {
    const h = harness('org', {
      maxAttempts: 3,
      knobs: { faults: [{ operation: 'sso-admin:ListInstances', kind: 'throttle', probability: 1, remaining: 2 }] },
    });
    const out = await h.sso.send(new ListInstancesCommand({}));
    expect(out.$metadata.attempts).toBe(3);
    expect(h.sandbox.calls().map((c) => [c.outcome, c.throttled])).toEqual([
      ['ThrottlingException', true],
      ['ThrottlingException', true],
      ['ok', false],
    ]);
    expect(h.sandbox.knobs.faults[0]?.remaining).toBe(0);
  });

  it('injects 5xx as each service names it, retried as transient', async () => {
    const h = harness('org', {
      maxAttempts: 2,
      knobs: { faults: [{ operation: '*', kind: 'server-error', probability: 1, remaining: 3 }] },
    });
    const sso = await rejection(h.sso.send(new ListInstancesCommand({})));
    expect(sso).toBeInstanceOf(InternalServerException);
    expect(sso.$fault).toBe('server');
    expect(sso.$metadata).toMatchObject({ httpStatusCode: 500, attempts: 2 });
    const iamSummary = await h.iam.send(new GetAccountSummaryCommand({}));
    expect(iamSummary.$metadata.attempts).toBe(2);
    expect(h.sandbox.calls().map((c) => c.outcome)).toEqual([
      'InternalServerException',
      'InternalServerException',
      'ServiceFailure',
      'ok',
    ]);
    h.sandbox.setKnobs({ faults: [{ operation: 'iam:*', kind: 'server-error', probability: 1 }] });
    const iam = await rejection(h.iam.send(new GetAccountSummaryCommand({})));
    expect(iam).toBeInstanceOf(ServiceFailureException);
  });

  it('injects transient conflicts for one permission set only', async () => {
    const h = harness('org', {
      knobs: {
        faults: [
          {
            operation: 'AttachManagedPolicyToPermissionSet',
            kind: 'conflict',
            probability: 1,
            permissionSetName: 'Flaky',
          },
        ],
      },
    });
    const InstanceArn = (await h.sso.send(new ListInstancesCommand({}))).Instances?.[0]?.InstanceArn;
    const arnOf = async (Name: string) =>
      (await h.sso.send(new CreatePermissionSetCommand({ InstanceArn, Name }))).PermissionSet?.PermissionSetArn;
    const flaky = await arnOf('Flaky');
    const steady = await arnOf('Steady');
    const ManagedPolicyArn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    await h.sso.send(
      new AttachManagedPolicyToPermissionSetCommand({ InstanceArn, PermissionSetArn: steady, ManagedPolicyArn }),
    );
    const error = await rejection(
      h.sso.send(
        new AttachManagedPolicyToPermissionSetCommand({ InstanceArn, PermissionSetArn: flaky, ManagedPolicyArn }),
      ),
    );
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.$metadata).toMatchObject({ httpStatusCode: 409 });
  });

  it('is deterministic for a seed and a call sequence', async () => {
    const run = async (seed: number) => {
      const h = harness('org', {
        knobs: { seed, faults: [{ operation: 'ListInstances', kind: 'throttle', probability: 0.4 }] },
      });
      return (await outcomes(h, 40)).join(',');
    };
    const a = await run(11);
    expect(await run(11)).toBe(a);
    expect(a).toMatch(/ok/);
    expect(a).toMatch(/ThrottlingException/);
    expect(await run(12)).not.toBe(a);
  });
});

describe('denials', () => {
  it('denies chosen IAM actions with AWS’s wording, per account, but never GetCallerIdentity', async () => {
    const h = harness('org', {
      knobs: {
        denials: [{ action: 'sso:ListInstances', accountId: '111111111111' }, 'iam:*', '*'.replace('*', 'sts:*')],
      },
    });
    const sso = await rejection(h.sso.send(new ListInstancesCommand({})));
    expect(sso).toBeInstanceOf(AccessDeniedException);
    expect(sso.message).toBe(
      'User: arn:aws:sts::111111111111:assumed-role/Admin/gatehouse is not authorized to perform: sso:ListInstances on resource: * because no identity-based policy allows the sso:ListInstances action',
    );
    expect(sso.$metadata).toMatchObject({ httpStatusCode: 403 });
    const iam = await rejection(h.iam.send(new GetAccountSummaryCommand({})));
    expect(iam.name).toBe('AccessDenied');
    expect(iam.message).toMatch(/iam:GetAccountSummary/);
    expect((await h.sts.send(new GetCallerIdentityCommand({}))).Account).toBe('111111111111');
    expect(h.sandbox.calls().map((c) => c.action)).toEqual([
      'sso:ListInstances',
      'iam:GetAccountSummary',
      'sts:GetCallerIdentity',
    ]);
    h.sandbox.setKnobs({ denials: [{ action: 'sso:ListInstances', accountId: '222222222222' }] });
    await h.sso.send(new ListInstancesCommand({}));
  });
});

describe('latency and the call record', () => {
  it('awaits latency on the sandbox clock and records every call', async () => {
    const h = harness('org', {
      knobs: { latencyMs: { default: 100, perOperation: { 'sso-admin:ListInstances': 250 } } },
    });
    const start = h.clock.now();
    await h.sso.send(new ListInstancesCommand({}));
    await h.sts.send(new GetCallerIdentityCommand({}));
    expect(h.clock.now()).toBe(start + 350);
    expect(h.sandbox.calls()).toEqual([
      {
        seq: 1,
        time: start + 250,
        service: 'sso-admin',
        operation: 'ListInstances',
        accountId: '111111111111',
        region: 'eu-west-1',
        action: 'sso:ListInstances',
        outcome: 'ok',
        throttled: false,
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
      expect.objectContaining({
        seq: 2,
        time: start + 350,
        service: 'sts',
        operation: 'GetCallerIdentity',
        region: 'eu-west-1',
      }),
    ]);
    h.sandbox.clearCalls();
    expect(h.sandbox.calls()).toEqual([]);
  });

  it('rejects bad knobs with a SandboxError naming the knob', () => {
    const h = harness('org');
    expect(() => h.sandbox.setKnobs({ faults: [{ operation: 'X', kind: 'boom' as never, probability: 1 }] })).toThrow(
      /faults\[0\]\.kind/,
    );
    expect(() => h.sandbox.setKnobs({ organizationsEmptyPageProbability: 1 })).toThrow(
      /organizationsEmptyPageProbability/,
    );
    expect(() => h.sandbox.setKnobs({ latency: 5 } as never)).toThrow(/unknown knob/);
  });
});

describe('completion delays', () => {
  it('jitter the delay deterministically for a seed, within the fraction', async () => {
    const completions = async (seed: number) => {
      const h = harness('org', {
        knobs: { seed, completionDelayMs: { default: 1000, perOperation: {}, jitter: 0.5 } },
      });
      const InstanceArn = (await h.sso.send(new ListInstancesCommand({}))).Instances?.[0]?.InstanceArn;
      const sets: string[] = [];
      for (const Name of ['A', 'B', 'C', 'D']) {
        sets.push(
          (await h.sso.send(new CreatePermissionSetCommand({ InstanceArn, Name }))).PermissionSet
            ?.PermissionSetArn as string,
        );
      }
      for (const [i, PermissionSetArn] of sets.entries()) {
        await h.sso.send(
          new ProvisionPermissionSetCommand({
            InstanceArn,
            PermissionSetArn,
            TargetType: 'AWS_ACCOUNT',
            TargetId: `${i + 2}`.repeat(12),
          }),
        );
      }
      const requests = Object.values(Object.values(h.sandbox.state.instances)[0]?.requests ?? {});
      return requests.map((r) => r.completesAt - r.createdAt);
    };
    const a = await completions(5);
    expect(await completions(5)).toEqual(a);
    expect(await completions(6)).not.toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(1);
    for (const delay of a) expect(delay >= 500 && delay <= 1500).toBe(true);
  });
});
