/**
 * @module The AWS layer's public surface. Everything outside src/aws talks to AWS through these
 * (never through @aws-sdk/* or @smithy/* directly); the operation input/output TYPES are
 * re-exported so apply and import can type their calls.
 */

export {
  type AwsCallContext,
  AwsCallError,
  type AwsErrorClassification,
  classifyAwsError,
  endpointHost,
  isAwsCallError,
  isFatalKind,
  sameErrorName,
  toUserError,
} from './errors.js';
export {
  type ApplyConcurrency,
  DEFAULT_LIMITS,
  KeyedSemaphore,
  Limiter,
  type Limits,
  type RateLimit,
  type Release,
  resolveLimits,
  Semaphore,
  TokenBucket,
} from './limiter.js';
export {
  allOperations,
  IAM_PREFIX,
  iamAction,
  isOperation,
  type OperationInput,
  type OperationName,
  type OperationOutput,
  SERVICE_NAMES,
  type ServiceName,
} from './operations.js';
export { type ItemsKey, PAGINATION, type PageInput, type PageItem, type PaginatedOperation } from './pagination.js';
export { GLOBAL_REGION, IDENTITY_CENTER_REGIONS, isKnownRegion } from './regions.js';
export { RETRY_BUDGET, SDK_RETRY } from './retry.js';
export {
  type AwsScope,
  type AwsSession,
  type AwsSessionDeps,
  type AwsSessionOptions,
  type CallerIdentityInfo,
  type CallOptions,
  createAwsSession,
  DEFAULT_MEMBER_ROLE,
  type InstanceSummary,
  type RegionProbeResult,
  type SessionStats,
} from './session.js';
