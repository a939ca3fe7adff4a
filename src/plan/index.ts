/** @module The plan: public API (diff, plan document, plan files, stale-plan and lockout guards, rendering). */

export type * from './actions.js';
export {
  ACTION_KINDS,
  ACTION_TYPES,
  actionId,
  DRIFT_CODES,
  MANUAL_STEP_IDS,
  PERMISSION_SET_ATTRIBUTES,
  PLAN_FORMAT,
  PLAN_FORMAT_VERSION,
  REASON_CODES,
  RISKS,
} from './actions.js';
export { canonicalPolicy, canonicalPolicyText } from './canonical.js';
export { deletionCount, destroyLimitMessage, exceedsMaxDestroy } from './destroy-guard.js';
export { DEFAULT_COMPLETION_SECONDS } from './estimate.js';
export { requiredPlanFacts } from './facts.js';
export { findLockouts, type Lockout, parseIdentityCenterCaller } from './lockout.js';
export { type CreatePlanOptions, createPlan, hasChanges } from './plan.js';
export {
  assertPlanCurrent,
  type CurrentState,
  loadPlanFile,
  type PlanFileOptions,
  serializePlan,
} from './plan-file.js';
export {
  MIN_PLAN_KEY_BYTES,
  PLAN_KEY_ENV,
  type PlanKey,
  planKeyFromEnv,
  planSignature,
  verifyPlanSignature,
} from './plan-signing.js';
export { formatDuration, type RenderOptions, renderPlan, summaryLine } from './render.js';
export { GITHUB_COMMENT_LIMIT, type MarkdownPlanOptions, renderPlanMarkdown } from './render-markdown.js';
export { durationMinutes, isAdministrator, permissionSetChangeRisk, RISK_TABLE } from './risk.js';
export { planActionSchema, planDocumentSchema, planFileSchema, planJsonSchema } from './schema.js';
export { formatTarget } from './targets.js';
