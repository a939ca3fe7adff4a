/**
 * @module Plugs the sandbox into a real SDK v3 client, below its retry middleware and after
 * signing, with no network: the SDK's own retry strategy, our rate limiting and error handling see
 * the sandbox's throttles, 5xx and conflicts exactly as they would see AWS's. Sandbox errors become
 * the client package's real exception classes (awsQuery codes such as `NoSuchEntity` map to
 * `NoSuchEntityException` as the real client maps them), with `$fault`, `$metadata` and the
 * modeled fields; unknown codes become the service's base exception with `name` = code.
 */

import { randomUUID } from 'node:crypto';
import type { FinalizeHandlerArguments, FinalizeRequestMiddleware, HandlerExecutionContext } from '@smithy/types';
import { type SandboxEndpoint, type SandboxService, SandboxServiceError } from '../sandbox/endpoint.js';

/** The SDK client names (`context.clientName`) of the six services the sandbox emulates. */
const CLIENT_SERVICES: Record<string, SandboxService> = {
  SSOAdminClient: 'sso-admin',
  IdentitystoreClient: 'identitystore',
  OrganizationsClient: 'organizations',
  IAMClient: 'iam',
  STSClient: 'sts',
  AccountClient: 'account',
};

const PACKAGES: Record<SandboxService, { load: () => Promise<Record<string, unknown>>; base: string }> = {
  'sso-admin': { load: () => import('@aws-sdk/client-sso-admin'), base: 'SSOAdminServiceException' },
  identitystore: { load: () => import('@aws-sdk/client-identitystore'), base: 'IdentitystoreServiceException' },
  organizations: { load: () => import('@aws-sdk/client-organizations'), base: 'OrganizationsServiceException' },
  iam: { load: () => import('@aws-sdk/client-iam'), base: 'IAMServiceException' },
  sts: { load: () => import('@aws-sdk/client-sts'), base: 'STSServiceException' },
  account: { load: () => import('@aws-sdk/client-account'), base: 'AccountServiceException' },
};

type ExceptionClass = new (options: Record<string, unknown>) => Error;

interface ErrorClass {
  ctor: ExceptionClass;
  /** Modeled members (`Message`, `Reason`, …) from the error's schema. */
  members: string[];
}

interface ErrorRegistry {
  byCode: Map<string, ErrorClass>;
  base: ExceptionClass;
}

const registries = new Map<SandboxService, Promise<ErrorRegistry>>();

/**
 * The exception classes a client package exports, keyed by shape name and, for awsQuery services,
 * by their `awsQueryError` wire code, read from the package's error schemas (`XxxException$`:
 * `[-3, namespace, name, traits, memberNames, …]`), exactly the table the real client uses.
 */
async function registryFor(service: SandboxService): Promise<ErrorRegistry> {
  let registry = registries.get(service);
  if (!registry) {
    registry = PACKAGES[service].load().then((pkg) => {
      const byCode = new Map<string, ErrorClass>();
      for (const [key, value] of Object.entries(pkg)) {
        if (!key.endsWith('$') || !Array.isArray(value) || value[0] !== -3) continue;
        const name = value[2] as string;
        const ctor = pkg[name];
        if (typeof ctor !== 'function') continue;
        const entry: ErrorClass = {
          ctor: ctor as ExceptionClass,
          members: Array.isArray(value[4]) ? (value[4] as string[]) : [],
        };
        byCode.set(name, entry);
        const traits = value[3] as { awsQueryError?: [string, number] } | undefined;
        if (traits && typeof traits === 'object' && Array.isArray(traits.awsQueryError)) {
          byCode.set(traits.awsQueryError[0], entry);
        }
      }
      return { byCode, base: pkg[PACKAGES[service].base] as ExceptionClass };
    });
    registries.set(service, registry);
  }
  return registry;
}

/** The SDK exception the real client would throw for this error response. */
export async function toSdkException(
  service: SandboxService,
  error: SandboxServiceError,
  requestId: string,
): Promise<Error> {
  const registry = await registryFor(service);
  const entry = registry.byCode.get(error.code);
  const $metadata = { httpStatusCode: error.httpStatusCode, requestId };
  const $fault = error.httpStatusCode >= 500 ? 'server' : 'client';
  const modeled: Record<string, unknown> = {};
  if (entry?.members.includes('Message')) modeled.Message = error.message;
  const exception = entry
    ? new entry.ctor({ message: error.message, $metadata, $fault, ...modeled, ...error.fields })
    : new registry.base({ name: error.code, message: error.message, $metadata, $fault });
  Object.assign(exception, modeled, error.fields, { $fault, $metadata });
  return exception;
}

/** Also recognises an error from another copy of the sandbox module (duck-typed, not instanceof). */
function isSandboxServiceError(error: unknown): error is SandboxServiceError {
  if (error instanceof SandboxServiceError) return true;
  const e = error as Partial<SandboxServiceError> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    e.name === 'SandboxServiceError' &&
    typeof e.code === 'string' &&
    typeof e.httpStatusCode === 'number'
  );
}

function headerValue(headers: Record<string, string> | undefined, name: string): string {
  if (!headers) return '';
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return '';
}

/** Anything with a middleware stack we can add a finalizeRequest middleware to (every SDK v3 client). */
export interface ClientWithMiddlewareStack {
  middlewareStack: {
    // `unknown` (with method bivariance) accepts every client's typed stack.
    add(
      middleware: unknown,
      options: { step: 'finalizeRequest'; priority: 'low'; name: string; override?: boolean },
    ): void;
  };
}

/**
 * Answers every command of `client` from `endpoint`. Added at step `finalizeRequest`, priority
 * `low`: inside the retry loop and after SigV4 signing, so the access key id and the signing region
 * come from the real Authorization header.
 */
export function installSandboxTransport(client: ClientWithMiddlewareStack, endpoint: SandboxEndpoint): void {
  const middleware: FinalizeRequestMiddleware<object, object> =
    (_next, context: HandlerExecutionContext) => async (args: FinalizeHandlerArguments<object>) => {
      const service = CLIENT_SERVICES[context.clientName ?? ''];
      if (!service) throw new Error(`the sandbox does not emulate the client ${context.clientName ?? '(unnamed)'}`);
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      const request = args.request as { headers?: Record<string, string> };
      // AWS4-HMAC-SHA256 Credential=<AKID>/<date>/<region>/<service>/aws4_request, …
      const scope = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\//.exec(headerValue(request.headers, 'authorization'));
      const accessKeyId = scope?.[1] ?? '';
      const region = scope?.[2] ?? 'us-east-1';
      try {
        const output = await endpoint.handle({
          service,
          operation,
          input: (args.input ?? {}) as Record<string, unknown>,
          accessKeyId,
          region,
        });
        const requestId = randomUUID();
        return {
          output: { ...output, $metadata: { httpStatusCode: 200, requestId } },
          response: { statusCode: 200, headers: { 'x-amzn-requestid': requestId }, body: '' },
        };
      } catch (error) {
        if (!isSandboxServiceError(error)) throw error;
        const requestId = typeof error.fields.RequestId === 'string' ? error.fields.RequestId : randomUUID();
        throw await toSdkException(service, error, requestId);
      }
    };
  client.middlewareStack.add(middleware, {
    step: 'finalizeRequest',
    priority: 'low',
    name: 'gatehouseSandbox',
    override: true,
  });
}
