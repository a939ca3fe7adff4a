/** @module Public API of the checks: the catalogue, selection, the facts it needs, the runner, check docs. */

export { catalog, checkIds, findCheck, requiredFacts, selectChecks, unknownCheckError } from './catalog.js';
export type {
  Check,
  CheckArea,
  CheckInput,
  CheckReferences,
  CheckScope,
  CheckStatus,
  Finding,
  PlanSummary,
  Remediation,
} from './define-check.js';
export { CHECK_AREAS, CHECK_STATUSES, defineCheck, EvidenceError } from './define-check.js';
export { checkDocFiles, DOCS_UPDATE_COMMAND, renderCheckDoc, renderCheckIndex } from './docs.js';
export { FACT_IDS } from './fact-ids.js';
export type { Framework, FrameworkControl } from './frameworks.js';
export { FRAMEWORKS, frameworkIndex } from './frameworks.js';
export type { CheckResult, RunChecksInput } from './run.js';
export { runCheckList, runChecks } from './run.js';
