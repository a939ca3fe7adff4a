/** @module `import`: the live Identity Center and organization as a gatehouse config (pure core; the command does the I/O). */

export { type AccountNaming, accountNaming } from './account-names.js';
export {
  AssignmentCompressor,
  type Cover,
  expandTargets,
  MIN_PATTERN_ACCOUNTS,
  type PatternCandidate,
  patternCandidates,
} from './compress.js';
export { extractImportFacts, IMPORT_FACTS, type ImportFacts, requiredFact } from './facts.js';
export { type ImportResult, type ImportStats, importConfig, importFromFacts } from './import-config.js';
export { ImportNotes, type NotExpressed, type NotExpressedKind } from './notes.js';
export { importPermissionSet, policyReference } from './permission-sets.js';
export { importGroup, importUser } from './principals.js';
export { type LivePair, type WrittenRules, writeRules } from './rules.js';
