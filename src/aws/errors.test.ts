import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessDeniedException as AccountAccessDenied } from '@aws-sdk/client-account';
import {
  GetAccountSummaryCommand,
  IAMClient,
  LimitExceededException,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { ConflictException as IdentityStoreConflict } from '@aws-sdk/client-identitystore';
import {
  AWSOrganizationsNotInUseException,
  InvalidInputException,
  TooManyRequestsException,
} from '@aws-sdk/client-organizations';
import {
  AccessDeniedException,
  ConflictException,
  InternalServerException,
  ResourceNotFoundException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-sso-admin';
import { ExpiredTokenException, STSServiceException } from '@aws-sdk/client-sts';
import { fromEnv, fromSSO } from '@aws-sdk/credential-providers';
import { afterEach, describe, expect, it } from 'vitest';
import { AwsAccessError, ExitCode } from '../errors.js';
import { registerSecret } from '../util/redact.js';
import { AwsCallError, classifyAwsError, sameErrorName, toUserError } from './errors.js';

const sso = { service: 'sso-admin' as const, operation: 'ListInstances', region: 'eu-west-1' };
const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('classifyAwsError', () => {
  it('access denied names the IAM action AWS named, else the call’s', () => {
    const named = new AccessDeniedException({
      message:
        'User: arn:aws:sts::111111111111:assumed-role/Audit/me is not authorized to perform: sso:ListInstances on resource: arn:aws:sso:::instance/* because no identity-based policy allows the sso:ListInstances action',
      ...meta(403),
    });
    const c = classifyAwsError(named, sso);
    expect(c).toMatchObject({
      kind: 'access-denied',
      retryable: false,
      action: 'sso:ListInstances',
      code: 'AccessDeniedException',
    });
    const plain = classifyAwsError(new AccountAccessDenied({ message: 'denied', ...meta(403) }), {
      service: 'account',
      operation: 'GetAlternateContact',
    });
    expect(plain.action).toBe('account:GetAlternateContact');
    const ec2Style = classifyAwsError(Object.assign(new Error('no'), { name: 'UnauthorizedOperation' }), sso);
    expect(ec2Style.kind).toBe('access-denied');
  });

  it('throttling, with every SDK name and a bare 429', () => {
    expect(classifyAwsError(new ThrottlingException({ message: 'Rate exceeded', ...meta(429) }), sso)).toMatchObject({
      kind: 'throttled',
      retryable: true,
    });
    expect(
      classifyAwsError(new TooManyRequestsException({ message: 'slow', ...meta(429) }), {
        service: 'organizations',
        operation: 'ListRoots',
      }).kind,
    ).toBe('throttled');
    expect(
      classifyAwsError(new LimitExceededException({ message: 'report', ...meta(409) }), {
        service: 'iam',
        operation: 'GenerateCredentialReport',
      }).kind,
    ).toBe('throttled');
    expect(classifyAwsError(Object.assign(new Error('x'), { name: 'Throttling', ...meta(400) }), sso).kind).toBe(
      'throttled',
    );
  });

  it('error names with and without the Exception suffix classify the same (AWS documents both)', () => {
    const bare = (name: string, status: number) => Object.assign(new Error('x'), { name, ...meta(status) });
    const pairs: [string, number, string][] = [
      ['ThrottlingException', 400, 'throttled'],
      ['AccessDeniedException', 400, 'access-denied'],
      ['ConflictException', 400, 'conflict'],
      ['ValidationException', 400, 'validation'],
      ['ResourceNotFoundException', 400, 'not-found'],
      ['ExpiredTokenException', 400, 'credentials-expired'],
      ['UnrecognizedClientException', 400, 'credentials-missing'],
    ];
    const iamCall = { service: 'iam' as const, operation: 'ListUsers' };
    for (const [name, status, kind] of pairs) {
      const withSuffix = classifyAwsError(bare(name, status), iamCall);
      const withoutSuffix = classifyAwsError(bare(name.replace(/Exception$/, ''), status), iamCall);
      expect([name, withSuffix.kind, withSuffix.retryable]).toEqual([name, kind, withoutSuffix.retryable]);
      expect([name, withoutSuffix.kind]).toEqual([name, kind]);
    }
    expect(
      sameErrorName(
        'AccountNotManagementOrDelegatedAdministrator',
        'AccountNotManagementOrDelegatedAdministratorException',
      ),
    ).toBe(true);
    expect(sameErrorName('Conflict', 'ConcurrentModification')).toBe(false);
  });

  it('sso-admin throttling reported with HTTP 400 is retried like a 429 (aws-samples/aws-iam-identity-center-extensions#87)', () => {
    const at400 = classifyAwsError(new ThrottlingException({ message: 'Rate exceeded', ...meta(400) }), sso);
    expect(at400).toMatchObject({ kind: 'throttled', retryable: true });
  });

  it('not found, validation and service errors', () => {
    expect(classifyAwsError(new ResourceNotFoundException({ message: 'gone', ...meta(404) }), sso).kind).toBe(
      'not-found',
    );
    expect(
      classifyAwsError(new NoSuchEntityException({ message: 'no policy', ...meta(404) }), {
        service: 'iam',
        operation: 'GetAccountPasswordPolicy',
      }).kind,
    ).toBe('not-found');
    expect(classifyAwsError(new ValidationException({ message: 'bad', ...meta(400) }), sso)).toMatchObject({
      kind: 'validation',
      retryable: false,
    });
    expect(
      classifyAwsError(new InvalidInputException({ message: 'bad', ...meta(400) }), {
        service: 'organizations',
        operation: 'ListAccountsForParent',
      }).kind,
    ).toBe('validation');
    expect(classifyAwsError(new InternalServerException({ message: 'oops', ...meta(500) }), sso)).toMatchObject({
      kind: 'service',
      retryable: true,
    });
  });

  it('conflicts: transient only when the caller says so and AWS’s message is not a permanent one', () => {
    const inFlight = new ConflictException({
      message: 'Another operation is in progress on this permission set',
      ...meta(409),
    });
    const op = { service: 'sso-admin' as const, operation: 'AttachManagedPolicyToPermissionSet' };
    expect(classifyAwsError(inFlight, op)).toMatchObject({ kind: 'conflict', retryable: false });
    expect(classifyAwsError(inFlight, { ...op, conflict: 'transient' })).toMatchObject({
      kind: 'conflict',
      retryable: true,
    });
    const duplicate = new ConflictException({ message: 'PermissionSet with name Admin already exists.', ...meta(409) });
    expect(classifyAwsError(duplicate, { ...op, conflict: 'transient' }).retryable).toBe(false);
    const stillUsed = new ConflictException({
      message: 'Could not delete because PermissionSet has ApplicationProfile associated with it',
      ...meta(409),
    });
    expect(classifyAwsError(stillUsed, { ...op, conflict: 'transient' }).retryable).toBe(false);
    const unique = new IdentityStoreConflict({
      message: 'Duplicate UserName',
      Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION',
      ...meta(409),
    });
    expect(
      classifyAwsError(unique, { service: 'identitystore', operation: 'CreateUser', conflict: 'transient' }).retryable,
    ).toBe(false);
    const concurrent = new IdentityStoreConflict({ message: 'busy', Reason: 'CONCURRENT_MODIFICATION', ...meta(409) });
    expect(classifyAwsError(concurrent, { service: 'identitystore', operation: 'UpdateUser' }).retryable).toBe(true);
  });

  it('an organization that does not exist is a not-found the collector can read', () => {
    const c = classifyAwsError(new AWSOrganizationsNotInUseException({ message: 'not in org', ...meta(404) }), {
      service: 'organizations',
      operation: 'DescribeOrganization',
    });
    expect(c).toMatchObject({ kind: 'not-found', code: 'AWSOrganizationsNotInUseException' });
  });

  it('expired and invalid credentials', () => {
    expect(
      classifyAwsError(
        new ExpiredTokenException({ message: 'The security token included in the request is expired', ...meta(400) }),
        {
          service: 'sts',
          operation: 'GetCallerIdentity',
        },
      ).kind,
    ).toBe('credentials-expired');
    const invalid = new STSServiceException({
      name: 'InvalidClientTokenId',
      $fault: 'client',
      ...meta(403),
      message: 'invalid',
    });
    expect(classifyAwsError(invalid, { service: 'sts', operation: 'GetCallerIdentity' }).kind).toBe(
      'credentials-missing',
    );
    // In an opt-in region that is not enabled, Identity Center rejects even good credentials.
    const unrecognized = Object.assign(new Error('The security token included in the request is invalid'), {
      name: 'UnrecognizedClientException',
      ...meta(400),
    });
    expect(classifyAwsError(unrecognized, { ...sso, region: 'me-central-1' }).kind).toBe('wrong-region');
  });

  describe('credential providers', () => {
    const saved = { ...process.env };
    afterEach(() => {
      process.env = { ...saved };
    });

    it('missing credentials (the env provider with nothing set)', async () => {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      const error = await rejection(fromEnv()());
      expect((error as Error).name).toBe('CredentialsProviderError');
      expect(classifyAwsError(error, { service: 'sts', operation: 'GetCallerIdentity' }).kind).toBe(
        'credentials-missing',
      );
    });

    it('an expired SSO session, from the SDK’s own SSO provider', async () => {
      const home = mkdtempSync(join(tmpdir(), 'gatehouse-sso-'));
      try {
        const startUrl = 'https://example.awsapps.com/start';
        const cache = join(home, '.aws', 'sso', 'cache');
        mkdirSync(cache, { recursive: true });
        const file = `${createHash('sha1').update(startUrl).digest('hex')}.json`;
        writeFileSync(
          join(cache, file),
          JSON.stringify({ startUrl, region: 'eu-west-1', accessToken: 'x', expiresAt: '2020-01-01T00:00:00Z' }),
        );
        process.env.HOME = home;
        process.env.USERPROFILE = home;
        const error = await rejection(
          fromSSO({
            ssoStartUrl: startUrl,
            ssoAccountId: '111111111111',
            ssoRegion: 'eu-west-1',
            ssoRoleName: 'Admin',
          })(),
        );
        expect((error as Error).message).toMatch(/SSO session .* expired/);
        const c = classifyAwsError(error, { service: 'sts', operation: 'GetCallerIdentity', profile: 'corp' });
        expect(c.kind).toBe('sso-token-expired');
        const user = toUserError(error, { service: 'sts', operation: 'GetCallerIdentity', profile: 'corp' });
        expect(user).toBeInstanceOf(AwsAccessError);
        expect((user as AwsAccessError).hints.join('\n')).toContain('aws sso login --profile corp');
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    });
  });

  it('network: a refused connection from a real SDK client says which host cannot be reached', async () => {
    const client = new IAMClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example-value' },
      maxAttempts: 1,
    });
    const error = await rejection(client.send(new GetAccountSummaryCommand({})));
    client.destroy();
    const c = classifyAwsError(error, { service: 'iam', operation: 'GetAccountSummary' });
    expect(c).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    expect(c.message).toBe('cannot reach 127.0.0.1:1 (ECONNREFUSED)');
  });

  it('network: DNS failures name the host; a host in a region that does not exist is a wrong region', () => {
    const dns = (host: string) =>
      Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), {
        code: 'ENOTFOUND',
        hostname: host,
        syscall: 'getaddrinfo',
      });
    const c = classifyAwsError(dns('sso.eu-west-1.amazonaws.com'), sso);
    expect(c).toMatchObject({
      kind: 'network',
      retryable: false,
      message: 'cannot reach sso.eu-west-1.amazonaws.com (ENOTFOUND)',
    });
    expect(classifyAwsError(dns('sso.eu-west-9.amazonaws.com'), { ...sso, region: 'eu-west-9' }).kind).toBe(
      'wrong-region',
    );
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(classifyAwsError(reset, sso)).toMatchObject({ kind: 'network', retryable: true });
    expect(classifyAwsError(Object.assign(new Error('t'), { name: 'TimeoutError' }), sso).kind).toBe('network');
  });

  it('messages never carry registered secrets', () => {
    registerSecret('wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY');
    const leaky = new ValidationException({
      message: 'bad signature for wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY and AKIAIOSFODNN7EXAMPLE',
      ...meta(400),
    });
    const c = classifyAwsError(leaky, sso);
    expect(c.message).not.toContain('wJalrXUtnFEMI');
    expect(c.message).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });
});

describe('AwsCallError and toUserError', () => {
  it('is an AwsAccessError (exit 3) with a hint to print the policy', () => {
    const denied = new AccessDeniedException({
      message: 'not authorized to perform: sso:ListPermissionSets',
      ...meta(403),
    });
    const error = new AwsCallError(classifyAwsError(denied, { ...sso, operation: 'ListPermissionSets' }), sso, denied);
    expect(error).toBeInstanceOf(AwsAccessError);
    expect(error.exitCode).toBe(ExitCode.Aws);
    expect(error.kind).toBe('access-denied');
    expect(error.action).toBe('sso:ListPermissionSets');
    expect(error.hints[0]).toContain('gatehouse needs sso:ListPermissionSets; run `gatehouse permissions --for audit`');
    expect(toUserError(error)).toBe(error);
  });

  it('leaves non-actionable and unknown errors alone', () => {
    const bug = new TypeError('undefined is not a function');
    expect(toUserError(bug)).toBe(bug);
    const validation = new ValidationException({ message: 'bad', ...meta(400) });
    expect(toUserError(validation, sso)).toBe(validation);
    const throttled = toUserError(new ThrottlingException({ message: 'Rate exceeded', ...meta(429) }), sso);
    expect(throttled).toBeInstanceOf(AwsAccessError);
    expect((throttled as AwsAccessError).kind).toBe('throttled');
  });
});

describe('SDK internals never reach the user', () => {
  it('drops the deserialization hint and says the answer could not be read', () => {
    // What @smithy/core does to a response it cannot parse (an HTML page from a proxy, a cut-off body).
    const error = Object.assign(new SyntaxError(`Unexpected token '<', "<html><bo"... is not valid JSON`), {
      $response: { statusCode: 200 },
    });
    error.message +=
      '\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.';
    const c = classifyAwsError(error, sso);
    expect(c.message).not.toMatch(/\$response|Deserialization|hidden field/);
    expect(c.message).toBe(
      `sso:ListInstances failed (SyntaxError): AWS's answer could not be read (Unexpected token '<', "<html><bo"... is not valid JSON)`,
    );
  });

  it('leaves ordinary messages alone', () => {
    const c = classifyAwsError(new ValidationException({ message: 'bad input', $metadata: {} }), sso);
    expect(c.message).toBe('sso:ListInstances rejected the request (ValidationException): bad input');
  });
});
