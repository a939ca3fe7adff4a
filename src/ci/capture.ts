/** @module Runs a command module in-process with its stdout captured (its notes and events still reach the user). */

import type { CliContext } from '../cli/context.js';
import { isGatehouseError } from '../errors.js';

export interface Captured {
  exitCode: number;
  stdout: string;
  /** The error the command raised (its exit code is `exitCode`); the flow reports it after writing outputs. */
  error?: unknown;
}

export async function capture(ctx: CliContext, run: (ctx: CliContext) => Promise<number>): Promise<Captured> {
  const chunks: string[] = [];
  const inner: CliContext = { ...ctx, out: (text) => chunks.push(text.endsWith('\n') ? text : `${text}\n`) };
  try {
    const exitCode = await run(inner);
    return { exitCode, stdout: chunks.join('') };
  } catch (error) {
    // Internal errors are not for a flow to summarise: they go straight to the CLI's error report.
    if (!isGatehouseError(error)) throw error;
    return { exitCode: error.exitCode, stdout: chunks.join(''), error };
  }
}
