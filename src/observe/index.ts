/**
 * @module The observe layer's public surface: the collector, the fact registry, snapshot files and
 * the assignment-strategy rule.
 */

export { type AssignmentCounts, type AssignmentDecision, chooseAssignmentStrategy } from './assignment-strategy.js';
export { type CollectOptions, collect, type FactCall } from './collect.js';
export { parseCredentialReport } from './credential-report-csv.js';
export { defineFact, type FactContext, type FactReader, type FactScope, type FactValue } from './fact.js';
export {
  ALL_FACT_IDS,
  FACT_READERS,
  factReader,
  iamActionsFor,
  isAccountFact,
  isFactId,
  isOrgFact,
  withNeeds,
} from './facts/index.js';
export { loadSnapshot, saveSnapshot } from './snapshot-file.js';
