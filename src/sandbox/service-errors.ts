/**
 * @module The AWS errors every service shares, with each service's own code, HTTP status and
 * modeled fields (aws-api.md §1.3, §4.4): throttling, 5xx, access denied, bad credentials,
 * validation. IAM and STS use their awsQuery wire codes (`Throttling`, `ServiceFailure`); the
 * transport maps them to the SDK's exception classes as the real client does.
 */

import { type SandboxService, SandboxServiceError } from './endpoint.js';

export type { SandboxService };

/** The protocol family, which decides the shape of authentication errors. */
function protocolOf(service: SandboxService): 'json' | 'rest-json' | 'query' {
  if (service === 'iam' || service === 'sts') return 'query';
  if (service === 'account') return 'rest-json';
  return 'json';
}

export function throttlingError(service: SandboxService, retryAfterSeconds = 1): SandboxServiceError {
  switch (service) {
    case 'sso-admin':
      return new SandboxServiceError('ThrottlingException', 'Rate exceeded', 429);
    case 'identitystore':
      return new SandboxServiceError('ThrottlingException', 'Rate exceeded', 429, {
        RetryAfterSeconds: retryAfterSeconds,
      });
    case 'organizations':
      return new SandboxServiceError(
        'TooManyRequestsException',
        'AWS Organizations can’t complete your request because another request is already in progress. Try again later.',
        429,
        { Type: 'TooManyRequests' },
      );
    case 'account':
      return new SandboxServiceError('TooManyRequestsException', 'Rate exceeded', 429);
    case 'iam':
    case 'sts':
      return new SandboxServiceError('Throttling', 'Rate exceeded', 400);
  }
}

export function serverError(service: SandboxService): SandboxServiceError {
  const message = 'We encountered an internal error. Please try again.';
  switch (service) {
    case 'sso-admin':
    case 'account':
      return new SandboxServiceError('InternalServerException', message, 500);
    case 'identitystore':
      return new SandboxServiceError('InternalServerException', message, 500, { RetryAfterSeconds: 1 });
    case 'organizations':
      return new SandboxServiceError(
        'ServiceException',
        'AWS Organizations can’t complete your request because of an internal service error. Try again later.',
        500,
      );
    case 'iam':
      return new SandboxServiceError('ServiceFailure', message, 500);
    case 'sts':
      return new SandboxServiceError('InternalFailure', message, 500);
  }
}

/** AWS's wording for an IAM denial, with the service's AccessDenied code. */
export function accessDenied(
  service: SandboxService,
  principalArn: string,
  action: string,
  resource: string,
): SandboxServiceError {
  const message = `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
  if (service === 'iam' || service === 'sts') return new SandboxServiceError('AccessDenied', message, 403);
  return new SandboxServiceError('AccessDeniedException', message, 403);
}

/** An access key id the sandbox never issued. */
export function invalidClientToken(service: SandboxService): SandboxServiceError {
  const message = 'The security token included in the request is invalid.';
  switch (protocolOf(service)) {
    case 'query':
      return new SandboxServiceError('InvalidClientTokenId', message, 403);
    case 'rest-json':
      return new SandboxServiceError('UnrecognizedClientException', message, 403);
    case 'json':
      return new SandboxServiceError('UnrecognizedClientException', message, 400);
  }
}

/** Session credentials past their expiry. */
export function expiredToken(service: SandboxService): SandboxServiceError {
  const message = 'The security token included in the request is expired';
  switch (protocolOf(service)) {
    case 'query':
      return new SandboxServiceError('ExpiredToken', message, 403);
    case 'rest-json':
      return new SandboxServiceError('ExpiredTokenException', message, 403);
    case 'json':
      return new SandboxServiceError('ExpiredTokenException', message, 400);
  }
}

/** Organizations' InvalidInputException reasons used by the sandbox. */
export type OrganizationsInputReason =
  | 'INPUT_REQUIRED'
  | 'INVALID_PATTERN'
  | 'INVALID_ENUM'
  | 'INVALID_NEXT_TOKEN'
  | 'MAX_LENGTH_EXCEEDED'
  | 'MIN_LENGTH_EXCEEDED'
  | 'MAX_VALUE_EXCEEDED'
  | 'MIN_VALUE_EXCEEDED'
  | 'INVALID_PATTERN_TARGET_ID'
  | 'UNRECOGNIZED_SERVICE_PRINCIPAL';

const ORGANIZATIONS_REASON_MESSAGES: Record<OrganizationsInputReason, string> = {
  INPUT_REQUIRED: 'You must provide a value for all required parameters.',
  INVALID_PATTERN: 'You provided a value that does not match the required pattern.',
  INVALID_ENUM: 'You specified an invalid value.',
  INVALID_NEXT_TOKEN: 'You specified an invalid value for nextToken.',
  MAX_LENGTH_EXCEEDED: 'You provided a string parameter that is longer than allowed.',
  MIN_LENGTH_EXCEEDED: 'You provided a string parameter that is shorter than allowed.',
  MAX_VALUE_EXCEEDED: 'You provided a numeric parameter that has a larger value than allowed.',
  MIN_VALUE_EXCEEDED: 'You provided a numeric parameter that has a smaller value than allowed.',
  INVALID_PATTERN_TARGET_ID: 'You specified a policy target ID that doesn’t match the required pattern.',
  UNRECOGNIZED_SERVICE_PRINCIPAL: 'You specified a service principal that isn’t recognized.',
};

export function organizationsInvalidInput(reason: OrganizationsInputReason): SandboxServiceError {
  return new SandboxServiceError('InvalidInputException', ORGANIZATIONS_REASON_MESSAGES[reason], 400, {
    Reason: reason,
  });
}

/**
 * A constraint failure in the format AWS's JSON and query services use:
 * `1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: Member must …`.
 */
export function constraintError(service: SandboxService, details: string[]): SandboxServiceError {
  const count = details.length;
  const message = `${count} validation error${count === 1 ? '' : 's'} detected: ${details.join('; ')}`;
  switch (service) {
    case 'sso-admin':
    case 'identitystore':
      return new SandboxServiceError('ValidationException', message, 400);
    case 'account':
      return new SandboxServiceError('ValidationException', message, 400, { reason: 'fieldValidationFailed' });
    case 'iam':
    case 'sts':
      return new SandboxServiceError('ValidationError', message, 400);
    case 'organizations':
      return organizationsInvalidInput('INVALID_PATTERN');
  }
}

/** A transient conflict (the `conflict` fault): null for STS, which has none. */
export function transientConflict(service: SandboxService): SandboxServiceError | null {
  const message = 'The request conflicts with another operation in progress. Retry the request.';
  switch (service) {
    case 'sso-admin':
    case 'account':
      return new SandboxServiceError('ConflictException', message, 409);
    case 'identitystore':
      return new SandboxServiceError('ConflictException', message, 409, { Reason: 'CONCURRENT_MODIFICATION' });
    case 'organizations':
      return new SandboxServiceError(
        'ConcurrentModificationException',
        'The target of the operation is currently being modified by a different request. Try again later.',
        409,
      );
    case 'iam':
      return new SandboxServiceError('ConcurrentModification', message, 409);
    case 'sts':
      return null;
  }
}
