/** @module The error taxonomy: every error gatehouse raises on purpose, with a stable code and its exit code. */

/**
 * Exit codes (DESIGN §3). The CLI is the only place that turns them into `process.exit`.
 * 0 success · 1 findings / pending changes · 2 usage or config · 3 AWS credentials or access ·
 * 4 stale plan or declined · 5 apply failed part-way · 70 internal.
 */
export const ExitCode = {
  Ok: 0,
  Findings: 1,
  Usage: 2,
  Aws: 3,
  Refused: 4,
  PartialApply: 5,
  Internal: 70,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Who is to act: the user (bad input, missing permission) or us (a bug). */
export type ErrorSource = 'user' | 'aws' | 'internal';

export interface GatehouseErrorOptions {
  /** Extra lines shown under the one-line message (hints, what to run next). */
  hints?: string[];
  cause?: unknown;
}

/** Base class. `message` is one line, safe to print (never contains credentials). */
export class GatehouseError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly source: ErrorSource;
  readonly hints: string[];

  constructor(
    code: string,
    message: string,
    exitCode: ExitCode,
    source: ErrorSource,
    options: GatehouseErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.source = source;
    this.hints = options.hints ?? [];
  }
}

/** A bad command line: unknown option, missing argument, conflicting flags. Exit 2. */
export class UsageError extends GatehouseError {
  constructor(message: string, options?: GatehouseErrorOptions) {
    super('usage', message, ExitCode.Usage, 'user', options);
  }
}

/** One problem found in a config file, with its position. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Stable machine code, e.g. `unknown-key`, `duplicate-key`, `undefined-group`. */
  code: string;
  message: string;
  file: string;
  /** 1-based line and column; 0 when the problem is about the file as a whole. */
  line: number;
  column: number;
  /** Dotted path in the document (`permissionSets.Admin.sessionDuration`), when there is one. */
  path?: string;
}

/** A config that failed to load or validate. Carries every diagnostic found, not just the first. Exit 2. */
export class ConfigError extends GatehouseError {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[], message?: string) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super('config', message ?? `${errors.length} error(s) in configuration`, ExitCode.Usage, 'user');
    this.diagnostics = diagnostics;
  }
}

/** A file we were asked to read is missing, a directory, unreadable, too large or not text. Exit 2. */
export class InputFileError extends GatehouseError {
  readonly file: string;
  constructor(file: string, message: string, options?: GatehouseErrorOptions) {
    super('input-file', message, ExitCode.Usage, 'user', options);
    this.file = file;
  }
}

/** A file we were asked to write cannot be: its directory is missing, or the path is a device, FIFO, socket or directory. Exit 2. */
export class OutputPathError extends GatehouseError {
  readonly file: string;
  constructor(file: string, message: string, options?: GatehouseErrorOptions) {
    super('output-path', message, ExitCode.Usage, 'user', options);
    this.file = file;
  }
}

export type AwsErrorKind =
  | 'access-denied'
  | 'credentials-missing'
  | 'credentials-expired'
  | 'sso-token-expired'
  | 'network'
  | 'wrong-region'
  | 'throttled'
  | 'not-found'
  | 'conflict'
  | 'validation'
  | 'service';

/** AWS refused or could not be reached in a way the user must act on (permissions, credentials, network). Exit 3. */
export class AwsAccessError extends GatehouseError {
  readonly kind: AwsErrorKind;
  /** The IAM action that was denied (`sso:ListInstances`), when known. */
  readonly action?: string;
  constructor(kind: AwsErrorKind, message: string, options: GatehouseErrorOptions & { action?: string } = {}) {
    super(`aws-${kind}`, message, ExitCode.Aws, 'aws', options);
    this.kind = kind;
    if (options.action !== undefined) this.action = options.action;
  }
}

/** A saved plan no longer matches the config or what is live, or belongs elsewhere. Exit 4. */
export class StalePlanError extends GatehouseError {
  constructor(message: string, options?: GatehouseErrorOptions) {
    super('stale-plan', message, ExitCode.Refused, 'user', options);
  }
}

/** A plan file that cannot be used at all (truncated, edited, wrong format version). Exit 4. */
export class InvalidPlanError extends GatehouseError {
  constructor(message: string, options?: GatehouseErrorOptions) {
    super('invalid-plan', message, ExitCode.Refused, 'user', options);
  }
}

/** The user (or the absence of a terminal without --yes) declined a change, or a safety guard refused it. Exit 4. */
export class DeclinedError extends GatehouseError {
  constructor(message: string, options?: GatehouseErrorOptions) {
    super('declined', message, ExitCode.Refused, 'user', options);
  }
}

/** Apply stopped part-way; `done` and `notDone` list action addresses. Rerunning plan + apply converges. Exit 5. */
export class PartialApplyError extends GatehouseError {
  readonly done: string[];
  readonly failed: { address: string; message: string }[];
  readonly notDone: string[];
  constructor(
    message: string,
    result: { done: string[]; failed: { address: string; message: string }[]; notDone: string[] },
    options?: GatehouseErrorOptions,
  ) {
    super('apply-partial', message, ExitCode.PartialApply, 'aws', options);
    this.done = result.done;
    this.failed = result.failed;
    this.notDone = result.notDone;
  }
}

/** A sandbox state file that is corrupt, foreign, locked too long or of an unknown version. Exit 2. */
export class SandboxError extends GatehouseError {
  constructor(message: string, options?: GatehouseErrorOptions) {
    super('sandbox', message, ExitCode.Usage, 'user', options);
  }
}

/** A bug: something that should never happen. Exit 70 with a please-report hint. */
export class InternalError extends GatehouseError {
  constructor(message: string, options?: GatehouseErrorOptions) {
    super('internal', message, ExitCode.Internal, 'internal', options);
  }
}

export function isGatehouseError(error: unknown): error is GatehouseError {
  return error instanceof GatehouseError;
}
