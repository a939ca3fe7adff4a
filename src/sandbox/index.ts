/**
 * @module The built-in emulated AWS (DESIGN §6). `createSandbox` gives an in-memory sandbox that
 * implements `SandboxEndpoint` (install it under SDK clients with `installSandboxTransport` from
 * src/aws) plus its admin API; `openSandboxFile` shares one between processes through a state file.
 * The behaviour is specified in README.md next to this file.
 */

export {
  CONSOLE_STEP_HELP,
  CONSOLE_STEPS,
  type ConsoleStep,
  type ConsoleStepOptions,
  type ConsoleStepResult,
  isConsoleStep,
} from './console-steps.js';
export type { SandboxCredentials } from './credentials.js';
export { type SandboxCall, type SandboxEndpoint, type SandboxService, SandboxServiceError } from './endpoint.js';
export {
  type AwsVariants,
  applyKnobs,
  DEFAULT_KNOBS,
  DEFAULT_VARIANTS,
  type DenialRule,
  type FaultKind,
  type FaultRule,
  type KnobsPatch,
  type SandboxKnobs,
} from './knobs.js';
export {
  DEFAULT_STATE_FILE,
  type OpenSandboxFileOptions,
  openSandboxFile,
  readStateFile,
  resolveStatePath,
  type SandboxFile,
  serializeState,
} from './persist.js';
export {
  type CreateSandboxOptions,
  createSandbox,
  emptyState,
  type IssueCredentialsOptions,
  type PrincipalSpec,
  Sandbox,
} from './sandbox.js';
export {
  type ChosenCredentials,
  DEFAULT_LARGE_SIZES,
  isScenarioName,
  type LargeSizes,
  parseSizes,
  SCENARIOS,
  type ScenarioName,
  type ScenarioOptions,
} from './scenarios/index.js';
export type { CallRecord, SandboxState } from './state.js';
