/** @module Apply: the executor, its handlers and the helpers the workflows and the CLI use. */

export { actionLabel, executePlan, failureMessage } from './executor.js';
export { HANDLERS } from './handlers/index.js';
export { type ApplyOutcome, countsByKind, outcomeLines, renderOutcomeFile } from './outcome.js';
export { applyIamActions, PLAN_FACT_IDS } from './permissions.js';
export { type AsyncKind, type AsyncOutcome, StatusPoller, type TrackedRequest } from './poller.js';
export { applySummaryLine, isComplete, partialApplyError } from './result.js';
export { RoleLocks } from './role-locks.js';
export type {
  ActionFailure,
  ApplyCounts,
  ApplyResult,
  ExecuteOptions,
  Handler,
  HandlerContext,
  HandlerResult,
  HandlerTable,
  IdentityCenterTarget,
} from './types.js';
