/** @module `gatehouse audit`: judge the organization (or a saved snapshot) against the baseline and report. */

import { ExitCode, UsageError } from '../../errors.js';
import { loadSnapshot, saveSnapshot } from '../../observe/index.js';
import { exceedsThreshold, type FailOn, type ReportFormat, renderReport } from '../../report/index.js';
import { openEnvironment } from '../../runtime/environment.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { runAudit } from '../../workflows/audit-workflow.js';
import type { CliContext } from '../context.js';
import { loadDesiredOrBaseline } from '../load-config.js';
import { VERSION } from '../version.js';

export interface AuditCommandOptions {
  config?: string;
  format: ReportFormat;
  output?: string;
  failOn: FailOn;
  check?: string[];
  accounts?: string[];
  saveSnapshot?: string;
  snapshot?: string;
}

function accountsScope(accounts: string[] | undefined): 'caller' | 'all' | string[] {
  if (!accounts || accounts.length === 0) return 'caller';
  if (accounts.length === 1 && accounts[0] === 'all') return 'all';
  for (const id of accounts) {
    if (!/^\d{12}$/.test(id)) throw new UsageError(`--accounts takes "all" or 12-digit account ids, not "${id}"`);
  }
  return accounts;
}

export async function run(options: AuditCommandOptions, ctx: CliContext): Promise<number> {
  if (options.snapshot && (options.accounts || options.saveSnapshot)) {
    throw new UsageError('--snapshot judges a saved snapshot: it cannot be combined with --accounts or --save-snapshot');
  }
  const accounts = accountsScope(options.accounts);
  const desired = await loadDesiredOrBaseline(options.config, ctx);
  const now = new Date(ctx.clock.now()).toISOString();
  const common = { desired, host: ctx.host, now, failOn: options.failOn, toolVersion: VERSION, ...(options.check ? { checks: options.check } : {}) };

  let result: Awaited<ReturnType<typeof runAudit>>;
  if (options.snapshot) {
    result = await runAudit({ ...common, source: { snapshot: loadSnapshot(options.snapshot) } });
  } else {
    const env = await openEnvironment({
      sandbox: ctx.globals.sandbox,
      profile: ctx.globals.profile,
      region: ctx.globals.region,
      env: ctx.env,
      clock: ctx.clock,
      host: ctx.host,
    });
    try {
      result = await runAudit({ ...common, source: { session: env.session, accounts, region: ctx.globals.region } });
    } finally {
      env.close();
    }
    if (options.saveSnapshot) {
      saveSnapshot(result.snapshot, options.saveSnapshot);
      ctx.note(`Saved the observed facts to ${options.saveSnapshot}`);
    }
  }

  const text = renderReport(result.report, options.format, { color: options.output ? false : ctx.stdoutColor });
  if (options.output) {
    writeFileAtomic(options.output, text.endsWith('\n') ? text : `${text}\n`);
    ctx.note(`Wrote the ${options.format} report to ${options.output}`);
  } else {
    ctx.out(text);
  }
  return exceedsThreshold(result.report, options.failOn) ? ExitCode.Findings : ExitCode.Ok;
}
