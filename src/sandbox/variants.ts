/**
 * @module How the `variants` knob changes what goes on the wire: sso-admin throttling as HTTP 400,
 * error codes without their `Exception` suffix (as AWS documents some), and the concurrency limits
 * answered as ConflictException. Behaviour variants (encryption block, group rows, de-provisioning)
 * live with the operations they change.
 */

import { SandboxServiceError } from './endpoint.js';
import type { AwsVariants } from './knobs.js';

/** Services whose errors are JSON `__type` codes (IAM and STS use awsQuery codes without the suffix already). */
const JSON_SERVICES = new Set(['sso-admin', 'identitystore', 'organizations', 'account']);

/** The error as this variant of AWS would send it. */
export function onTheWire(error: SandboxServiceError, service: string, variants: AwsVariants): SandboxServiceError {
  let { code, httpStatusCode } = error;
  if (service === 'sso-admin' && code === 'ThrottlingException') httpStatusCode = variants.ssoThrottlingStatus;
  if (variants.errorNames === 'bare' && JSON_SERVICES.has(service) && code.endsWith('Exception')) {
    code = code.slice(0, -'Exception'.length);
  }
  if (code === error.code && httpStatusCode === error.httpStatusCode) return error;
  const changed = new SandboxServiceError(code, error.message, httpStatusCode, error.fields);
  changed.stack = error.stack;
  return changed;
}

/** The error of the 15-outstanding / 3-concurrent limits in this variant. */
export function concurrencyLimitError(message: string, variants: AwsVariants): SandboxServiceError {
  return variants.concurrencyLimitError === 'conflict'
    ? new SandboxServiceError('ConflictException', message, 409)
    : new SandboxServiceError('ThrottlingException', message, 429);
}
