/**
 * @module The AWS calls of apply: the session's `call`/`list` with apply's abort signal attached,
 * and a memory of denied IAM actions so that a permission the caller lacks fails every later action
 * that needs it at once instead of asking AWS again (a permanent error is never retried).
 */

import {
  AwsCallError,
  type AwsSession,
  type CallOptions,
  type ItemsKey,
  iamAction,
  type OperationInput,
  type OperationName,
  type OperationOutput,
  type PageInput,
  type PageItem,
  type PaginatedOperation,
  type ServiceName,
  sameErrorName,
} from '../aws/index.js';
import { StalePlanError } from '../errors.js';

/** What a handler may ask of AWS: calls and lists, aborted with the run. */
export class ApplyAws {
  readonly session: AwsSession;
  private readonly signal: AbortSignal;
  private readonly denied = new Map<string, AwsCallError>();

  constructor(session: AwsSession, signal: AbortSignal) {
    this.session = session;
    this.signal = signal;
  }

  private options(options: CallOptions): CallOptions {
    return { ...options, signal: this.signal };
  }

  private async guard<T>(service: ServiceName, operation: string, run: () => Promise<T>): Promise<T> {
    const action = iamAction(service, operation as never);
    const known = this.denied.get(action);
    if (known) throw known;
    this.signal.throwIfAborted();
    try {
      return await run();
    } catch (error) {
      if (error instanceof AwsCallError && error.kind === 'access-denied') this.denied.set(action, error);
      throw error;
    }
  }

  call<S extends ServiceName, O extends OperationName<S>>(
    service: S,
    operation: O,
    input: OperationInput<S, O>,
    options: CallOptions = {},
  ): Promise<OperationOutput<S, O>> {
    return this.guard(service, operation, () => this.session.call(service, operation, input, this.options(options)));
  }

  list<S extends ServiceName, O extends PaginatedOperation<S>, K extends ItemsKey<S, O>>(
    service: S,
    operation: O,
    input: PageInput<S, O>,
    itemsKey: K,
    options: CallOptions = {},
  ): Promise<PageItem<S, O, K>[]> {
    return this.guard(service, operation, () =>
      this.session.list(service, operation, input, itemsKey, this.options(options)),
    );
  }
}

/** Whether `error` is AWS's answer `code` (e.g. `ResourceNotFoundException`). */
export function isAwsCode(error: unknown, ...codes: string[]): error is AwsCallError {
  return error instanceof AwsCallError && codes.some((code) => sameErrorName(code, error.awsCode));
}

/** Whether `error` is a not-found answer (ResourceNotFoundException, NoSuchEntity, …). */
export function isNotFound(error: unknown): error is AwsCallError {
  return error instanceof AwsCallError && error.kind === 'not-found';
}

/** Whether `error` is a ConflictException whose message says the thing already exists / is attached. */
export function isAlreadyExists(error: unknown): error is AwsCallError {
  return (
    error instanceof AwsCallError &&
    error.kind === 'conflict' &&
    /already exists|already attached|Duplicate|relationship already exists/i.test(error.message)
  );
}

/**
 * The error for a user or group that exists at create time although the plan said it did not: it
 * appeared after the plan read AWS, or its name equals one the plan compared differently. Adopting it
 * would grant its members (or its password and MFA) access the plan never showed, so apply stops as on
 * a stale plan (exit 4).
 */
export function principalAppeared(type: 'user' | 'group', name: string): StalePlanError {
  return new StalePlanError(
    `${type} ${name} already exists in the Identity Store, but the plan did not show it; gatehouse does not adopt a ${type} the plan did not show. Run \`gatehouse plan\` again and review it`,
  );
}
