/** @module The working state the diff modules share while they build a plan: inputs, and what each adds. */

import type { Diagnostic } from '../errors.js';
import type { DesiredState, SourceRef } from '../model/desired.js';
import type { DraftAction, DriftItem, ManualStep } from './actions.js';
import type { PlanFacts } from './facts.js';

/**
 * A manual step before ordering: which actions it blocks and which it must wait for are predicates
 * over the planned actions, resolved to ids once every action exists.
 */
export interface ManualStepDraft extends Omit<ManualStep, 'blocks' | 'after'> {
  blocks: (action: DraftAction) => boolean;
  after: (action: DraftAction) => boolean;
}

export interface DiffContext {
  desired: DesiredState;
  facts: PlanFacts;
  prune: boolean;
  /** When the plan is made (ISO-8601): waivers are judged as of then. */
  now: string;
  managementAccountId: string;
  /** The config file name for diagnostics without a source position. */
  configFile: string;
  actions: DraftAction[];
  manualSteps: ManualStepDraft[];
  drift: DriftItem[];
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

/** A diagnostic about the config, at `source` when known (else the file as a whole). */
export function configDiagnostic(
  ctx: Pick<DiffContext, 'configFile'>,
  severity: 'error' | 'warning',
  code: string,
  message: string,
  source: SourceRef | undefined,
  path?: string,
): Diagnostic {
  const at = source ?? { file: ctx.configFile, line: 0, column: 0 };
  const d: Diagnostic = { severity, code, message, file: at.file, line: at.line, column: at.column };
  if (path !== undefined) d.path = path;
  return d;
}

/** Plain code-unit order: deterministic everywhere, unlike localeCompare. */
export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
