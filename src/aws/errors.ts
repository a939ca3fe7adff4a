/**
 * @module Classification of everything an AWS call can throw (SDK service exceptions, credential
 * provider errors, Node network errors) into gatehouse's `AwsErrorKind`, and the one-line,
 * credential-free messages and hints the user sees.
 */

import { AwsAccessError, type AwsErrorKind } from '../errors.js';
import { redact } from '../util/redact.js';
import { iamAction, type ServiceName } from './operations.js';
import { isKnownRegion } from './regions.js';

export interface AwsCallContext {
  service: ServiceName;
  operation: string;
  /** The region the call went to, when known (used in "cannot reach" and wrong-region messages). */
  region?: string;
  /** The profile in use, for the `aws sso login --profile X` hint. */
  profile?: string;
  /** How the caller judges a ConflictException on this call (default: permanent, never retried). */
  conflict?: 'transient' | 'permanent';
}

export interface AwsErrorClassification {
  kind: AwsErrorKind;
  /** Whether retrying the same call can succeed (throttling, 5xx, resets, transient conflicts). */
  retryable: boolean;
  /** The IAM action of the call (`sso:ListInstances`); for access denied, the action AWS named. */
  action: string;
  /** The error name / code (`AccessDeniedException`, `ECONNREFUSED`). */
  code: string;
  /** One line for humans, redacted. */
  message: string;
  httpStatusCode?: number;
}

/**
 * The error `session.call` throws for every failed AWS call: classified, redacted, SDK-free. It is
 * an `AwsAccessError` (exit 3) so that an AWS failure nobody handled still reaches the user as one
 * clear line with hints, never as a stack trace.
 */
export class AwsCallError extends AwsAccessError {
  readonly service: ServiceName;
  readonly operation: string;
  /** The IAM action of the call (for access denied: the action AWS named). */
  override readonly action: string;
  /** The AWS error name or network code (`ConflictException`, `ECONNREFUSED`). */
  readonly awsCode: string;
  readonly retryable: boolean;
  readonly httpStatusCode?: number;
  constructor(
    classification: AwsErrorClassification,
    context: AwsCallContext,
    cause: unknown,
    extraHints: string[] = [],
  ) {
    super(classification.kind, classification.message, {
      cause,
      action: classification.action,
      hints: [...hintsFor(classification, context.profile), ...extraHints],
    });
    this.name = 'AwsCallError';
    this.service = context.service;
    this.operation = context.operation;
    this.action = classification.action;
    this.awsCode = classification.code;
    this.retryable = classification.retryable;
    if (classification.httpStatusCode !== undefined) this.httpStatusCode = classification.httpStatusCode;
  }
}

export function isAwsCallError(error: unknown): error is AwsCallError {
  return error instanceof AwsCallError;
}

/**
 * An AWS error name without its `Exception` suffix. AWS documents some errors without it (iam
 * ListOrganizationsFeatures: `AccountNotManagementOrDelegatedAdministrator`, …) and the SDK names an
 * error it has no class for by the wire code as sent, so both spellings must classify the same.
 */
export function canonicalErrorName(name: string): string {
  return name.endsWith('Exception') && name !== 'Exception' ? name.slice(0, -'Exception'.length) : name;
}

/** Whether two AWS error names are the same error, with or without the `Exception` suffix. */
export function sameErrorName(a: string, b: string): boolean {
  return canonicalErrorName(a) === canonicalErrorName(b);
}

/** A set of error names that matches either spelling (see `canonicalErrorName`). */
class ErrorNames {
  readonly #names: Set<string>;
  constructor(names: readonly string[]) {
    this.#names = new Set(names.map(canonicalErrorName));
  }
  has(name: string): boolean {
    return this.#names.has(canonicalErrorName(name));
  }
}

const ACCESS_DENIED = new ErrorNames([
  'AccessDenied',
  'AccessDeniedException',
  'AccessDeniedForDependencyException',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'AuthorizationError',
  'NotAuthorized',
]);
const CREDENTIALS_EXPIRED = new ErrorNames([
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'TokenRefreshRequired',
  'InvalidGrantException',
]);
/** AWS does not recognise the signing key at all (deleted key, wrong partition, typo). */
const CREDENTIALS_INVALID = new ErrorNames([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidAccessKeyId',
  'MissingAuthenticationToken',
]);
/** Same list as the SDK's service-error-classification (aws-api.md §1.4). */
const THROTTLING = new ErrorNames([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TIMEOUT_NAMES = new ErrorNames(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
/** Network failures worth retrying: the host exists, the connection broke. */
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const NOT_FOUND = /NotFound|NoSuchEntity|^NotFound$/;
const CONFLICT = new ErrorNames([
  'ConflictException',
  'ConcurrentModificationException',
  'ConcurrentModification',
  'EntityAlreadyExists',
  'EntityAlreadyExistsException',
  'DeleteConflict',
  'DeleteConflictException',
  'EntityTemporarilyUnmodifiable',
  'EntityTemporarilyUnmodifiableException',
  'DuplicatePolicyAttachmentException',
]);
const VALIDATION = new ErrorNames([
  'ValidationException',
  'ValidationError',
  'InvalidInputException',
  'InvalidInput',
  'InvalidParameterException',
  'InvalidParameterValue',
  'InvalidParameterCombination',
  'MalformedPolicyDocument',
  'MalformedPolicyDocumentException',
  'ConstraintViolationException',
  'ServiceQuotaExceededException',
  'IdempotentParameterMismatch',
  'SerializationException',
]);

/**
 * ConflictException messages that mean "this will never succeed as asked" (aws-api.md §4.3):
 * duplicate names, policies already attached, deleting something still in use. These are never
 * retried, even on calls that declare conflicts transient.
 */
const PERMANENT_CONFLICT_MESSAGE =
  /already exists|already attached|is already|duplicate|still (?:assigned|provisioned|in use)|in use|could not delete because|has (?:assignments|provisioned)/i;

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  hostname?: unknown;
  address?: unknown;
  port?: unknown;
  Reason?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  cause?: unknown;
}

function asErrorLike(error: unknown): ErrorLike {
  return typeof error === 'object' && error !== null ? (error as ErrorLike) : { message: String(error) };
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The innermost network error code (`ENOTFOUND`), looking through `cause` chains. */
function networkCode(e: ErrorLike, depth = 0): { code: string; host?: string } | undefined {
  const code = stringField(e.code);
  if (code && NETWORK_CODES.has(code)) {
    const host =
      stringField(e.hostname) ??
      (stringField(e.address) ? `${e.address}${typeof e.port === 'number' ? `:${e.port}` : ''}` : undefined);
    return host ? { code, host } : { code };
  }
  if (e.cause !== undefined && depth < 5) return networkCode(asErrorLike(e.cause), depth + 1);
  return undefined;
}

/** The AWS endpoint host of a call, for messages ("cannot reach sso.eu-west-1.amazonaws.com"). */
export function endpointHost(service: ServiceName, region: string | undefined): string {
  switch (service) {
    case 'sso-admin':
      return `sso.${region ?? 'us-east-1'}.amazonaws.com`;
    case 'identitystore':
      return `identitystore.${region ?? 'us-east-1'}.amazonaws.com`;
    case 'organizations':
      return 'organizations.us-east-1.amazonaws.com';
    case 'iam':
      return 'iam.amazonaws.com';
    case 'account':
      return 'account.us-east-1.amazonaws.com';
    case 'sts':
      return `sts.${region ?? 'us-east-1'}.amazonaws.com`;
  }
}

/** `User: arn… is not authorized to perform: sso:ListInstances on resource: …` → `sso:ListInstances`. */
function deniedActionFromMessage(message: string): string | undefined {
  const match = /perform:\s*([a-z0-9-]+:[A-Za-z0-9*]+)/.exec(message);
  return match?.[1];
}

function isSsoTokenProblem(name: string, message: string): boolean {
  if (name !== 'CredentialsProviderError' && name !== 'TokenProviderError') return false;
  return /SSO session|SSO Token|sso login|Token is expired|token refresh|SSO returns an invalid/i.test(message);
}

/** The SDK's hint for programmers, appended to errors it could not parse (never shown to users). */
const SDK_DESERIALIZATION_HINT = /\s*Deserialization error: to see the raw response[^\n]*/;

/**
 * The SDK's message without its internals: the deserialization hint and any sentence naming
 * `$response` or `$metadata` go; an answer the SDK could not parse says so in plain words.
 */
export function withoutSdkInternals(message: string): string {
  const unparsed = SDK_DEBUG_PATTERN.test(message) || SDK_DESERIALIZATION_HINT.test(message);
  const cleaned = message
    .replace(SDK_DESERIALIZATION_HINT, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !SDK_DEBUG_PATTERN.test(l))
    .join(' ');
  if (!unparsed) return cleaned || message.trim();
  const detail = cleaned.length > 120 ? `${cleaned.slice(0, 120)}…` : cleaned;
  return `AWS's answer could not be read${detail ? ` (${detail})` : ''}`;
}

const SDK_DEBUG_PATTERN = /\$response|\$metadata|hidden field \{error\}/;

/** Classifies any error thrown by an SDK call. Pure; never throws. */
export function classifyAwsError(error: unknown, context: AwsCallContext): AwsErrorClassification {
  const e = asErrorLike(error);
  const name = stringField(e.name) ?? 'Error';
  const rawMessage = withoutSdkInternals(redact(stringField(e.message) ?? name));
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const action = iamAction(context.service, context.operation as never);
  const base = { action, code: name, ...(status !== undefined ? { httpStatusCode: status } : {}) };
  const profile = context.profile ?? 'default';

  if (isSsoTokenProblem(name, rawMessage)) {
    return {
      ...base,
      kind: 'sso-token-expired',
      retryable: false,
      message: `the AWS SSO session of profile ${profile} has expired or is invalid`,
    };
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(rawMessage)) {
    return {
      ...base,
      kind: 'credentials-missing',
      retryable: false,
      message: `no AWS credentials found: ${rawMessage}`,
    };
  }
  if (CREDENTIALS_EXPIRED.has(name)) {
    return {
      ...base,
      kind: 'credentials-expired',
      retryable: false,
      message: `the AWS credentials have expired (${name})`,
    };
  }
  if (CREDENTIALS_INVALID.has(name)) {
    // In an opt-in region that is not enabled (or a region without Identity Center), AWS rejects
    // even valid credentials as "unrecognized": that is a region problem, not a credentials one.
    if ((context.service === 'sso-admin' || context.service === 'identitystore') && context.region) {
      return {
        ...base,
        kind: 'wrong-region',
        retryable: false,
        message: `${context.service} in ${context.region} does not accept these credentials (${name}): the region is not enabled for this account or has no Identity Center`,
      };
    }
    return {
      ...base,
      kind: 'credentials-missing',
      retryable: false,
      message: `AWS does not recognise the credentials (${name}): they are invalid or were revoked`,
    };
  }
  if (ACCESS_DENIED.has(name) || (status === 403 && !THROTTLING.has(name))) {
    const named = deniedActionFromMessage(rawMessage);
    return {
      ...base,
      kind: 'access-denied',
      retryable: false,
      action: named ?? action,
      message: `access denied to ${named ?? action}: ${rawMessage}`,
    };
  }
  const net = networkCode(e);
  if (net) {
    const host = net.host ?? endpointHost(context.service, context.region);
    const region = /\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com$/.exec(host)?.[1];
    if (net.code === 'ENOTFOUND' && region && !isKnownRegion(region)) {
      return {
        ...base,
        code: net.code,
        kind: 'wrong-region',
        retryable: false,
        message: `${region} is not an AWS region (cannot resolve ${host})`,
      };
    }
    return {
      ...base,
      code: net.code,
      kind: 'network',
      retryable: TRANSIENT_NETWORK_CODES.has(net.code),
      message: `cannot reach ${host} (${net.code})`,
    };
  }
  if (TIMEOUT_NAMES.has(name)) {
    return {
      ...base,
      kind: 'network',
      retryable: true,
      message: `cannot reach ${endpointHost(context.service, context.region)} (timed out)`,
    };
  }
  if (name === 'EndpointError' || /Invalid region/i.test(rawMessage)) {
    return { ...base, kind: 'wrong-region', retryable: false, message: `invalid AWS region: ${rawMessage}` };
  }
  if (THROTTLING.has(name) || status === 429) {
    return {
      ...base,
      kind: 'throttled',
      retryable: true,
      message: `AWS throttled ${action} (${name})`,
    };
  }
  if (CONFLICT.has(name) || (status === 409 && !THROTTLING.has(name))) {
    const reason = stringField(e.Reason);
    const permanent =
      PERMANENT_CONFLICT_MESSAGE.test(rawMessage) ||
      reason === 'UNIQUENESS_CONSTRAINT_VIOLATION' ||
      sameErrorName(name, 'EntityAlreadyExists') ||
      sameErrorName(name, 'DuplicatePolicyAttachmentException');
    const transient = !permanent && (context.conflict === 'transient' || reason === 'CONCURRENT_MODIFICATION');
    return {
      ...base,
      kind: 'conflict',
      retryable: transient,
      message: `${action} conflicts with the current state (${name}): ${rawMessage}`,
    };
  }
  if (NOT_FOUND.test(name) || status === 404) {
    return { ...base, kind: 'not-found', retryable: false, message: `${action}: not found (${name}): ${rawMessage}` };
  }
  if (VALIDATION.has(name) || (status !== undefined && status >= 400 && status < 500)) {
    return {
      ...base,
      kind: 'validation',
      retryable: false,
      message: `${action} rejected the request (${name}): ${rawMessage}`,
    };
  }
  const serverSide = status !== undefined ? status >= 500 : e.$fault === 'server';
  return {
    ...base,
    kind: 'service',
    retryable: serverSide,
    message: `${action} failed (${name}${status !== undefined ? `, HTTP ${status}` : ''}): ${rawMessage}`,
  };
}

/** Kinds that stop a whole run: nothing else can work without fixing them. */
export function isFatalKind(kind: AwsErrorKind): boolean {
  return kind === 'credentials-missing' || kind === 'credentials-expired' || kind === 'sso-token-expired';
}

const USER_ACTIONABLE: ReadonlySet<AwsErrorKind> = new Set([
  'access-denied',
  'credentials-missing',
  'credentials-expired',
  'sso-token-expired',
  'network',
  'wrong-region',
  'throttled',
]);

/**
 * Turns any error of an AWS call into what the user should see. Errors from `session.call` already
 * are `AwsAccessError`s; other errors (a credential provider failing outside a call, a raw SDK
 * error) are classified when the call is known, and the user-actionable kinds (permissions,
 * credentials, network, region, throttling that outlasted every retry) become an `AwsAccessError`
 * (exit 3) with one clear line and hints. Anything else is returned unchanged.
 */
export function toUserError(error: unknown, context?: Partial<AwsCallContext>): Error {
  if (error instanceof AwsAccessError) return error;
  const classified =
    context?.service && context.operation ? classifyAwsError(error, context as AwsCallContext) : undefined;
  if (!classified || !USER_ACTIONABLE.has(classified.kind)) {
    return error instanceof Error ? error : new Error(String(error));
  }
  return new AwsCallError(classified, context as AwsCallContext, error);
}

/** Reads (`List…`, `Get…`, `Describe…`) are in the audit policy; every write only in the apply policy. */
function isReadAction(action: string): boolean {
  return /^[a-z0-9-]+:(?:List|Get|Describe|Is|Generate|AssumeRole$)/.test(action);
}

function hintsFor(c: AwsErrorClassification, profile: string | undefined): string[] {
  switch (c.kind) {
    case 'access-denied':
      return [
        `gatehouse needs ${c.action}; run \`gatehouse permissions --for ${isReadAction(c.action) ? 'audit' : 'apply'}\` for the full policy`,
      ];
    case 'credentials-missing':
      return [
        'sign in first: `aws sso login --profile NAME` then `--profile NAME`, or set AWS_PROFILE / AWS_ACCESS_KEY_ID',
        'to try gatehouse without AWS: `gatehouse sandbox create --scenario day1` then `--sandbox gatehouse-sandbox.json`',
      ];
    case 'credentials-expired':
      return ['refresh the credentials (new session token, `aws sso login`, or re-assume the role) and run again'];
    case 'sso-token-expired':
      return [`run \`aws sso login --profile ${profile ?? 'default'}\` and try again`];
    case 'network':
      return ['check the network, proxy (HTTPS_PROXY) and AWS_ENDPOINT_URL settings'];
    case 'wrong-region':
      return [
        'set the Identity Center region with `--region` or `identityCenter.region` in gatehouse.yaml, or omit it to let gatehouse find it',
      ];
    case 'throttled':
      return ['AWS kept throttling after every retry; another tool may be using the same quota. Try again later'];
    default:
      return [];
  }
}
