/**
 * @module gatehouse as a library: load a config, observe AWS (or the sandbox), audit, plan, apply,
 * import, and render. The library never prints or prompts: it emits typed events to a `Host` and
 * asks it questions. The `gatehouse` CLI is one host over exactly this API.
 *
 * @example
 * import { createAwsSession, loadConfig, planFromConfig, renderPlan, silentHost, systemClock } from 'gatehouse-aws';
 * const { desired } = await loadConfig('gatehouse.yaml');
 * const session = createAwsSession({ mode: 'aws', profile: 'admin' }, { clock: systemClock, host: silentHost });
 * const { plan } = await planFromConfig({ desired, session, host: silentHost });
 * console.log(renderPlan(plan, { color: false }));
 */

// Access views and onboarding.
export {
  type AccessEntry,
  type AccessUser,
  type AccessView,
  computeConfigAccess,
  computeLiveAccess,
  configAccessFacts,
  liveAccessFacts,
  renderAccessCsv,
  renderAccessHtml,
  renderAccessJson,
  renderAccessText,
  renderOnboarding,
  viewForUser,
} from './access/index.js';
// The apply engine's results.
export { applySummaryLine, isComplete, partialApplyError } from './apply/index.js';
export type { ApplyResult } from './apply/types.js';
// AWS: the session every reader and writer goes through.
export {
  type AwsSession,
  type AwsSessionDeps,
  type AwsSessionOptions,
  createAwsSession,
  DEFAULT_LIMITS,
  type Limits,
} from './aws/index.js';
// Checks.
export {
  type Check,
  type CheckResult,
  catalog,
  checkIds,
  findCheck,
  renderCheckDoc,
  requiredFacts,
  runChecks,
} from './checks/index.js';
// Config.
export {
  configSchema,
  defaultBaseline,
  type LoadConfigResult,
  loadConfig,
  parseConfigText,
  renderConfigYaml,
  type WrittenConfig,
} from './config/index.js';
// Errors and exit codes.
export {
  AwsAccessError,
  ConfigError,
  DeclinedError,
  type Diagnostic,
  ExitCode,
  GatehouseError,
  InputFileError,
  InternalError,
  InvalidPlanError,
  PartialApplyError,
  SandboxError,
  StalePlanError,
  UsageError,
} from './errors.js';
// Events: what a host receives.
export { type ConfirmQuestion, type GatehouseEvent, type Host, RecordingHost, silentHost } from './events/events.js';
// Import.
export { IMPORT_FACTS, type ImportResult, type ImportStats, importConfig } from './import/index.js';
// The domain model.
export { type Address, formatAddress, parseAddress } from './model/address.js';
export type { AccountTarget, DesiredState, Severity } from './model/desired.js';
export type * from './model/types.js';
export type { Evidence } from './observe/evidence.js';
// Observation.
export { type CollectOptions, collect, loadSnapshot, saveSnapshot } from './observe/index.js';
export type { FactId, Snapshot } from './observe/snapshot.js';
// Least-privilege policies.
export { permissionsPolicy } from './permissions/index.js';
// Plans.
export {
  assertPlanCurrent,
  createPlan,
  findLockouts,
  GITHUB_COMMENT_LIMIT,
  hasChanges,
  loadPlanFile,
  type MarkdownPlanOptions,
  type PlanAction,
  type PlanDocument,
  type PlanKey,
  planKeyFromEnv,
  renderPlan,
  renderPlanMarkdown,
  requiredPlanFacts,
  serializePlan,
} from './plan/index.js';
// Profiles.
export { buildProfiles, mergeProfilesBlock, renderProfilesBlock } from './profiles/index.js';
// Reports.
export {
  buildReport,
  type ConfigLocation,
  exceedsThreshold,
  type FailOn,
  type ReportDocument,
  type ReportFormat,
  renderReport,
  renderSarif,
  type SarifOptions,
} from './report/index.js';
// Where commands run: AWS or a sandbox state file.
export { type Environment, openEnvironment } from './runtime/environment.js';
// The built-in emulated AWS.
export { createSandbox, openSandboxFile, Sandbox, type ScenarioName } from './sandbox/index.js';
// Time.
export { type Clock, systemClock, VirtualClock } from './util/clock.js';
// Workflows: the commands' library halves.
export { type ApplyPlanOptions, applyPlan } from './workflows/apply-workflow.js';
export { type AuditOptions, type AuditResult, runAudit } from './workflows/audit-workflow.js';
export { type PlannedChanges, planFromConfig } from './workflows/plan-workflow.js';
