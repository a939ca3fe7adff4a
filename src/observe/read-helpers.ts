/**
 * @module Small helpers shared by fact readers: bounded concurrency, ISO timestamps, policy
 * document decoding, dependency propagation and the "which Identity Center instance" lookup.
 */

import { AwsCallError, sameErrorName } from '../aws/index.js';
import type { IdentityCenterInstance } from '../model/types.js';
import { type Evidence, failed, notApplicable } from './evidence.js';
import type { FactContext } from './fact.js';

/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A Date (as the SDK returns timestamps) as an ISO-8601 string; undefined stays undefined. */
export function iso(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Adds `key: value` only when value is defined (keeps snapshots free of `undefined` members). */
export function defined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

/**
 * A policy document as text. IAM returns documents URL-encoded; Identity Center returns plain JSON.
 * Decodes only when the text is not JSON already and decoding yields JSON.
 */
export function decodePolicyDocument(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return text;
  try {
    const decoded = decodeURIComponent(text);
    JSON.parse(decoded);
    return decoded;
  } catch {
    return text;
  }
}

export function byString<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** Whether an error is an AWS call error of the given AWS error name(s) or kind. */
export function isAwsError(error: unknown, match: { code?: string | readonly string[]; kind?: string }): boolean {
  if (!(error instanceof AwsCallError)) return false;
  if (match.kind !== undefined && error.kind !== match.kind) return false;
  if (match.code !== undefined) {
    const codes = typeof match.code === 'string' ? [match.code] : match.code;
    if (!codes.some((code) => sameErrorName(code, error.awsCode))) return false;
  }
  return true;
}

/**
 * Evidence of a dependency that is not ok, restated for the fact that needed it: a denial stays a
 * denial of the same action (the fix is the same), an error stays an error, notApplicable stays.
 */
export function propagate<T>(dependency: Evidence<unknown>, dependencyId: string): Evidence<T> {
  switch (dependency.status) {
    case 'denied':
      return { status: 'denied', action: dependency.action, message: `needs ${dependencyId}: ${dependency.message}` };
    case 'error':
      return failed(dependency.code, `needs ${dependencyId}: ${dependency.message}`);
    case 'notApplicable':
      return notApplicable(dependency.reason);
    case 'ok':
      return failed('internal', `propagate() called with ok evidence of ${dependencyId}`);
  }
}

export const NO_INSTANCE_REASON = 'IAM Identity Center is not enabled (no instance found)';

/**
 * The Identity Center instance for a fact that needs one, or the evidence to return instead:
 * the instance's own failure, or notApplicable when there is no instance.
 */
export function instanceOf<T>(ctx: FactContext): { instance: IdentityCenterInstance } | { evidence: Evidence<T> } {
  const e = ctx.need('identity-center.instance');
  if (e.status !== 'ok') return { evidence: propagate<T>(e, 'identity-center.instance') };
  if (!e.value.instance) return { evidence: notApplicable(NO_INSTANCE_REASON) };
  return { instance: e.value.instance };
}

/** The permission-set ARNs of an instance, listed once per run and shared between facts. */
export function permissionSetArns(ctx: FactContext, instance: IdentityCenterInstance): Promise<string[]> {
  return ctx.shared(`sso-admin:ListPermissionSets:${instance.arn}`, (aws) =>
    aws.list('sso-admin', 'ListPermissionSets', { InstanceArn: instance.arn }, 'PermissionSets', {
      region: instance.region,
    }),
  );
}

/**
 * Accounts where a permission set is provisioned (ListAccountsForProvisionedPermissionSet without a
 * filter), listed once per run: the provisioning fact and the assignment pair scan share it.
 */
export function provisionedAccounts(
  ctx: FactContext,
  instance: IdentityCenterInstance,
  permissionSetArn: string,
): Promise<string[]> {
  return ctx.shared(`sso-admin:ListAccountsForProvisionedPermissionSet:${permissionSetArn}`, (aws) =>
    aws.list(
      'sso-admin',
      'ListAccountsForProvisionedPermissionSet',
      { InstanceArn: instance.arn, PermissionSetArn: permissionSetArn },
      'AccountIds',
      { region: instance.region },
    ),
  );
}

/** Reads that keep the sso-admin bucket busy without holding thousands of promises at once. */
export const SSO_READ_CONCURRENCY = 24;
