/**
 * @module `gatehouse plan [-c FILE] [-o plan.json] [--format text|json|markdown] [--detailed-exitcode] [--prune]`:
 * what apply would change to make AWS match the config. The text view (or the plan document with
 * `--format json`, which `apply` accepts as a saved plan) goes to stdout; `-o` also saves the plan
 * document atomically for a later `gatehouse apply plan.json`. With GATEHOUSE_PLAN_KEY set, the
 * plan document (saved or printed) is signed.
 */

import { resolve } from 'node:path';
import { ExitCode, UsageError } from '../../errors.js';
import { maxDestroyOf } from '../../model/desired.js';
import type { PlanDocument } from '../../plan/index.js';
import { hasChanges, planKeyFromEnv, renderPlan, renderPlanMarkdown, serializePlan } from '../../plan/index.js';
import { openEnvironment } from '../../runtime/environment.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { planFromConfig } from '../../workflows/plan-workflow.js';
import type { CliContext } from '../context.js';
import { defaultConfigFile, loadDesired } from '../load-config.js';
import { checkOutputPath, isStdoutPath } from '../output-file.js';

export interface PlanCommandOptions {
  config?: string;
  out?: string;
  format?: 'text' | 'json' | 'markdown';
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
  // A bad key is refused before anything is read (exit 2), not after a long observation.
  const key = planKeyFromEnv(ctx.env);
  const desired = await loadDesired(options.config ?? defaultConfigFile(ctx.cwd), ctx);
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
      writeFileAtomic(resolve(ctx.cwd, options.out), serializePlan(plan, { key }));
      ctx.note(`Saved the plan to ${options.out}: apply exactly this plan with \`gatehouse apply ${options.out}\``);
    }
    ctx.out(render(plan, options, ctx, maxDestroyOf(desired), key));
    return options.detailedExitcode && hasChanges(plan) ? ExitCode.Findings : ExitCode.Ok;
  } finally {
    env.close();
  }
}

function render(
  plan: PlanDocument,
  options: PlanCommandOptions,
  ctx: CliContext,
  maxDestroy: number,
  key: ReturnType<typeof planKeyFromEnv>,
): string {
  switch (options.format) {
    case 'json':
      return serializePlan(plan, { key });
    case 'markdown':
      return renderPlanMarkdown(plan, options.out ? { fullPlanAt: `in the saved plan file ${options.out}` } : {});
    default:
      return renderPlan(plan, { color: ctx.stdoutColor, maxDestroy });
  }
}
