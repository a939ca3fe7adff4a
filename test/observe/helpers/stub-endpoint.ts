/**
 * @module A tiny scripted SandboxEndpoint for unit tests of the AWS and observe layers: handlers per
 * `service:Operation`, a call log, IAM denials and scripted failures, with AWS's error codes. The
 * real sandbox (src/sandbox) is used for whole-organization suites; this stub is for exact control.
 */

import { IAM_PREFIX } from '../../../src/aws/operations.js';
import { type SandboxCall, type SandboxEndpoint, SandboxServiceError } from '../../../src/sandbox/endpoint.js';

export type StubHandler = (input: Record<string, unknown>, call: SandboxCall) => unknown | Promise<unknown>;

export const stubCredentials = {
  accessKeyId: 'AKIASTUBEXAMPLEKEY01',
  secretAccessKey: 'stub-secret-access-key-value',
};

/** AWS's access-denied error for a service (awsQuery services use the short code). */
export function deniedError(service: SandboxCall['service'], action: string): SandboxServiceError {
  const message = `User: arn:aws:sts::111111111111:assumed-role/Audit/gatehouse is not authorized to perform: ${action} on resource: * because no identity-based policy allows the ${action} action`;
  return new SandboxServiceError(
    service === 'iam' || service === 'sts' ? 'AccessDenied' : 'AccessDeniedException',
    message,
    403,
  );
}

export function throttled(service: SandboxCall['service']): SandboxServiceError {
  if (service === 'organizations') return new SandboxServiceError('TooManyRequestsException', 'slow down', 429);
  if (service === 'iam' || service === 'sts') return new SandboxServiceError('Throttling', 'Rate exceeded', 400);
  return new SandboxServiceError('ThrottlingException', 'Rate exceeded', 429);
}

export class StubEndpoint implements SandboxEndpoint {
  readonly calls: SandboxCall[] = [];
  readonly denied = new Set<string>();
  private readonly handlers = new Map<string, StubHandler>();
  /** Errors to throw for the next calls of an operation, in order. */
  private readonly scripted = new Map<string, SandboxServiceError[]>();

  on(service: SandboxCall['service'], operation: string, handler: StubHandler): this {
    this.handlers.set(`${service}:${operation}`, handler);
    return this;
  }

  /** The next `count` calls of the operation fail with `error()`. */
  failNext(service: SandboxCall['service'], operation: string, count: number, error: () => SandboxServiceError): this {
    const key = `${service}:${operation}`;
    const list = this.scripted.get(key) ?? [];
    for (let i = 0; i < count; i++) list.push(error());
    this.scripted.set(key, list);
    return this;
  }

  deny(action: string): this {
    this.denied.add(action);
    return this;
  }

  count(service: SandboxCall['service'], operation?: string): number {
    return this.calls.filter((c) => c.service === service && (operation === undefined || c.operation === operation))
      .length;
  }

  inputs(service: SandboxCall['service'], operation: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.service === service && c.operation === operation).map((c) => c.input);
  }

  async handle(call: SandboxCall): Promise<Record<string, unknown>> {
    this.calls.push(call);
    const key = `${call.service}:${call.operation}`;
    const action = `${IAM_PREFIX[call.service]}:${call.operation}`;
    if (this.denied.has(action) && action !== 'sts:GetCallerIdentity') throw deniedError(call.service, action);
    const scripted = this.scripted.get(key);
    if (scripted && scripted.length > 0) throw scripted.shift();
    const handler = this.handlers.get(key);
    if (!handler) throw new SandboxServiceError('UnknownOperationException', `stub has no handler for ${key}`, 400);
    return ((await handler(call.input, call)) ?? {}) as Record<string, unknown>;
  }
}

/** Splits `items` into pages of `size` with offset tokens, as the sandbox and AWS do. */
export function page<T>(
  items: T[],
  input: Record<string, unknown>,
  itemsKey: string,
  size = 2,
  tokenKey = 'NextToken',
) {
  const start = typeof input[tokenKey] === 'string' ? Number(input[tokenKey]) : 0;
  const end = start + size;
  return { [itemsKey]: items.slice(start, end), ...(end < items.length ? { [tokenKey]: String(end) } : {}) };
}
