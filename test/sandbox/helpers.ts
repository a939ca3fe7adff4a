/**
 * @module Test harness for the sandbox: a sandbox on a virtual clock and the six real SDK clients
 * wired to it through the transport, with a zero-delay retry strategy so retries never sleep.
 */

import { AccountClient } from '@aws-sdk/client-account';
import { IAMClient } from '@aws-sdk/client-iam';
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { STSClient } from '@aws-sdk/client-sts';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import { installSandboxTransport } from '../../src/aws/sandbox-transport.js';
import {
  type CreateSandboxOptions,
  createSandbox,
  type KnobsPatch,
  type Sandbox,
  type SandboxCredentials,
  type ScenarioName,
} from '../../src/sandbox/index.js';
import { VirtualClock } from '../../src/util/clock.js';

/** Retries like the SDK's standard strategy (throttling, transient and server errors) but without waiting. */
export function zeroDelayRetry(maxAttempts: number): RetryStrategyV2 {
  const token = (count: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => 0 });
  return {
    async acquireInitialRetryToken() {
      return token(0);
    },
    async refreshRetryTokenForRetry(previous: RetryToken, info: RetryErrorInfo) {
      const count = previous.getRetryCount() + 1;
      if (count >= maxAttempts || info.errorType === 'CLIENT_ERROR') throw new Error('no more retries');
      return token(count);
    },
    recordSuccess() {},
  };
}

export interface Clients {
  sso: SSOAdminClient;
  ids: IdentitystoreClient;
  org: OrganizationsClient;
  iam: IAMClient;
  sts: STSClient;
  account: AccountClient;
}

export function clientsFor(
  sandbox: Sandbox,
  credentials: SandboxCredentials,
  options: { region?: string; maxAttempts?: number } = {},
): Clients {
  const config = {
    region: options.region ?? 'eu-west-1',
    credentials,
    retryStrategy: zeroDelayRetry(options.maxAttempts ?? 1),
  };
  const clients: Clients = {
    sso: new SSOAdminClient(config),
    ids: new IdentitystoreClient(config),
    org: new OrganizationsClient(config),
    iam: new IAMClient(config),
    sts: new STSClient(config),
    account: new AccountClient(config),
  };
  for (const client of Object.values(clients)) installSandboxTransport(client, sandbox);
  return clients;
}

export interface Harness extends Clients {
  sandbox: Sandbox;
  clock: VirtualClock;
}

export function harness(
  scenario?: ScenarioName,
  options: { knobs?: KnobsPatch; seed?: number; maxAttempts?: number; region?: string } & Pick<
    CreateSandboxOptions,
    'scenarioOptions'
  > = {},
): Harness {
  const clock = new VirtualClock();
  const sandbox = createSandbox({
    clock,
    ...(scenario ? { scenario } : {}),
    scenarioOptions: { ...options.scenarioOptions, ...(options.seed !== undefined ? { seed: options.seed } : {}) },
    knobs: { rateLimits: false, ...options.knobs },
  });
  const credentials = sandbox.defaultCredentials();
  if (!credentials) throw new Error('scenario without default credentials');
  return {
    sandbox,
    clock,
    ...clientsFor(sandbox, credentials, {
      ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
      ...(options.region !== undefined ? { region: options.region } : {}),
    }),
  };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Advances the virtual clock past every asynchronous request in progress. */
export function completeAll(h: Harness): void {
  for (let next = h.sandbox.nextCompletion(); next !== null; next = h.sandbox.nextCompletion()) {
    h.clock.advance(Math.max(0, next - h.clock.now()));
    h.sandbox.settle();
  }
}
