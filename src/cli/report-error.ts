/** @module Turns any thrown value into one clear message on stderr and an exit code (stack traces only with --debug). */

import { outcomeLines } from '../apply/outcome.js';
import { ConfigError, ExitCode, type GatehouseError, isGatehouseError, PartialApplyError } from '../errors.js';
import { visibleKeepingLines } from '../util/visible-text.js';
import { formatDiagnostic } from './format-diagnostic.js';
import { terminalText } from './terminal-text.js';

export interface ReportErrorOptions {
  color: boolean;
  debug: boolean;
  write?: (text: string) => void;
}

export function reportError(error: unknown, options: ReportErrorOptions): number {
  const write = options.write ?? ((text: string) => process.stderr.write(terminalText(text)));
  const red = (s: string) => (options.color ? `\u001b[31m${s}\u001b[39m` : s);
  if (isGatehouseError(error)) {
    writeGatehouseError(error, write, red);
    if (options.debug && error.stack) write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(`${red('error:')} internal error: ${firstLine(message)}\n`);
  write('  This is a bug in gatehouse. Please report it with the command you ran (and --debug output).\n');
  if (options.debug && error instanceof Error && error.stack) write(`${error.stack}\n`);
  return ExitCode.Internal;
}

function writeGatehouseError(error: GatehouseError, write: (t: string) => void, red: (s: string) => string): void {
  if (error instanceof ConfigError) {
    for (const d of error.diagnostics) write(`${formatDiagnostic(d)}\n`);
    const errors = error.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors === 0 || error.diagnostics.length === 0) write(`${red('error:')} ${firstLine(error.message)}\n`);
    return;
  }
  write(`${red('error:')} ${firstLine(error.message)}\n`);
  if (error instanceof PartialApplyError) {
    const failed = error.failed.map((f) => ({ address: f.address, message: firstLine(f.message) }));
    for (const line of outcomeLines({ done: error.done, failed, notDone: error.notDone })) write(`  ${line}\n`);
  }
  for (const hint of error.hints) write(`  ${hint}\n`);
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  // Messages quote names from AWS and the config: their escape sequences are shown, not obeyed.
  return visibleKeepingLines(line.length > 500 ? `${line.slice(0, 500)}…` : line);
}
