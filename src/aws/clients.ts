/**
 * @module SDK client construction: one client per (service, region, credentials), created lazily and
 * shared so that the SDK's retry quota and adaptive rate limiter see all of a client's traffic. Every
 * client gets gatehouse's clock-based retry strategy and a middleware, inside the SDK's retry loop,
 * that takes a rate-limit token for every attempt and counts it.
 */

import { AccountClient } from '@aws-sdk/client-account';
import { IAMClient } from '@aws-sdk/client-iam';
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { Clock } from '../util/clock.js';
import type { CallScope, Limiter } from './limiter.js';
import type { ServiceName } from './operations.js';
import { ClockRetryStrategy, readRetrySettings, type SdkRetryListener } from './retry.js';

/** What gatehouse needs of an SDK client (all six client classes satisfy it). */
export interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  middlewareStack: {
    add(middleware: unknown, options: { step: string; priority?: string; name?: string; tags?: string[] }): void;
  };
  config: { maxAttempts?: unknown; retryMode?: unknown };
  destroy(): void;
}

type ClientConstructor = new (config: Record<string, unknown>) => SdkClient;

const CLIENT_CLASSES: Record<ServiceName, ClientConstructor> = {
  'sso-admin': SSOAdminClient as unknown as ClientConstructor,
  identitystore: IdentitystoreClient as unknown as ClientConstructor,
  organizations: OrganizationsClient as unknown as ClientConstructor,
  iam: IAMClient as unknown as ClientConstructor,
  sts: STSClient as unknown as ClientConstructor,
  account: AccountClient as unknown as ClientConstructor,
};

export type CredentialsProvider = AwsCredentialIdentityProvider;
export type Credentials = AwsCredentialIdentity;

/** Where an attempt went and how it ended, for counters and call logs. */
export interface AttemptRecord {
  service: ServiceName;
  operation: string;
  region: string;
  principal: string;
  /** The error name when the attempt failed (`ThrottlingException`), undefined when it succeeded. */
  error?: string;
}

export interface ClientHooks {
  clock: Clock;
  random: () => number;
  limiter: Limiter;
  profile?: string;
  onAttempt(record: AttemptRecord): void;
  onSdkRetry(record: Omit<AttemptRecord, 'error'>, event: Parameters<SdkRetryListener>[0]): void;
  /** Called with every new client (the sandbox transport and tests install middleware here). */
  install?(client: SdkClient, info: { service: ServiceName; region: string; principal: string }): void;
}

interface MiddlewareContext {
  commandName?: string;
  /** Where the SDK keeps the call's `abortSignal` (`SMITHY_CONTEXT_KEY`). */
  __smithy_context?: { abortSignal?: AbortSignal };
}

/** Creates one configured client. */
export function createSdkClient(
  service: ServiceName,
  scope: CallScope,
  credentials: CredentialsProvider,
  hooks: ClientHooks,
): SdkClient {
  // The operation of a failed attempt, so the retry strategy (which sees only the error) can log it.
  const failedOperations = new WeakMap<object, string>();
  let client: SdkClient | undefined;
  const retryStrategy = new ClockRetryStrategy({
    clock: hooks.clock,
    random: hooks.random,
    settings: () => readRetrySettings(client?.config ?? {}),
    onRetry: (event) => {
      const operation =
        typeof event.error === 'object' && event.error !== null ? failedOperations.get(event.error) : undefined;
      hooks.onSdkRetry(
        { service, operation: operation ?? 'unknown', region: scope.region, principal: scope.principal },
        event,
      );
    },
  });
  const config: Record<string, unknown> = { region: scope.region, credentials, retryStrategy };
  if (hooks.profile !== undefined) config.profile = hooks.profile;
  client = new CLIENT_CLASSES[service](config);

  const limiterMiddleware =
    (next: (args: unknown) => Promise<unknown>, context: MiddlewareContext) => async (args: unknown) => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const release = await hooks.limiter.admit(service, operation, scope, context.__smithy_context?.abortSignal);
      try {
        const result = await next(args);
        hooks.onAttempt({ service, operation, region: scope.region, principal: scope.principal });
        return result;
      } catch (error) {
        if (typeof error === 'object' && error !== null) failedOperations.set(error, operation);
        const name =
          typeof (error as { name?: unknown })?.name === 'string' ? (error as { name: string }).name : 'Error';
        hooks.onAttempt({ service, operation, region: scope.region, principal: scope.principal, error: name });
        throw error;
      } finally {
        release();
      }
    };
  // finalizeRequest/normal: inside the SDK's retry loop (finalizeRequest/high), outside the sandbox
  // transport (finalizeRequest/low), so every attempt that reaches AWS has taken a token.
  client.middlewareStack.add(limiterMiddleware, {
    step: 'finalizeRequest',
    priority: 'normal',
    name: 'gatehouseRateLimit',
    tags: ['GATEHOUSE'],
  });
  hooks.install?.(client, { service, region: scope.region, principal: scope.principal });
  return client;
}
