/**
 * @module `gatehouse demo`: the whole Day-1 path on a fresh sandbox, each step shown as a user would
 * see it — audit (failures) → plan of examples/startup.yaml with its manual steps → the sandbox
 * console performs them → apply → audit again (passing) → gatehouse-report.html.
 */

import { existsSync, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applySummaryLine, isComplete, partialApplyError } from '../../apply/result.js';
import { defaultBaseline } from '../../config/index.js';
import { ExitCode, InternalError } from '../../errors.js';
import type { DesiredState } from '../../model/desired.js';
import { renderPlan } from '../../plan/index.js';
import { exceedsThreshold, type ReportDocument, renderReport } from '../../report/index.js';
import { openEnvironment } from '../../runtime/environment.js';
import { CONSOLE_STEP_HELP, type ConsoleStep, isConsoleStep, openSandboxFile } from '../../sandbox/index.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { applyPlan } from '../../workflows/apply-workflow.js';
import { runAudit } from '../../workflows/audit-workflow.js';
import { planFromConfig } from '../../workflows/plan-workflow.js';
import type { CliContext } from '../context.js';
import { loadDesired } from '../load-config.js';
import { VERSION } from '../version.js';

export interface DemoOptions {
  dir: string;
}

const STATE_FILE = 'gatehouse-demo-sandbox.json';
const REPORT_FILE = 'gatehouse-report.html';
const TOTAL_STEPS = 6;

/** examples/startup.yaml from the installed package (dist/cli/commands → package root). */
function startupExample(): string {
  for (const rel of ['../../../examples/startup.yaml', '../../../../examples/startup.yaml']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new InternalError('examples/startup.yaml is missing from the installation');
}

/** The user name of an IAM user ARN (`arn:aws:iam::111111111111:user/path/name` → `name`). */
function iamUserName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

export async function run(options: DemoOptions, ctx: CliContext): Promise<number> {
  const dir = resolve(ctx.cwd, options.dir);
  // `--dir` may name a directory that does not exist yet (the state file's lock is created in it).
  mkdirSync(dir, { recursive: true });
  const statePath = join(dir, STATE_FILE);
  const shown = (path: string) => relative(ctx.cwd, path) || '.';
  const sandboxFlag = `--sandbox ${shown(statePath)}`;
  const configPath = startupExample();
  const configShown = shown(configPath).startsWith('..') ? 'examples/startup.yaml' : shown(configPath);

  const heading = (n: number, title: string, command?: string) => {
    ctx.out(`\n━━ Step ${n}/${TOTAL_STEPS} · ${title}`);
    if (command) ctx.out(`$ ${command}\n`);
  };
  const withEnvironment = async <T>(
    fn: (env: Awaited<ReturnType<typeof openEnvironment>>) => Promise<T>,
  ): Promise<T> => {
    const env = await openEnvironment({ sandbox: statePath, env: {}, clock: ctx.clock, host: ctx.host });
    try {
      return await fn(env);
    } finally {
      env.close();
    }
  };
  const audit = async (desired: DesiredState): Promise<ReportDocument> =>
    withEnvironment(async (env) => {
      const { report } = await runAudit({
        desired,
        source: { session: env.session },
        host: ctx.host,
        now: new Date(ctx.clock.now()).toISOString(),
        failOn: 'high',
        toolVersion: VERSION,
      });
      return report;
    });

  ctx.out('gatehouse demo: the Day-1 access baseline of an AWS account, walked end to end in the built-in sandbox.');
  ctx.out(
    `Nothing here touches AWS. The sandbox state is ${shown(statePath)}; every step shows the command you would run.`,
  );

  // A fresh, standalone account with short asynchronous delays so the walk-through is quick.
  const created = await openSandboxFile(statePath, {
    clock: ctx.clock,
    create: { scenario: 'fresh', overwrite: true, knobs: { completionDelayMs: { default: 300, perOperation: {} } } },
  });
  created.close();

  heading(1, 'Audit a fresh AWS account against the built-in Day-1 baseline', `gatehouse audit ${sandboxFlag}`);
  const before = await audit(defaultBaseline());
  ctx.out(renderReport(before, 'text', { color: ctx.stdoutColor }).trimEnd());
  ctx.out(
    `→ exit code ${exceedsThreshold(before, 'high') ? 1 : 0}: the root user and the missing Identity Center fail the baseline.`,
  );

  heading(2, 'Plan the seed setup from one file', `gatehouse plan -c ${configShown} ${sandboxFlag}`);
  const desired = await loadDesired(configPath, ctx);
  const firstPlan = await withEnvironment(async (env) =>
    planFromConfig({ desired, session: env.session, host: ctx.host }),
  );
  ctx.out(renderPlan(firstPlan.plan, { color: ctx.stdoutColor }).trimEnd());

  heading(3, 'Do the console-only steps (the sandbox console stands in for the AWS console)');
  // Exactly the plan's manual steps: one console step each, one per IAM user for console passwords.
  const steps = firstPlan.plan.manualSteps.flatMap((m): { step: ConsoleStep; user?: string }[] => {
    if (!isConsoleStep(m.id)) return [];
    const step = m.id;
    if (step !== 'disable-iam-user-console-access') return [{ step }];
    return (m.resources ?? []).map((arn) => ({ step, user: iamUserName(arn) }));
  });
  const file = await openSandboxFile(statePath, { clock: ctx.clock });
  try {
    for (const { step, user } of steps) {
      if (step === 'list') continue;
      ctx.out(`$ gatehouse sandbox console ${step}${user ? ` --user ${user}` : ''} --sandbox ${shown(statePath)}`);
      const result = file.sandbox.console(step, user ? { userName: user } : {});
      ctx.out(`  ${result.message}`);
      ctx.out(`  on AWS: ${CONSOLE_STEP_HELP[step].console}`);
    }
  } finally {
    file.close();
  }

  heading(4, 'Apply the config', `gatehouse apply -c ${configShown} ${sandboxFlag} --yes`);
  const result = await withEnvironment(async (env) => {
    const { plan, snapshot } = await planFromConfig({ desired, session: env.session, host: ctx.host });
    ctx.out(renderPlan(plan, { color: ctx.stdoutColor }).trimEnd());
    ctx.out('');
    return applyPlan({
      plan,
      snapshot,
      desired,
      session: env.session,
      host: ctx.host,
      clock: ctx.clock,
      yes: true,
      interactive: false,
    });
  });
  if (!isComplete(result)) throw partialApplyError(result);
  ctx.out(applySummaryLine(result));

  heading(5, 'Audit again, against the config', `gatehouse audit -c ${configShown} ${sandboxFlag}`);
  const after = await audit(desired);
  ctx.out(renderReport(after, 'text', { color: ctx.stdoutColor }).trimEnd());
  const passing = !exceedsThreshold(after, 'high');
  ctx.out(
    `→ exit code ${passing ? 0 : 1}: ${passing ? 'nothing at or above high fails any more' : 'some findings still fail'}.`,
  );

  heading(
    6,
    'Write the HTML report',
    `gatehouse audit -c ${configShown} ${sandboxFlag} --format html -o ${REPORT_FILE}`,
  );
  const reportPath = join(dir, REPORT_FILE);
  writeFileAtomic(reportPath, renderReport(after, 'html', { color: false }));
  ctx.out(`Wrote ${shown(reportPath)}: open it in a browser, or attach it to a ticket (one self-contained file).`);

  ctx.out('\nNext: try an organization with OUs, tags and groups:');
  ctx.out('  gatehouse sandbox create --scenario org --sandbox org.json');
  ctx.out('  gatehouse plan -c examples/growing-org.yaml --sandbox org.json');
  ctx.out('Or point gatehouse at your own account (read-only): gatehouse audit --profile YOUR_PROFILE');
  return passing ? ExitCode.Ok : ExitCode.Findings;
}
