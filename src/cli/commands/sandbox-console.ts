/**
 * @module `gatehouse sandbox console STEP [--state FILE] [--account ID] [--region R] [--user NAME]`: performs in a
 * sandbox what AWS allows only in the console (enable the organization instance of Identity
 * Center, register root MFA, delete root access keys); `list` shows the steps.
 */

import { UsageError } from '../../errors.js';
import {
  CONSOLE_STEP_HELP,
  CONSOLE_STEPS,
  isConsoleStep,
  openSandboxFile,
  resolveStatePath,
} from '../../sandbox/index.js';
import type { CliContext } from '../context.js';

export interface SandboxConsoleOptions {
  step?: string;
  state?: string;
  account?: string;
  region?: string;
  user?: string;
}

export async function run(options: SandboxConsoleOptions, ctx: CliContext): Promise<number> {
  const step = options.step ?? '';
  if (!isConsoleStep(step)) {
    throw new UsageError(`unknown console step "${step}": choose one of ${CONSOLE_STEPS.join(', ')}`);
  }
  if (step === 'list') {
    for (const [name, help] of Object.entries(CONSOLE_STEP_HELP)) {
      ctx.out(`${name}\n  ${help.summary}\n  on AWS: ${help.console}`);
    }
    return 0;
  }
  if (options.account !== undefined && !/^\d{12}$/.test(options.account)) {
    throw new UsageError(`invalid --account "${options.account}": expected a 12-digit account id`);
  }
  const path = resolveStatePath({ state: options.state, sandbox: ctx.globals.sandbox, env: ctx.env }, ctx.cwd);
  const file = await openSandboxFile(path, { clock: ctx.clock });
  try {
    const result = file.sandbox.console(step, {
      ...(options.account !== undefined ? { accountId: options.account } : {}),
      ...(options.region !== undefined ? { region: options.region } : {}),
      ...(options.user !== undefined ? { userName: options.user } : {}),
    });
    ctx.out(result.changed ? result.message : `Nothing to do: ${result.message}.`);
    ctx.note(`On AWS this is done in the console: ${CONSOLE_STEP_HELP[step].console}.`);
  } finally {
    file.close();
  }
  return 0;
}
