/** @module `gatehouse audit`: judge the organization (or a saved snapshot) against the baseline and report. */

import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ExitCode, UsageError } from '../../errors.js';
import type { Evidence } from '../../observe/evidence.js';
import { loadSnapshot, saveSnapshot } from '../../observe/index.js';
import type { Snapshot } from '../../observe/snapshot.js';
import {
  configLocator,
  exceedsThreshold,
  type FailOn,
  type RenderOptions,
  type ReportDocument,
  type ReportFormat,
  renderReport,
} from '../../report/index.js';
import { openEnvironment } from '../../runtime/environment.js';
import { runAudit } from '../../workflows/audit-workflow.js';
import type { CliContext } from '../context.js';
import { loadDesiredOrBaseline } from '../load-config.js';
import { checkOutputPath, isStdoutPath, writeOutput } from '../output-file.js';
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
  /** List every check in the text report (passes included). */
  all?: boolean;
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
  if (options.output) checkOutputPath(options.output, ctx.cwd);
  if (options.snapshot && (options.accounts || options.saveSnapshot)) {
    throw new UsageError(
      '--snapshot judges a saved snapshot: it cannot be combined with --accounts or --save-snapshot',
    );
  }
  const accounts = accountsScope(options.accounts);
  const desired = await loadDesiredOrBaseline(options.config, ctx);
  const now = new Date(ctx.clock.now()).toISOString();
  const common = {
    desired,
    host: ctx.host,
    now,
    failOn: options.failOn,
    toolVersion: VERSION,
    ...(options.check ? { checks: options.check } : {}),
  };

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

  const toFile = options.output !== undefined && !isStdoutPath(options.output, ctx.cwd);
  // On stdout a person reads it: failures and manual items (`-q`: failures and the verdict). A file keeps every check.
  const view = options.all || toFile ? 'all' : ctx.globals.quiet ? 'quiet' : 'problems';
  const text = renderReport(result.report, options.format, {
    color: toFile ? false : ctx.stdoutColor,
    view,
    ...(options.format === 'sarif' ? sarifLocator(result.report, ctx) : {}),
  });
  if (options.output) {
    const where = writeOutput(ctx, options.output, text.endsWith('\n') ? text : `${text}\n`);
    if (where === 'file') ctx.note(`Wrote the ${options.format} report to ${options.output}`);
  } else {
    ctx.out(text);
  }
  for (const message of unreadableFactsSummary(result.snapshot)) warn(ctx, message);
  return exceedsThreshold(result.report, options.failOn) ? ExitCode.Findings : ExitCode.Ok;
}

/**
 * SARIF points at config lines by a path code scanning resolves from the repository root: relative
 * to GITHUB_WORKSPACE inside a GitHub job (the action may run in a sub-directory), else as given.
 */
export function sarifLocator(report: ReportDocument, ctx: CliContext): Pick<RenderOptions, 'locate'> {
  const file = report.config.file;
  if (!file) return {};
  const absolute = resolve(ctx.cwd, file);
  const workspace = ctx.env.GITHUB_WORKSPACE;
  const shown = workspace ? relative(workspace, absolute) : file;
  return { locate: configLocator(shown, readFileSync(absolute, 'utf8')) };
}

function warn(ctx: CliContext, message: string): void {
  ctx.host.emit({ type: 'log', level: 'warn', code: 'audit.unreadable-facts', message });
}

/**
 * The closing summary of what could not be read: the IAM actions AWS denied (the fix is one policy)
 * and reads that AWS kept throttling. Their checks already report `error`; this says why at once.
 */
export function unreadableFactsSummary(snapshot: Snapshot): string[] {
  const evidence = [
    ...Object.values(snapshot.org),
    ...Object.values(snapshot.accounts).flatMap((facts) => Object.values(facts)),
  ] as (Evidence<unknown> | undefined)[];
  const denied = [...new Set(evidence.flatMap((e) => (e?.status === 'denied' ? [e.action] : [])))].sort();
  const throttled = evidence.filter((e) => e?.status === 'error' && e.code === 'throttled').length;
  const lines: string[] = [];
  if (denied.length > 0) {
    lines.push(
      `access denied to ${denied.length === 1 ? 'one IAM action' : `${denied.length} IAM actions`} (${denied.join(', ')}): the checks that need ${denied.length === 1 ? 'it' : 'them'} report error; run \`gatehouse permissions --for audit\` for the policy an audit needs`,
    );
  }
  if (throttled > 0) {
    lines.push(
      `AWS kept throttling ${throttled === 1 ? 'one read' : `${throttled} reads`} after every retry: the checks that need ${throttled === 1 ? 'it' : 'them'} report error; run the audit again later`,
    );
  }
  return lines;
}
