/**
 * @module `gatehouse plan [-c FILE] [-o plan.json] [--format text|json] [--detailed-exitcode] [--prune]`:
 * what apply would change to make AWS match the config. The text view (or the plan document with
 * `--format json`, which `apply` accepts as a saved plan) goes to stdout; `-o` also saves the plan
 * document atomically for a later `gatehouse apply plan.json`.
 */

import { resolve } from 'node:path';
import { ExitCode, UsageError } from '../../errors.js';
import { hasChanges, renderPlan, serializePlan } from '../../plan/index.js';
import { openEnvironment } from '../../runtime/environment.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { planFromConfig } from '../../workflows/plan-workflow.js';
import type { CliContext } from '../context.js';
import { DEFAULT_CONFIG_FILE, loadDesired } from '../load-config.js';
import { checkOutputPath, isStdoutPath } from '../output-file.js';

export interface PlanCommandOptions {
  config?: string;
  out?: string;
  format?: 'text' | 'json';
  detailedExitcode?: boolean;
  prune?: boolean;
}

export async function run(options: PlanCommandOptions, ctx: CliContext): Promise<number> {
  if (options.out !== undefined) {
    // apply reads the saved plan back: it needs a file (stdout already gets the plan with --format json).
    if (isStdoutPath(options.out, ctx.cwd))
      throw new UsageError('plan -o needs a file that apply can read back; for the plan on stdout use --format json');
    checkOutputPath(options.out, ctx.cwd);
  }
  const desired = await loadDesired(options.config ?? DEFAULT_CONFIG_FILE, ctx);
  const env = await openEnvironment({
    sandbox: ctx.globals.sandbox,
    profile: ctx.globals.profile,
    region: ctx.globals.region,
    env: ctx.env,
    clock: ctx.clock,
    host: ctx.host,
  });
  try {
    const { plan } = await planFromConfig({
      desired,
      session: env.session,
      host: ctx.host,
      prune: options.prune === true,
    });
    if (options.out) {
      writeFileAtomic(resolve(ctx.cwd, options.out), serializePlan(plan));
      ctx.note(`Saved the plan to ${options.out}: apply exactly this plan with \`gatehouse apply ${options.out}\``);
    }
    ctx.out(options.format === 'json' ? serializePlan(plan) : renderPlan(plan, { color: ctx.stdoutColor }));
    return options.detailedExitcode && hasChanges(plan) ? ExitCode.Findings : ExitCode.Ok;
  } finally {
    env.close();
  }
}
