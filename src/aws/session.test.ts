import { afterEach, describe, expect, it } from 'vitest';
import { page, StubEndpoint, stubCredentials, throttled } from '../../test/observe/helpers/stub-endpoint.js';
import { AwsAccessError } from '../errors.js';
import { RecordingHost } from '../events/events.js';
import { SandboxServiceError } from '../sandbox/endpoint.js';
import { VirtualClock } from '../util/clock.js';
import { redact } from '../util/redact.js';
import { AwsCallError } from './errors.js';
import { RETRY_BUDGET } from './retry.js';
import { type AwsSessionDeps, createAwsSession } from './session.js';

function setup(
  options: { env?: NodeJS.ProcessEnv; limits?: AwsSessionDeps['limits']; region?: string; clock?: VirtualClock } = {},
) {
  const clock = options.clock ?? new VirtualClock();
  const host = new RecordingHost();
  const endpoint = new StubEndpoint();
  const session = createAwsSession(
    { mode: 'sandbox', endpoint, credentials: stubCredentials, ...(options.region ? { region: options.region } : {}) },
    { clock, host, env: options.env ?? {}, random: () => 0.5, ...(options.limits ? { limits: options.limits } : {}) },
  );
  return { clock, host, endpoint, session };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('call', () => {
  it('sends the typed input and returns the output', async () => {
    const { endpoint, session } = setup({ region: 'eu-west-1' });
    endpoint.on('sso-admin', 'DescribePermissionSet', (input) => ({
      PermissionSet: { Name: 'Admin', PermissionSetArn: input.PermissionSetArn, SessionDuration: 'PT4H' },
    }));
    const out = await session.call('sso-admin', 'DescribePermissionSet', {
      InstanceArn: 'arn:aws:sso:::instance/ssoins-1111111111111111',
      PermissionSetArn: 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-2222222222222222',
    });
    expect(out.PermissionSet?.Name).toBe('Admin');
    expect(endpoint.calls[0]).toMatchObject({
      service: 'sso-admin',
      operation: 'DescribePermissionSet',
      region: 'eu-west-1',
    });
    expect(session.stats()).toMatchObject({ attempts: 1, byOperation: { 'sso-admin:DescribePermissionSet': 1 } });
  });

  it('calls global services in us-east-1 and regional ones in the session region', async () => {
    const { endpoint, session } = setup({ env: { AWS_REGION: 'eu-central-1' } });
    endpoint.on('iam', 'GetAccountSummary', () => ({ SummaryMap: { AccountMFAEnabled: 1 } }));
    endpoint.on('sts', 'GetCallerIdentity', () => ({
      Account: '111111111111',
      Arn: 'arn:aws:iam::111111111111:root',
      UserId: '1',
    }));
    await session.call('iam', 'GetAccountSummary', {});
    await session.callerIdentity();
    expect(endpoint.calls.map((c) => c.region)).toEqual(['us-east-1', 'eu-central-1']);
  });

  it('signs with the environment keys when AWS_ACCESS_KEY_ID is set, else the static ones', async () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIAENVMARKER0000001', AWS_SECRET_ACCESS_KEY: 'env-secret-marker-value' };
    const a = setup({ env });
    a.endpoint.on('iam', 'GetAccountSummary', () => ({ SummaryMap: {} }));
    await a.session.call('iam', 'GetAccountSummary', {});
    expect(a.endpoint.calls[0]?.accessKeyId).toBe('AKIAENVMARKER0000001');
    expect(redact('leak env-secret-marker-value')).toBe('leak ***');
    const b = setup();
    b.endpoint.on('iam', 'GetAccountSummary', () => ({ SummaryMap: {} }));
    await b.session.call('iam', 'GetAccountSummary', {});
    expect(b.endpoint.calls[0]?.accessKeyId).toBe(stubCredentials.accessKeyId);
    expect(redact(stubCredentials.secretAccessKey)).toBe('***');
  });
});

describe('paginate', () => {
  it('always sets the page size: 100 sso-admin and identitystore, 20 organizations, 1000 IAM', async () => {
    const { endpoint, session } = setup({ region: 'eu-west-1' });
    endpoint.on('sso-admin', 'ListPermissionSets', () => ({ PermissionSets: [] }));
    endpoint.on('identitystore', 'ListUsers', () => ({ Users: [] }));
    endpoint.on('organizations', 'ListRoots', () => ({ Roots: [] }));
    endpoint.on('iam', 'ListUsers', () => ({ Users: [], IsTruncated: false }));
    await session.list('sso-admin', 'ListPermissionSets', { InstanceArn: 'arn' }, 'PermissionSets');
    await session.list('identitystore', 'ListUsers', { IdentityStoreId: 'd-1234567890' }, 'Users');
    await session.list('organizations', 'ListRoots', {}, 'Roots');
    await session.list('iam', 'ListUsers', {}, 'Users');
    expect(endpoint.calls.map((c) => c.input.MaxResults ?? c.input.MaxItems)).toEqual([100, 100, 20, 1000]);
  });

  it('continues exactly while a token is present, through empty Organizations pages', async () => {
    const { endpoint, session } = setup();
    const pages = [
      { Accounts: [{ Id: '1' }], NextToken: 'a' },
      { Accounts: [], NextToken: 'b' },
      { Accounts: [], NextToken: 'c' },
      { Accounts: [{ Id: '2' }, { Id: '3' }] },
    ];
    endpoint.on('organizations', 'ListAccountsForParent', () => pages.shift());
    const ids: string[] = [];
    for await (const a of session.paginate(
      'organizations',
      'ListAccountsForParent',
      { ParentId: 'r-abcd' },
      'Accounts',
    )) {
      ids.push(a.Id ?? '');
    }
    expect(ids).toEqual(['1', '2', '3']);
    expect(endpoint.inputs('organizations', 'ListAccountsForParent').map((i) => i.NextToken)).toEqual([
      undefined,
      'a',
      'b',
      'c',
    ]);
  });

  it('pages IAM by Marker and stops when the Marker is absent', async () => {
    const { endpoint, session } = setup();
    const users = Array.from({ length: 5 }, (_, i) => ({ UserName: `u${i}` }));
    endpoint.on('iam', 'ListUsers', (input) => ({ ...page(users, input, 'Users', 2, 'Marker'), IsTruncated: false }));
    const names = (await session.list('iam', 'ListUsers', {}, 'Users')).map((u) => u.UserName);
    expect(names).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    expect(endpoint.count('iam', 'ListUsers')).toBe(3);
  });

  it('fails loudly on a token that does not move', async () => {
    const { endpoint, session } = setup();
    endpoint.on('organizations', 'ListRoots', () => ({ Roots: [], NextToken: 'same' }));
    const error = await rejection(session.list('organizations', 'ListRoots', {}, 'Roots'));
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as AwsCallError).awsCode).toBe('RepeatedPaginationToken');
  });
});

describe('retries', () => {
  it('rides out a throttling storm longer than the SDK’s attempts, on the clock', async () => {
    const { clock, host, endpoint, session } = setup({ region: 'eu-west-1' });
    const start = clock.now();
    endpoint.on('sso-admin', 'ListInstances', () => ({ Instances: [] }));
    endpoint.failNext('sso-admin', 'ListInstances', 7, () => throttled('sso-admin'));
    await session.call('sso-admin', 'ListInstances', {});
    expect(endpoint.count('sso-admin', 'ListInstances')).toBe(8);
    const stats = session.stats();
    // 3 SDK attempts per round (default), so rounds 1–3 failed and the 3rd round's 2nd attempt worked.
    expect(stats.retries).toEqual({ sdk: 5, outer: 2 });
    expect(stats.errors).toEqual({ ThrottlingException: 7 });
    expect(clock.now() - start).toBeGreaterThan(3000);
    const logs = host.logs('debug').filter((m) => m.startsWith('retrying'));
    expect(logs).toHaveLength(7);
    expect(logs.some((m) => m.includes('sso-admin:ListInstances (ThrottlingException, throttling)'))).toBe(true);
    expect(logs.some((m) => m.includes('sso:ListInstances') && m.includes('(throttled, round 1)'))).toBe(true);
  });

  it('gives up after the documented budget with an AwsAccessError(throttled)', async () => {
    const { endpoint, session } = setup();
    endpoint.on('organizations', 'ListRoots', () => {
      throw throttled('organizations');
    });
    const error = await rejection(session.call('organizations', 'ListRoots', {}));
    expect(error).toBeInstanceOf(AwsAccessError);
    expect((error as AwsCallError).kind).toBe('throttled');
    expect(endpoint.count('organizations', 'ListRoots')).toBe(3 * (1 + RETRY_BUDGET.throttled.retries));
    expect((error as Error).message).toContain(`after ${RETRY_BUDGET.throttled.retries} extra rounds`);
  });

  it('retries 5xx, within the transient budget', async () => {
    const { endpoint, session } = setup();
    endpoint.on('iam', 'GetAccountSummary', () => ({ SummaryMap: {} }));
    endpoint.failNext('iam', 'GetAccountSummary', 4, () => new SandboxServiceError('ServiceFailure', 'boom', 500));
    await session.call('iam', 'GetAccountSummary', {});
    expect(endpoint.count('iam', 'GetAccountSummary')).toBe(5);
    const always = setup();
    always.endpoint.on('iam', 'GetAccountSummary', () => {
      throw new SandboxServiceError('ServiceFailure', 'boom', 500);
    });
    const error = await rejection(always.session.call('iam', 'GetAccountSummary', {}));
    expect((error as AwsCallError).kind).toBe('service');
    expect(always.endpoint.count('iam', 'GetAccountSummary')).toBe(3 * (1 + RETRY_BUDGET.transient.retries));
  });

  it('retries a ConflictException only when the call declares it transient', async () => {
    const conflict = () => new SandboxServiceError('ConflictException', 'Another operation is in progress', 409);
    const input = {
      InstanceArn: 'arn',
      PermissionSetArn: 'ps',
      ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    };
    const a = setup({ region: 'eu-west-1' });
    a.endpoint.on('sso-admin', 'AttachManagedPolicyToPermissionSet', () => ({}));
    a.endpoint.failNext('sso-admin', 'AttachManagedPolicyToPermissionSet', 2, conflict);
    await a.session.call('sso-admin', 'AttachManagedPolicyToPermissionSet', input, { conflict: 'transient' });
    expect(a.endpoint.count('sso-admin', 'AttachManagedPolicyToPermissionSet')).toBe(3);

    const b = setup({ region: 'eu-west-1' });
    b.endpoint.on('sso-admin', 'AttachManagedPolicyToPermissionSet', () => ({}));
    b.endpoint.failNext('sso-admin', 'AttachManagedPolicyToPermissionSet', 1, conflict);
    const error = await rejection(b.session.call('sso-admin', 'AttachManagedPolicyToPermissionSet', input));
    expect((error as AwsCallError).kind).toBe('conflict');
    expect(b.endpoint.count('sso-admin', 'AttachManagedPolicyToPermissionSet')).toBe(1);
  });

  it('never retries a permanent conflict, even on a call that allows transient ones', async () => {
    const { endpoint, session } = setup({ region: 'eu-west-1' });
    endpoint.on('sso-admin', 'CreatePermissionSet', () => {
      throw new SandboxServiceError('ConflictException', 'PermissionSet with name Admin already exists.', 409);
    });
    const error = await rejection(
      session.call(
        'sso-admin',
        'CreatePermissionSet',
        { InstanceArn: 'arn', Name: 'Admin' },
        { conflict: 'transient' },
      ),
    );
    expect((error as AwsCallError).kind).toBe('conflict');
    expect(endpoint.count('sso-admin', 'CreatePermissionSet')).toBe(1);
  });

  it('never retries validation, not found or access denied', async () => {
    const { endpoint, session } = setup({ region: 'eu-west-1' });
    const errors = [
      new SandboxServiceError('ValidationException', 'bad', 400),
      new SandboxServiceError('ResourceNotFoundException', 'gone', 404),
      new SandboxServiceError('AccessDeniedException', 'not authorized to perform: sso:DescribeInstance', 403),
    ];
    for (const e of errors) {
      endpoint.failNext('sso-admin', 'DescribeInstance', 1, () => e);
      const error = await rejection(session.call('sso-admin', 'DescribeInstance', { InstanceArn: 'arn' }));
      expect(error).toBeInstanceOf(AwsCallError);
    }
    expect(endpoint.count('sso-admin', 'DescribeInstance')).toBe(3);
    expect(session.stats().retries).toEqual({ sdk: 0, outer: 0 });
  });

  it('honours AWS_MAX_ATTEMPTS through the SDK’s own config', async () => {
    process.env.AWS_MAX_ATTEMPTS = '1';
    const { endpoint, session } = setup();
    endpoint.on('iam', 'GetAccountSummary', () => ({ SummaryMap: {} }));
    endpoint.failNext('iam', 'GetAccountSummary', 2, () => throttled('iam'));
    await session.call('iam', 'GetAccountSummary', {});
    expect(session.stats().retries).toEqual({ sdk: 0, outer: 2 });
  });

  it('honours AWS_RETRY_MODE=adaptive', async () => {
    process.env.AWS_RETRY_MODE = 'adaptive';
    process.env.AWS_MAX_ATTEMPTS = '5';
    const { endpoint, session } = setup();
    endpoint.on('iam', 'GetAccountSummary', () => ({ SummaryMap: {} }));
    endpoint.failNext('iam', 'GetAccountSummary', 4, () => throttled('iam'));
    await session.call('iam', 'GetAccountSummary', {});
    expect(session.stats().retries).toEqual({ sdk: 4, outer: 0 });
  });
});

describe('rate limits', () => {
  it('paces sso-admin calls to the shared bucket', async () => {
    const { clock, endpoint, session } = setup({ region: 'eu-west-1', limits: { ssoAdmin: { rate: 10, burst: 10 } } });
    endpoint.on('sso-admin', 'ListInstances', () => ({ Instances: [] }));
    endpoint.on('sso-admin', 'DescribeInstance', () => ({}));
    const start = clock.now();
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 2
          ? session.call('sso-admin', 'ListInstances', {})
          : session.call('sso-admin', 'DescribeInstance', { InstanceArn: 'a' }),
      ),
    );
    expect(clock.now() - start).toBe(5000);
  });
});

describe('probeIdentityCenterRegions', () => {
  it('asks every region in parallel and reports where an instance answered', async () => {
    const { endpoint, session } = setup();
    endpoint.on('sso-admin', 'ListInstances', (_input, call) => {
      if (call.region === 'me-central-1') {
        throw new SandboxServiceError(
          'UnrecognizedClientException',
          'The security token included in the request is invalid',
          400,
        );
      }
      return call.region === 'eu-west-1'
        ? {
            Instances: [
              { InstanceArn: 'arn:aws:sso:::instance/ssoins-1111111111111111', IdentityStoreId: 'd-1111111111' },
            ],
          }
        : { Instances: [] };
    });
    const probe = await session.probeIdentityCenterRegions(['us-east-1', 'eu-west-1', 'me-central-1']);
    expect(probe.probedRegions).toEqual(['us-east-1', 'eu-west-1', 'me-central-1']);
    expect(probe.found).toEqual([
      {
        region: 'eu-west-1',
        instances: [{ instanceArn: 'arn:aws:sso:::instance/ssoins-1111111111111111', identityStoreId: 'd-1111111111' }],
      },
    ]);
    expect(probe.failed.map((f) => [f.region, f.error.kind])).toEqual([['me-central-1', 'wrong-region']]);
  });
});

describe('forAccount', () => {
  function withAssumeRole(endpoint: StubEndpoint, clock: VirtualClock) {
    endpoint.on('sts', 'GetCallerIdentity', (_i, call) => ({
      Account: call.accessKeyId === stubCredentials.accessKeyId ? '111111111111' : '222222222222',
      Arn: 'arn',
      UserId: 'u',
    }));
    endpoint.on('sts', 'AssumeRole', (input) => {
      if (!String(input.RoleArn).startsWith('arn:aws:iam::222222222222:')) {
        throw new SandboxServiceError('AccessDenied', 'not authorized to perform: sts:AssumeRole', 403);
      }
      return {
        Credentials: {
          AccessKeyId: 'ASIAMEMBER0000000001',
          SecretAccessKey: 'member-secret-value-1',
          SessionToken: 'member-session-token-1',
          Expiration: new Date(clock.now() + 3600_000),
        },
      };
    });
    endpoint.on('iam', 'GetAccountSummary', () => ({ SummaryMap: {} }));
  }

  it('enters a member account by role, once, and calls there with its credentials', async () => {
    const { clock, endpoint, session } = setup();
    withAssumeRole(endpoint, clock);
    const member = await session.forAccount('222222222222', 'Auditor');
    await member.call('iam', 'GetAccountSummary', {});
    await (await session.forAccount('222222222222', 'Auditor')).call('iam', 'GetAccountSummary', {});
    await session.call('iam', 'GetAccountSummary', {}, { accountId: '222222222222' });
    expect(endpoint.inputs('sts', 'AssumeRole')).toEqual([
      { RoleArn: 'arn:aws:iam::222222222222:role/Auditor', RoleSessionName: 'gatehouse', DurationSeconds: 3600 },
      {
        RoleArn: 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole',
        RoleSessionName: 'gatehouse',
        DurationSeconds: 3600,
      },
    ]);
    expect(endpoint.calls.filter((c) => c.operation === 'GetAccountSummary').map((c) => c.accessKeyId)).toEqual([
      'ASIAMEMBER0000000001',
      'ASIAMEMBER0000000001',
      'ASIAMEMBER0000000001',
    ]);
    expect(redact('member-secret-value-1 member-session-token-1')).toBe('*** ***');
  });

  it('judges expiry on the session clock and re-enters only when the credentials are about to expire', async () => {
    // A sandbox clock years behind the wall clock: its credentials look long expired in real time.
    const clock = new VirtualClock(Date.UTC(2020, 0, 1));
    const { endpoint, session } = setup({ clock });
    withAssumeRole(endpoint, clock);
    for (let i = 0; i < 3; i++) await session.call('iam', 'GetAccountSummary', {}, { accountId: '222222222222' });
    expect(endpoint.count('sts', 'AssumeRole')).toBe(1);
    clock.advance(56 * 60_000);
    await session.call('iam', 'GetAccountSummary', {}, { accountId: '222222222222' });
    expect(endpoint.count('sts', 'AssumeRole')).toBe(2);
  });

  it('returns the session itself for the caller’s own account', async () => {
    const { clock, endpoint, session } = setup();
    withAssumeRole(endpoint, clock);
    expect(await session.forAccount('111111111111')).toBe(session);
    expect(endpoint.count('sts', 'AssumeRole')).toBe(0);
  });

  it('rejects with the AssumeRole error when the account cannot be entered, and remembers it', async () => {
    const { clock, endpoint, session } = setup();
    withAssumeRole(endpoint, clock);
    const error = await rejection(session.forAccount('333333333333'));
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as AwsCallError).action).toBe('sts:AssumeRole');
    await rejection(session.forAccount('333333333333'));
    expect(endpoint.count('sts', 'AssumeRole')).toBe(1);
  });
});

describe('aws mode', () => {
  it('uses the SDK default chain and leaves AWS_ENDPOINT_URL to the SDK', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLEENVKEY001';
    process.env.AWS_SECRET_ACCESS_KEY = 'example-env-secret-for-aws-mode';
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:1';
    process.env.AWS_MAX_ATTEMPTS = '1';
    const session = createAwsSession({ mode: 'aws' }, { clock: new VirtualClock(), host: new RecordingHost() });
    const error = await rejection(session.call('iam', 'GetAccountSummary', {}));
    session.destroy();
    expect((error as AwsCallError).kind).toBe('network');
    expect((error as Error).message).toBe('cannot reach 127.0.0.1:1 (ECONNREFUSED)');
    expect(redact('example-env-secret-for-aws-mode')).toBe('***');
  });

  it('reads the region from AWS_DEFAULT_REGION when AWS_REGION is unset', async () => {
    const session = createAwsSession(
      { mode: 'aws' },
      { clock: new VirtualClock(), host: new RecordingHost(), env: { AWS_DEFAULT_REGION: 'ap-southeast-2' } },
    );
    expect(await session.defaultRegion()).toBe('ap-southeast-2');
    const named = createAwsSession(
      { mode: 'aws', region: 'eu-north-1' },
      { clock: new VirtualClock(), host: new RecordingHost(), env: {} },
    );
    expect(await named.defaultRegion()).toBe('eu-north-1');
    expect(named.configuredRegion).toBe('eu-north-1');
  });
});
