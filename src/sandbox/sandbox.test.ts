import { describe, expect, it } from 'vitest';
import { SandboxError } from '../errors.js';
import { VirtualClock } from '../util/clock.js';
import type { SandboxServiceError } from './endpoint.js';
import { createSandbox, emptyState } from './sandbox.js';

function orgSandbox() {
  const clock = new VirtualClock();
  const sandbox = createSandbox({ clock, scenario: 'org', knobs: { rateLimits: false } });
  const accessKeyId = sandbox.defaultCredentials()?.accessKeyId as string;
  return { clock, sandbox, accessKeyId };
}

async function errorOf(promise: Promise<unknown>): Promise<SandboxServiceError> {
  try {
    await promise;
  } catch (error) {
    return error as SandboxServiceError;
  }
  throw new Error('expected an error');
}

describe('Sandbox.handle', () => {
  it('serves a call from its own SDK-free input and output objects', async () => {
    const { sandbox, accessKeyId } = orgSandbox();
    const out = await sandbox.handle({
      service: 'sts',
      operation: 'GetCallerIdentity',
      input: {},
      accessKeyId,
      region: 'eu-west-1',
    });
    expect(out).toEqual({
      UserId: expect.any(String),
      Account: '111111111111',
      Arn: 'arn:aws:sts::111111111111:assumed-role/Admin/gatehouse',
    });
  });

  it('names operations and services it does not emulate', async () => {
    const { sandbox, accessKeyId } = orgSandbox();
    const op = await errorOf(
      sandbox.handle({
        service: 'sso-admin',
        operation: 'CreateApplication',
        input: {},
        accessKeyId,
        region: 'eu-west-1',
      }),
    );
    expect(op).toMatchObject({
      code: 'UnknownOperationException',
      httpStatusCode: 400,
      message: 'The gatehouse sandbox does not emulate sso-admin CreateApplication.',
    });
    const proto = await errorOf(
      sandbox.handle({ service: 'sso-admin', operation: 'toString', input: {}, accessKeyId, region: 'eu-west-1' }),
    );
    expect(proto.code).toBe('UnknownOperationException');
    const service = await errorOf(
      sandbox.handle({ service: 's3' as never, operation: 'ListBuckets', input: {}, accessKeyId, region: 'eu-west-1' }),
    );
    expect(service.code).toBe('UnknownOperationException');
  });

  it('issues expiring credentials and refuses them after expiry', async () => {
    const { clock, sandbox } = orgSandbox();
    const creds = sandbox.issueCredentials({
      accountId: '222222222222',
      principal: { roleName: 'OrganizationAccountAccessRole', sessionName: 's' },
      expiresInMs: 1000,
    });
    expect(creds.expiration).toEqual(new Date(clock.now() + 1000));
    const call = {
      service: 'sts' as const,
      operation: 'GetCallerIdentity',
      input: {},
      accessKeyId: creds.accessKeyId,
      region: 'eu-west-1',
    };
    expect((await sandbox.handle(call)).Account).toBe('222222222222');
    clock.advance(1000);
    expect(await errorOf(sandbox.handle(call))).toMatchObject({ code: 'ExpiredToken', httpStatusCode: 403 });
    const chosen = sandbox.issueCredentials({
      accountId: '111111111111',
      principal: 'root',
      accessKeyId: 'AKIAMARKERMARKER0001',
      secretAccessKey: 'marker-secret',
    });
    expect(chosen).toEqual({ accessKeyId: 'AKIAMARKERMARKER0001', secretAccessKey: 'marker-secret' });
    expect(() => sandbox.issueCredentials({ accountId: '999999999999' })).toThrow(SandboxError);
  });

  it('uses caller-chosen default credentials for a scenario', () => {
    const sandbox = createSandbox({
      clock: new VirtualClock(),
      scenario: 'fresh',
      scenarioOptions: {
        credentials: {
          accessKeyId: 'AKIAMARKER0000000001',
          secretAccessKey: 'SECRET-MARKER',
          sessionToken: 'TOKEN-MARKER',
        },
      },
    });
    expect(sandbox.defaultCredentials()).toEqual({
      accessKeyId: 'AKIAMARKER0000000001',
      secretAccessKey: 'SECRET-MARKER',
      sessionToken: 'TOKEN-MARKER',
    });
  });
});

describe('Sandbox admin API', () => {
  it('exports and imports state, and resets to an empty sandbox or a scenario', async () => {
    const { clock, sandbox, accessKeyId } = orgSandbox();
    const exported = sandbox.exportState();
    const copy = createSandbox({ clock, state: exported });
    expect(copy.exportState()).toEqual(exported);
    sandbox.reset();
    expect(Object.keys(sandbox.state.accounts)).toEqual([]);
    expect(
      await errorOf(
        sandbox.handle({ service: 'sts', operation: 'GetCallerIdentity', input: {}, accessKeyId, region: 'eu-west-1' }),
      ),
    ).toMatchObject({
      code: 'InvalidClientTokenId',
    });
    sandbox.importState(exported);
    expect(Object.keys(sandbox.state.accounts)).toHaveLength(7);
    sandbox.reset('fresh');
    expect(sandbox.state.scenario).toBe('fresh');
    expect(() => sandbox.importState({ format: 'something-else' })).toThrow(/is not a gatehouse sandbox state/);
    expect(() =>
      createSandbox({
        state: { ...emptyState(), instances: { x: { arn: 'x', permissionSets: {}, identityStore: {} } } },
      }),
    ).toThrow(SandboxError);
  });

  it('tells when the next asynchronous work completes and settles it on demand', async () => {
    const { clock, sandbox, accessKeyId } = orgSandbox();
    expect(sandbox.nextCompletion()).toBeNull();
    const instance = Object.values(sandbox.state.instances)[0];
    await sandbox.handle({
      service: 'sso-admin',
      operation: 'UpdateInstance',
      input: { InstanceArn: instance?.arn, EncryptionConfiguration: { KeyType: 'AWS_OWNED_KMS_KEY' } },
      accessKeyId,
      region: 'eu-west-1',
    });
    expect(sandbox.nextCompletion()).toBe(clock.now() + 5000);
    clock.advance(5000);
    expect(sandbox.settle()).toBe(1);
    expect(sandbox.nextCompletion()).toBeNull();
  });

  it('notifies listeners of every change of persisted state', async () => {
    const { sandbox, accessKeyId } = orgSandbox();
    let changes = 0;
    const off = sandbox.onChange(() => changes++);
    await sandbox.handle({
      service: 'sts',
      operation: 'GetCallerIdentity',
      input: {},
      accessKeyId,
      region: 'eu-west-1',
    });
    expect(changes).toBe(0);
    await sandbox.handle({
      service: 'organizations',
      operation: 'EnableAWSServiceAccess',
      input: { ServicePrincipal: 'iam.amazonaws.com' },
      accessKeyId,
      region: 'us-east-1',
    });
    expect(changes).toBe(1);
    sandbox.setKnobs({ latencyMs: 1 });
    expect(changes).toBe(2);
    off();
    sandbox.setKnobs({ latencyMs: 2 });
    expect(changes).toBe(2);
  });
});
