/**
 * @module Loading a config: file → text → YAML → schema → rules → DesiredState. Every problem is
 * collected before anything is thrown, so one run reports all of them, each with `file:line:col`.
 */

import { resolve } from 'node:path';
import { ConfigError, type Diagnostic, InputFileError } from '../errors.js';
import type { DesiredState } from '../model/desired.js';
import { collectInlinePolicies } from './inline-policies.js';
import { formatSize, type ReadFile, readTextFile } from './input-file.js';
import { formatPath, translateIssues } from './issues.js';
import { FILE_LIMITS } from './limits.js';
import { normalizeConfig } from './normalize.js';
import { runRules } from './rules.js';
import { configSchema } from './schema.js';
import { sectionsFromParsed, sectionsFromRaw } from './sections.js';
import { pathKey, readYaml } from './yaml-source.js';

export interface LoadConfigOptions {
  /** Check ids that exist: attestations, severity overrides and waivers must name one. */
  knownCheckIds?: ReadonlySet<string>;
  /** Reads files (the config, referenced policy files); default: the file system. */
  readFile?: ReadFile;
  /** "Now" for expiry rules, in ms since the epoch (default: the current time). */
  now?: number;
  /** Directory relative paths are resolved against (default: the process's working directory). */
  cwd?: string;
}

export interface LoadConfigResult {
  desired: DesiredState;
  /** Warnings: shown, but the config is valid. */
  warnings: Diagnostic[];
}

/** The outcome of checking config text without throwing: every diagnostic, and the model when valid. */
export interface ConfigCheck {
  diagnostics: Diagnostic[];
  desired?: DesiredState;
}

/**
 * Loads and validates a config file.
 *
 * @throws InputFileError when the file is missing, a directory, unreadable, too large, binary or not UTF-8.
 * @throws ConfigError with every diagnostic (errors and warnings) when there is at least one error.
 * @example const { desired, warnings } = await loadConfig('gatehouse.yaml');
 */
export async function loadConfig(file: string, options: LoadConfigOptions = {}): Promise<LoadConfigResult> {
  const text = await readConfigText(file, options);
  return parseConfigText(text, file, options);
}

/** Reads a config file's text with the input-file checks (size, binary, UTF-8). */
export async function readConfigText(file: string, options: LoadConfigOptions = {}): Promise<string> {
  return readTextFile(resolve(options.cwd ?? process.cwd(), file), {
    kind: 'config file',
    maxBytes: FILE_LIMITS.maxConfigBytes,
    displayName: file,
    ...(options.readFile ? { readFile: options.readFile } : {}),
  });
}

/** Like loadConfig, from text already read; `file` names it in diagnostics and anchors policy file paths. */
export async function parseConfigText(
  text: string,
  file: string,
  options: LoadConfigOptions = {},
): Promise<LoadConfigResult> {
  const check = await checkConfigText(text, file, options);
  if (!check.desired) throw new ConfigError(check.diagnostics);
  return { desired: check.desired, warnings: check.diagnostics.filter((d) => d.severity === 'warning') };
}

/** Checks config text and returns every diagnostic; never throws for a bad config (only for a too-large text). */
export async function checkConfigText(
  text: string,
  file: string,
  options: LoadConfigOptions = {},
): Promise<ConfigCheck> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > FILE_LIMITS.maxConfigBytes) {
    throw new InputFileError(
      file,
      `${file} is ${formatSize(bytes)}; a config file may be at most ${formatSize(FILE_LIMITS.maxConfigBytes)}`,
    );
  }
  const source = readYaml(text.startsWith('\ufeff') ? text.slice(1) : text);
  const diagnostics: Diagnostic[] = [];
  const add = (
    severity: Diagnostic['severity'],
    code: string,
    message: string,
    where: { line: number; column: number },
    path?: (string | number)[],
  ) => {
    const diagnostic: Diagnostic = { severity, code, message, file, line: where.line, column: where.column };
    if (path && path.length > 0) diagnostic.path = formatPath(path);
    diagnostics.push(diagnostic);
  };

  for (const problem of source.problems) {
    const message =
      problem.path && problem.path.length > 0 && !problem.message.startsWith(formatPath(problem.path))
        ? `${formatPath(problem.path)}: ${problem.message}`
        : problem.message;
    add('error', problem.code, message, source.position(problem.offset), problem.path);
  }
  if (source.data === undefined) return { diagnostics: sortDiagnostics(diagnostics) };
  if (source.data === null) {
    add('error', 'empty-config', 'the config is empty; it needs at least `version: 1`', { line: 1, column: 1 });
    return { diagnostics: sortDiagnostics(diagnostics) };
  }

  const parsed = configSchema.safeParse(source.data, { reportInput: true });
  if (!parsed.success) {
    for (const problem of translateIssues(parsed.error.issues, configSchema, source.data)) {
      if (source.reportedPaths.has(pathKey(problem.path))) continue;
      add('error', problem.code, problem.message, source.locate(problem.path, problem.target), problem.path);
    }
  }

  const sections = parsed.success ? sectionsFromParsed(parsed.data) : sectionsFromRaw(source.data);
  const inline = await collectInlinePolicies(sections, {
    configFile: file,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.readFile ? { readFile: options.readFile } : {}),
  });
  const ruleProblems = [
    ...inline.problems,
    ...runRules({
      sections,
      inlinePolicies: inline.policies,
      now: options.now ?? Date.now(),
      ...(options.knownCheckIds ? { knownCheckIds: options.knownCheckIds } : {}),
    }),
  ];
  for (const problem of ruleProblems) {
    add(problem.severity, problem.code, problem.message, source.locate(problem.path, problem.target), problem.path);
  }

  const sorted = sortDiagnostics(diagnostics);
  if (!parsed.success || sorted.some((d) => d.severity === 'error')) return { diagnostics: sorted };
  const desired = normalizeConfig(parsed.data, {
    file,
    inlinePolicies: inline.policies,
    source: (path, target) => ({ file, ...source.locate(path, target) }),
  });
  return { diagnostics: sorted, desired };
}

/** More than this many diagnostics are summarised: nobody reads ten thousand lines about one file. */
const MAX_DIAGNOSTICS = 500;

/**
 * By position; errors before warnings at the same position; otherwise in the order found. Beyond
 * MAX_DIAGNOSTICS, one last line says how many more there are.
 */
function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const sorted = diagnostics
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        a.d.line - b.d.line ||
        a.d.column - b.d.column ||
        (a.d.severity === b.d.severity ? 0 : a.d.severity === 'error' ? -1 : 1) ||
        a.i - b.i,
    )
    .map(({ d }) => d);
  if (sorted.length <= MAX_DIAGNOSTICS) return sorted;
  const shown = sorted.slice(0, MAX_DIAGNOSTICS);
  const hidden = sorted.slice(MAX_DIAGNOSTICS);
  const errors = hidden.filter((d) => d.severity === 'error').length;
  shown.push({
    severity: errors > 0 ? 'error' : 'warning',
    code: 'too-many-problems',
    message: `${hidden.length} more problem(s) not shown (${errors} error(s)); fix the ones above first`,
    file: shown[0]!.file,
    line: 0,
    column: 0,
  });
  return shown;
}
