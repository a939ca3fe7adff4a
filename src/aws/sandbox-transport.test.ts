import {
  AccountClient,
  ResourceNotFoundException as AccountNotFound,
  GetAlternateContactCommand,
} from '@aws-sdk/client-account';
import {
  CredentialReportNotPresentException,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  IAMServiceException,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import {
  IdentitystoreClient,
  ConflictException as IdsConflict,
  ThrottlingException as IdsThrottling,
  ListUsersCommand,
} from '@aws-sdk/client-identitystore';
import { InvalidInputException, ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import {
  ConflictException,
  ListInstancesCommand,
  SSOAdminClient,
  SSOAdminServiceException,
  ThrottlingException,
} from '@aws-sdk/client-sso-admin';
import { GetCallerIdentityCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { zeroDelayRetry } from '../../test/sandbox/helpers.js';
import { type SandboxCall, type SandboxEndpoint, SandboxServiceError } from '../sandbox/endpoint.js';
import { installSandboxTransport } from './sandbox-transport.js';

/** An endpoint that records calls and answers from a script. */
class ScriptedEndpoint implements SandboxEndpoint {
  readonly calls: SandboxCall[] = [];
  private readonly answer: (call: SandboxCall, n: number) => Record<string, unknown>;
  constructor(answer: (call: SandboxCall, n: number) => Record<string, unknown>) {
    this.answer = answer;
  }
  async handle(call: SandboxCall): Promise<Record<string, unknown>> {
    this.calls.push(call);
    return this.answer(call, this.calls.length);
  }
}

const credentials = { accessKeyId: 'AKIAEXAMPLEEXAMPLE01', secretAccessKey: 'secret', sessionToken: 'token' };

function clients(endpoint: SandboxEndpoint, maxAttempts = 1) {
  const config = { region: 'eu-west-1', credentials, retryStrategy: zeroDelayRetry(maxAttempts) };
  const all = {
    sso: new SSOAdminClient(config),
    ids: new IdentitystoreClient(config),
    org: new OrganizationsClient(config),
    iam: new IAMClient(config),
    sts: new STSClient(config),
    account: new AccountClient(config),
  };
  for (const client of Object.values(all)) installSandboxTransport(client, endpoint);
  return all;
}

async function failure(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected a failure');
}

describe('installSandboxTransport', () => {
  it('routes every client to the endpoint with the service, operation, input, access key and signing region', async () => {
    const endpoint = new ScriptedEndpoint((call) => ({ Echo: `${call.service}:${call.operation}` }));
    const c = clients(endpoint);
    const outputs = [
      await c.sso.send(new ListInstancesCommand({ MaxResults: 5 })),
      await c.ids.send(new ListUsersCommand({ IdentityStoreId: 'd-1234567890' })),
      await c.org.send(new ListAccountsCommand({})),
      await c.iam.send(new GetAccountSummaryCommand({})),
      await c.sts.send(new GetCallerIdentityCommand({})),
      await c.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' })),
    ];
    expect(outputs.map((o) => (o as { Echo?: string }).Echo)).toEqual([
      'sso-admin:ListInstances',
      'identitystore:ListUsers',
      'organizations:ListAccounts',
      'iam:GetAccountSummary',
      'sts:GetCallerIdentity',
      'account:GetAlternateContact',
    ]);
    for (const o of outputs)
      expect(o.$metadata).toMatchObject({ httpStatusCode: 200, requestId: expect.any(String), attempts: 1 });
    expect(endpoint.calls.map((call) => [call.service, call.accessKeyId, call.region])).toEqual([
      ['sso-admin', credentials.accessKeyId, 'eu-west-1'],
      ['identitystore', credentials.accessKeyId, 'eu-west-1'],
      ['organizations', credentials.accessKeyId, 'us-east-1'],
      ['iam', credentials.accessKeyId, 'us-east-1'],
      ['sts', credentials.accessKeyId, 'eu-west-1'],
      ['account', credentials.accessKeyId, 'us-east-1'],
    ]);
    expect(endpoint.calls[0]?.input).toEqual({ MaxResults: 5 });
    expect(endpoint.calls[5]?.input).toEqual({ AlternateContactType: 'SECURITY' });
  });

  it('throws the client package’s own exception classes with $fault, $metadata and modeled fields', async () => {
    const errors: Record<string, SandboxServiceError> = {
      ListInstances: new SandboxServiceError('ConflictException', 'busy', 409),
      ListUsers: new SandboxServiceError('ConflictException', 'Duplicate UserName', 409, {
        Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION',
        RequestId: 'req-1',
      }),
      ListAccounts: new SandboxServiceError('InvalidInputException', 'bad', 400, { Reason: 'MAX_VALUE_EXCEEDED' }),
      GetAccountSummary: new SandboxServiceError('NoSuchEntity', 'The user with name x cannot be found.', 404),
      GetCredentialReport: new SandboxServiceError('ReportNotPresent', 'not present', 410),
      GetCallerIdentity: new SandboxServiceError('InvalidClientTokenId', 'invalid', 403),
      GetAlternateContact: new SandboxServiceError('ResourceNotFoundException', 'No contact', 404),
    };
    const endpoint = new ScriptedEndpoint((call) => {
      throw errors[call.operation];
    });
    const c = clients(endpoint);
    const sso = await failure(c.sso.send(new ListInstancesCommand({})));
    expect(sso).toBeInstanceOf(ConflictException);
    expect(sso).toMatchObject({ name: 'ConflictException', message: 'busy', Message: 'busy', $fault: 'client' });
    expect(sso.$metadata).toMatchObject({ httpStatusCode: 409, attempts: 1 });
    const ids = await failure(c.ids.send(new ListUsersCommand({ IdentityStoreId: 'd-1234567890' })));
    expect(ids).toBeInstanceOf(IdsConflict);
    expect(ids).toMatchObject({
      Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION',
      RequestId: 'req-1',
      $metadata: expect.objectContaining({ requestId: 'req-1' }),
    });
    const org = await failure(c.org.send(new ListAccountsCommand({})));
    expect(org).toBeInstanceOf(InvalidInputException);
    expect(org.Reason).toBe('MAX_VALUE_EXCEEDED');
    const iam = await failure(c.iam.send(new GetAccountSummaryCommand({})));
    expect(iam).toBeInstanceOf(NoSuchEntityException);
    expect(iam.name).toBe('NoSuchEntityException');
    expect(await failure(c.iam.send(new GetCredentialReportCommand({})))).toBeInstanceOf(
      CredentialReportNotPresentException,
    );
    const sts = await failure(c.sts.send(new GetCallerIdentityCommand({})));
    expect(sts).toBeInstanceOf(STSServiceException);
    expect(sts).toMatchObject({
      name: 'InvalidClientTokenId',
      $fault: 'client',
      $metadata: expect.objectContaining({ httpStatusCode: 403 }),
    });
    expect(
      await failure(c.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }))),
    ).toBeInstanceOf(AccountNotFound);
  });

  it('falls back to the base exception named by the code, and marks 5xx as server faults', async () => {
    const endpoint = new ScriptedEndpoint((call) => {
      throw call.service === 'iam'
        ? new SandboxServiceError('Throttling', 'Rate exceeded', 400)
        : new SandboxServiceError('ServiceUnavailableException', 'down', 503);
    });
    const c = clients(endpoint);
    const sso = await failure(c.sso.send(new ListInstancesCommand({})));
    expect(sso).toBeInstanceOf(SSOAdminServiceException);
    expect(sso).toMatchObject({ name: 'ServiceUnavailableException', $fault: 'server' });
    const iam = await failure(c.iam.send(new GetAccountSummaryCommand({})));
    expect(iam).toBeInstanceOf(IAMServiceException);
    expect(iam.name).toBe('Throttling');
  });

  it('sits inside the SDK’s retry loop: throttles and 5xx are retried by the SDK and counted', async () => {
    const endpoint = new ScriptedEndpoint((call, n) => {
      if (call.service === 'sso-admin' && n <= 2)
        throw new SandboxServiceError('ThrottlingException', 'Rate exceeded', 429);
      if (call.service === 'iam' && n <= 4) throw new SandboxServiceError('Throttling', 'Rate exceeded', 400);
      if (call.service === 'identitystore')
        throw new SandboxServiceError('ThrottlingException', 'Rate exceeded', 429, { RetryAfterSeconds: 2 });
      return {};
    });
    const c = clients(endpoint, 3);
    expect((await c.sso.send(new ListInstancesCommand({}))).$metadata.attempts).toBe(3);
    expect((await c.iam.send(new GetAccountSummaryCommand({}))).$metadata.attempts).toBe(2);
    const ids = await failure(c.ids.send(new ListUsersCommand({ IdentityStoreId: 'd-1234567890' })));
    expect(ids).toBeInstanceOf(IdsThrottling);
    expect(ids).toMatchObject({ RetryAfterSeconds: 2, $metadata: expect.objectContaining({ attempts: 3 }) });
    const single = clients(
      new ScriptedEndpoint(() => {
        throw new SandboxServiceError('ThrottlingException', 'Rate exceeded', 429);
      }),
    );
    const once = await failure(single.sso.send(new ListInstancesCommand({})));
    expect(once).toBeInstanceOf(ThrottlingException);
    expect(once.$metadata).toMatchObject({ attempts: 1 });
  });

  it('does not retry conflicts, and lets non-AWS errors through untouched', async () => {
    const boom = new Error('a bug in the sandbox');
    const endpoint = new ScriptedEndpoint((call) => {
      if (call.service === 'sts') throw boom;
      throw new SandboxServiceError('ConflictException', 'busy', 409);
    });
    const c = clients(endpoint, 3);
    const conflict = await failure(c.sso.send(new ListInstancesCommand({})));
    expect(conflict.$metadata).toMatchObject({ attempts: 1 });
    expect(endpoint.calls).toHaveLength(1);
    expect(await failure(c.sts.send(new GetCallerIdentityCommand({})))).toBe(boom);
  });
});
