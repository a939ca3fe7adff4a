/**
 * @module `gatehouse apply [plan.json] [-c FILE] [--yes] [--prune] [--allow-lockout] [--allow-destroy]`: apply a saved
 * plan (bound to the config `-c` names, default ./gatehouse.yaml, never to a path from the plan;
 * signed plans verified with GATEHOUSE_PLAN_KEY; re-derived and compared field for field after
 * re-observing; a stale or edited one is refused with exit 4), or plan and apply the config in one
 * go (the plan is shown first, as Terraform does). Asks for confirmation on a terminal; `--yes` in
 * CI; without a terminal and without `--yes` it refuses (exit 4) and changes nothing. The first
 * Ctrl-C stops starting work and reports in a few lines what was and was not done, with the path of
 * a file holding the full list (exit 5); the second leaves at once. The closing summary goes to stdout.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { applySummaryLine, renderOutcomeFile } from '../../apply/index.js';
import { readTextFile } from '../../config/input-file.js';
import { ExitCode, InputFileError, InvalidPlanError, PartialApplyError, UsageError } from '../../errors.js';
import { maxDestroyOf } from '../../model/desired.js';
import type { Snapshot } from '../../observe/snapshot.js';
import type { PlanDocument } from '../../plan/actions.js';
import { loadPlanFile, type PlanKey, planKeyFromEnv, renderPlan } from '../../plan/index.js';
import { openEnvironment } from '../../runtime/environment.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { applyPlan } from '../../workflows/apply-workflow.js';
import { planFromConfig } from '../../workflows/plan-workflow.js';
import type { CliContext } from '../context.js';
import { createInterruptHandler } from '../interrupts.js';
import { defaultConfigFile, loadDesired } from '../load-config.js';

export interface ApplyCommandOptions {
  plan?: string;
  config?: string;
  yes?: boolean;
  prune?: boolean;
  allowLockout?: boolean;
  allowDestroy?: boolean;
}

/** Plan files are JSON documents of a few MB at most, even for thousands of assignments. */
const MAX_PLAN_BYTES = 256 * 1024 * 1024;

async function readSavedPlan(file: string, key: PlanKey | undefined, ctx: CliContext): Promise<PlanDocument> {
  let text: string;
  try {
    text = await readTextFile(resolve(ctx.cwd, file), {
      kind: 'plan file',
      maxBytes: MAX_PLAN_BYTES,
      displayName: file,
    });
  } catch (error) {
    // A path that names nothing is a usage error (exit 2); a file that is there but cannot be a
    // plan (a directory, too large, binary) is a bad plan file (exit 4), like a truncated one.
    const missing = (error as { cause?: { code?: unknown } }).cause?.code === 'ENOENT';
    if (error instanceof InputFileError && !missing) {
      throw new InvalidPlanError(error.message, { hints: ['run `gatehouse plan -o FILE` and apply that file'] });
    }
    throw error;
  }
  return loadPlanFile(text, file, { key });
}

/**
 * Pruning deletes what the config does not declare, so it is never taken from the file alone: a
 * plan made with --prune is applied only with --prune (an unsigned plan file is anyone's to write,
 * and a prune plan whose deletions were added consistently would otherwise pass every other check).
 */
function checkPruneRestated(saved: PlanDocument, file: string, prune: boolean | undefined): void {
  if (prune !== undefined && prune !== saved.options.prune && !saved.options.prune) {
    throw new UsageError(`--prune is chosen when the plan is made; ${file} was planned without it`, {
      hints: [`run \`gatehouse plan --prune -o ${file}\` and apply that plan`],
    });
  }
  if (saved.options.prune && prune !== true) {
    throw new InvalidPlanError(
      `${file} was planned with --prune (it deletes what the config does not declare); apply it with --prune`,
      { hints: [`if you reviewed its deletions: \`gatehouse apply --prune ${file}\``] },
    );
  }
}

/**
 * Writes the full done / failed / not done list (atomically) next to the saved plan, or in a new
 * temporary directory, and makes the error's report point to it: the report itself stays short.
 */
function pointToFullList(error: PartialApplyError, planFile: string | undefined, ctx: CliContext): void {
  const file = planFile
    ? `${resolve(ctx.cwd, planFile)}.apply-report.txt`
    : join(mkdtempSync(join(tmpdir(), 'gatehouse-apply-')), 'apply-report.txt');
  try {
    writeFileAtomic(file, renderOutcomeFile(error, error.message));
    error.hints.unshift(`the full list: ${file}`);
  } catch {
    // The short report is still complete in its counts; the run's outcome matters more than the file.
    error.hints.unshift('the full list could not be written (see `gatehouse plan` for what is left)');
  }
}

export async function run(options: ApplyCommandOptions, ctx: CliContext): Promise<number> {
  const saved = options.plan ? await readSavedPlan(options.plan, planKeyFromEnv(ctx.env), ctx) : undefined;
  if (saved && options.plan) checkPruneRestated(saved, options.plan, options.prune);
  // The config is the one the user points at, never a path from the plan (which anyone who can
  // write the plan file chooses); the plan is refused unless that config plans exactly it.
  const desired = await loadDesired(options.config ?? defaultConfigFile(ctx.cwd), ctx);
  const env = await openEnvironment({
    sandbox: ctx.globals.sandbox,
    profile: ctx.globals.profile,
    region: ctx.globals.region,
    env: ctx.env,
    clock: ctx.clock,
    host: ctx.host,
  });
  const controller = new AbortController();
  const onInterrupt = createInterruptHandler({
    stop: () => controller.abort(new Error('was interrupted (Ctrl-C)')),
    note: (text) => ctx.note(text),
    leave: () => {
      process.stderr.write(
        'Interrupted twice: leaving now. AWS keeps what was done; run `gatehouse plan` to see what is left.\n',
      );
      // The sandbox file (if any) is flushed by its exit hook; AWS needs nothing from us.
      process.exit(ExitCode.PartialApply);
    },
  });
  process.on('SIGINT', onInterrupt);
  try {
    let plan: PlanDocument;
    let snapshot: Snapshot | undefined;
    if (saved) {
      plan = saved;
    } else {
      ({ plan, snapshot } = await planFromConfig({
        desired,
        session: env.session,
        host: ctx.host,
        prune: options.prune === true,
      }));
      ctx.out(renderPlan(plan, { color: ctx.stdoutColor, maxDestroy: maxDestroyOf(desired) }));
      if (plan.actions.length === 0) return ExitCode.Ok;
    }
    const result = await applyPlan({
      plan,
      desired,
      session: env.session,
      host: ctx.host,
      clock: ctx.clock,
      yes: options.yes === true,
      interactive: ctx.interactive,
      allowLockout: options.allowLockout === true,
      allowDestroy: options.allowDestroy === true,
      signal: controller.signal,
      ...(options.plan ? { planFile: options.plan } : {}),
      ...(snapshot ? { snapshot } : {}),
    });
    ctx.out(applySummaryLine(result));
    if (result.manualSteps.length > 0) {
      ctx.note(
        `Manual steps (apply never performs them): ${result.manualSteps.map((s) => s.address).join(', ')}. Do them in the AWS console (see \`gatehouse plan\`), then run \`gatehouse plan\` again.`,
      );
    }
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof PartialApplyError) pointToFullList(error, options.plan, ctx);
    throw error;
  } finally {
    process.off('SIGINT', onInterrupt);
    env.close();
  }
}
