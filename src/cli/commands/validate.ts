/**
 * @module `gatehouse validate [-c FILE] [--format text|json|github]`: exit 0 when the config is valid
 * (warnings are shown but do not fail), 2 with every problem listed when it is not. In a GitHub
 * Actions job without `--format`, the problems are also printed as workflow commands (inline on the PR).
 */

import { checkIds } from '../../checks/index.js';
import { diagnosticToWorkflowCommand, inGitHubActions } from '../../ci/workflow-commands.js';
import { checkConfigText, readConfigText } from '../../config/index.js';
import { ConfigError, type Diagnostic, ExitCode, InputFileError } from '../../errors.js';
import type { DesiredState } from '../../model/desired.js';
import type { CliContext } from '../context.js';
import { formatDiagnostic } from '../format-diagnostic.js';
import { defaultConfigFile, withStartHints } from '../load-config.js';

export interface ValidateOptions {
  config?: string;
  /** Unset: text, plus workflow commands when GITHUB_ACTIONS=true. */
  format?: 'text' | 'json' | 'github';
}

/** What `--format json` prints: for editors and CI. */
export interface ValidateJson {
  valid: boolean;
  diagnostics: Diagnostic[];
}

export async function run(options: ValidateOptions, ctx: CliContext): Promise<number> {
  const file = options.config ?? defaultConfigFile(ctx.cwd);
  const json = options.format === 'json';
  const github = options.format === 'github';
  // Problems that cannot be turned into located diagnostics stay errors for the text format only.
  const asDiagnostics = json || github || (options.format === undefined && inGitHubActions(ctx.env));
  // Attestations, severity overrides and waivers must name checks that exist.
  const loadOptions = { cwd: ctx.cwd, now: ctx.clock.now(), knownCheckIds: new Set(checkIds()) };

  let diagnostics: Diagnostic[];
  let desired: DesiredState | undefined;
  try {
    const text = await readConfigText(file, loadOptions);
    ({ diagnostics, desired } = await checkConfigText(text, file, loadOptions));
  } catch (error) {
    if (!(asDiagnostics && error instanceof InputFileError)) throw withStartHints(error, file);
    // Editors get the unreadable file as a diagnostic too, on the file as a whole.
    diagnostics = [{ severity: 'error', code: error.code, message: error.message, file, line: 0, column: 0 }];
  }

  if (json) {
    const result: ValidateJson = { valid: desired !== undefined, diagnostics };
    ctx.out(JSON.stringify(result, null, 2));
    return desired ? ExitCode.Ok : ExitCode.Usage;
  }
  if (asDiagnostics) {
    for (const d of diagnostics) ctx.out(diagnosticToWorkflowCommand(d));
    if (github) {
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      ctx.note(desired ? `${file} is valid (${summary(desired)})` : `${file}: ${errors} error(s) in configuration`);
      return desired ? ExitCode.Ok : ExitCode.Usage;
    }
  }
  if (!desired) throw new ConfigError(diagnostics);
  for (const warning of diagnostics) ctx.note(formatDiagnostic(warning));
  ctx.note(`${file} is valid (${summary(desired)})`);
  return ExitCode.Ok;
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

function summary(desired: DesiredState): string {
  const parts = [count(desired.permissionSets.length, 'permission set')];
  if (desired.groups.length > 0) parts.push(count(desired.groups.length, 'group'));
  parts.push(count(desired.users.length, 'user'));
  parts.push(count(desired.assignments.length, 'assignment rule'));
  if (desired.attestations.length > 0) parts.push(count(desired.attestations.length, 'attestation'));
  return parts.join(', ');
}
