/**
 * @module `gatehouse ci github <validate|plan|reviewed-plan|apply|audit|drift>`: the GitHub Action's logic. Each
 * flow runs the ordinary commands in-process (so the same checks guard CI and laptops), then writes
 * the job summary, the step outputs and, on a pull request or a schedule, one PR comment or one
 * issue found again by a hidden marker.
 */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { run as applyCommand } from '../cli/commands/apply.js';
import { run as auditCommand, sarifLocator } from '../cli/commands/audit.js';
import { run as planCommand } from '../cli/commands/plan.js';
import { run as validateCommand } from '../cli/commands/validate.js';
import type { CliContext } from '../cli/context.js';
import { defaultConfigFile } from '../cli/load-config.js';
import { VERSION } from '../cli/version.js';
import { ExitCode } from '../errors.js';
import {
  GITHUB_COMMENT_LIMIT,
  hasChanges,
  loadPlanFile,
  type PlanDocument,
  renderPlan,
  renderPlanMarkdown,
} from '../plan/index.js';
import { blockingResults, type FailOn, type ReportDocument, renderReport } from '../report/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { type Captured, capture } from './capture.js';
import { GitHubApi } from './github-api.js';
import { type GitHubContext, readGitHubContext } from './github-context.js';
import { appendSummary, writeOutputs } from './github-files.js';
import {
  assertIsReviewedPlan,
  findReviewedPlan,
  fromBot,
  reviewedPlanRecord,
  UnreviewedPlanError,
} from './reviewed-plan.js';

export type CiCommand = 'validate' | 'plan' | 'reviewed-plan' | 'apply' | 'audit' | 'drift';
export const CI_COMMANDS: readonly CiCommand[] = ['validate', 'plan', 'reviewed-plan', 'apply', 'audit', 'drift'];

export interface CiOptions {
  config?: string;
  /** Where plan writes the plan file, and which reviewed plan apply applies. */
  planFile: string;
  /** apply: plan and apply at once instead of applying a reviewed plan file. */
  autoApprove?: boolean;
  failOn: FailOn;
  /** audit: where the SARIF log is written. */
  sarifFile: string;
}

interface Flow {
  ctx: CliContext;
  gh: GitHubContext;
  options: CiOptions;
  config: string;
}

/** Room the marker and footer need next to a markdown plan inside one comment. */
const COMMENT_RESERVE = 1_000;

export async function runGitHubFlow(command: CiCommand, options: CiOptions, ctx: CliContext): Promise<number> {
  const flow: Flow = {
    ctx,
    gh: readGitHubContext(ctx.env),
    options,
    config: options.config ?? defaultConfigFile(ctx.cwd),
  };
  switch (command) {
    case 'validate':
      return finish(flow, await capture(ctx, (c) => validateCommand({ config: flow.config }, c)), {});
    case 'plan':
      return planFlow(flow);
    case 'reviewed-plan':
      return reviewedPlanFlow(flow);
    case 'apply':
      return applyFlow(flow);
    case 'audit':
      return auditFlow(flow);
    case 'drift':
      return driftFlow(flow);
  }
}

/** Writes the outputs every flow has, then passes a command's error on (reported by the CLI). */
function finish(flow: Flow, result: Captured, outputs: Record<string, string>): number {
  if (result.stdout) flow.ctx.out(result.stdout);
  writeOutputs(flow.gh.outputFile, { 'exit-code': String(result.exitCode), ...outputs });
  if (result.error) throw result.error;
  return result.exitCode;
}

function marker(kind: 'plan' | 'drift', config: string): string {
  return `<!-- gatehouse:${kind} config=${config.replace(/--|[<>\r\n]/g, '_')} -->`;
}

function api(flow: Flow): GitHubApi | undefined {
  const { token, repository, apiUrl } = flow.gh;
  if (!token || !repository) return undefined;
  return new GitHubApi({ apiUrl, repository, token, clock: flow.ctx.clock, userAgent: `gatehouse/${VERSION}` });
}

async function runPlan(flow: Flow): Promise<{ result: Captured; plan?: PlanDocument }> {
  const { planFile } = flow.options;
  const result = await capture(flow.ctx, (c) =>
    planCommand({ config: flow.config, out: planFile, format: 'json', detailedExitcode: true }, c),
  );
  if (result.error) return { result };
  return { result: { ...result, stdout: '' }, plan: loadPlanFile(result.stdout, planFile) };
}

function whereFullPlanIs(flow: Flow): string {
  const file = `the plan file ${flow.options.planFile}`;
  return flow.gh.runUrl ? `${file} of [this workflow run](${flow.gh.runUrl})` : file;
}

async function planFlow(flow: Flow): Promise<number> {
  const { result, plan } = await runPlan(flow);
  if (!plan) return finish(flow, result, {});
  flow.ctx.out(renderPlan(plan, { color: false }));
  const tag = marker('plan', flow.config);
  const body = renderPlanMarkdown(plan, {
    maxLength: GITHUB_COMMENT_LIMIT - COMMENT_RESERVE,
    fullPlanAt: whereFullPlanIs(flow),
  });
  appendSummary(flow.gh.summaryFile, body);
  // Outputs first: they hold even when GitHub then refuses the comment (exit 3).
  // Pending changes are the point of a PR plan, not a failure: `exit-code` says 1, the step passes.
  finish(flow, result, {
    changes: String(hasChanges(plan)),
    findings: '0',
    'plan-path': resolve(flow.ctx.cwd, flow.options.planFile),
  });
  const github = api(flow);
  if (github && flow.gh.pullRequest !== undefined) {
    const run = flow.gh.runUrl ? ` in [workflow run](${flow.gh.runUrl})` : '';
    const footer = /^[0-9a-f]{40}$/.test(flow.gh.sha ?? '')
      ? `\n<sub>Planned at ${flow.gh.sha}${run}. Apply runs only this plan, and refuses it if the config or AWS changed since.</sub>\n`
      : '';
    const record = reviewRecord(flow, plan);
    const comment = `${tag}\n${record ? `${record}\n` : ''}${body}${footer}`;
    // Only our own (bot-written) comment is updated: a person's comment that quotes the marker is left alone.
    const existing = (await github.listIssueComments(flow.gh.pullRequest, tag)).find(fromBot);
    if (existing) await github.updateIssueComment(existing.id, comment);
    else await github.createIssueComment(flow.gh.pullRequest, comment);
  }
  return ExitCode.Ok;
}

/** The saved plan file as JSON, or undefined when it cannot be read (apply then reports why). */
function readPlanJson(flow: Flow): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(readFileSync(resolve(flow.ctx.cwd, flow.options.planFile), 'utf8'));
    return data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The hidden record of what this comment shows, for apply to match the merged plan file against. */
function reviewRecord(flow: Flow, plan: PlanDocument): string | undefined {
  const checksum = readPlanJson(flow)?.checksum;
  const headSha = flow.gh.sha ?? '';
  if (typeof checksum !== 'string' || !/^[0-9a-f]{40}$/.test(headSha)) return undefined;
  const runId = flow.gh.runId;
  return reviewedPlanRecord({ headSha, configHash: plan.configHash, checksum, ...(runId ? { runId } : {}) });
}

/** The plan reviewed on the merged PR of the pushed commit; refuses (exit 4) when there is none. */
function reviewedOnMergedPullRequest(flow: Flow): ReturnType<typeof findReviewedPlan> {
  const github = api(flow);
  const sha = flow.gh.sha;
  if (!github || !sha) {
    throw new UnreviewedPlanError(
      'cannot find the plan reviewed on the merged pull request: GITHUB_TOKEN, GITHUB_REPOSITORY and GITHUB_SHA are needed',
      ['run it in a GitHub Actions job on the push to the default branch, with the workflow token in GITHUB_TOKEN'],
    );
  }
  return findReviewedPlan(github, sha, marker('plan', flow.config));
}

/**
 * Finds the reviewed plan without applying it, for the workflow's download step: outputs the pull
 * request, the head commit it was planned at and the run whose `gatehouse-plan` artifact holds it.
 */
async function reviewedPlanFlow(flow: Flow): Promise<number> {
  let found: Awaited<ReturnType<typeof findReviewedPlan>> | undefined;
  const result = await capture(flow.ctx, async () => {
    found = await reviewedOnMergedPullRequest(flow);
    return ExitCode.Ok;
  });
  if (!found) return finish(flow, result, {});
  const { pullRequest, reviewed } = found;
  flow.ctx.out(
    `The plan reviewed on pull request #${pullRequest} was made at ${reviewed.headSha}${reviewed.runId ? ` in run ${reviewed.runId}` : ''} (${reviewed.checksum}).\n`,
  );
  return finish(flow, result, {
    'pull-request': String(pullRequest),
    'head-sha': reviewed.headSha,
    'run-id': reviewed.runId ?? '',
    checksum: reviewed.checksum,
  });
}

/** Refuses (exit 4) unless the plan file is the one reviewed on the merged PR of the pushed commit. */
async function checkReviewed(flow: Flow): Promise<void> {
  const { pullRequest, reviewed } = await reviewedOnMergedPullRequest(flow);
  const file = readPlanJson(flow);
  if (!file) return; // apply reads the file itself and names what is wrong with it
  assertIsReviewedPlan(
    { path: flow.options.planFile, checksum: file.checksum, configHash: file.configHash },
    reviewed,
    pullRequest,
  );
  flow.ctx.note(`${flow.options.planFile} is the plan reviewed on pull request #${pullRequest}`);
}

async function applyFlow(flow: Flow): Promise<number> {
  const result = await capture(flow.ctx, async (c) => {
    if (flow.options.autoApprove) return applyCommand({ config: flow.config, yes: true }, c);
    await checkReviewed(flow);
    return applyCommand({ plan: flow.options.planFile, config: flow.config, yes: true }, c);
  });
  const outcome = result.error
    ? `**gatehouse apply refused or failed** (exit ${result.exitCode}): ${(result.error as Error).message}`
    : `**gatehouse apply:** ${result.stdout.trim().split('\n').at(-1) ?? 'done'}`;
  appendSummary(flow.gh.summaryFile, outcome);
  return finish(flow, result, { findings: '0' });
}

async function runAudit(flow: Flow): Promise<{ result: Captured; report?: ReportDocument }> {
  const result = await capture(flow.ctx, (c) =>
    auditCommand(
      { ...(flow.options.config ? { config: flow.config } : {}), format: 'json', failOn: flow.options.failOn },
      c,
    ),
  );
  if (result.error) return { result };
  return { result: { ...result, stdout: '' }, report: JSON.parse(result.stdout) as ReportDocument };
}

function writeSarif(flow: Flow, report: ReportDocument): string {
  const file = resolve(flow.ctx.cwd, flow.options.sarifFile);
  writeFileAtomic(file, renderReport(report, 'sarif', sarifLocator(report, flow.ctx)));
  return file;
}

async function auditFlow(flow: Flow): Promise<number> {
  const { result, report } = await runAudit(flow);
  if (!report) return finish(flow, result, {});
  flow.ctx.out(renderReport(report, 'text'));
  appendSummary(flow.gh.summaryFile, renderReport(report, 'md'));
  const sarif = writeSarif(flow, report);
  return finish(flow, result, {
    findings: String(blockingResults(report, flow.options.failOn).length),
    'sarif-path': sarif,
  });
}

/** Cuts Markdown at a line boundary so an issue body stays within GitHub's limit. */
function fitMarkdown(markdown: string, max: number): string {
  if (markdown.length <= max) return markdown;
  const cut = markdown.slice(0, max - 120);
  return `${cut.slice(0, Math.max(0, cut.lastIndexOf('\n')))}\n\n_… shortened to fit GitHub's limit: the full report is in the job summary._`;
}

async function driftFlow(flow: Flow): Promise<number> {
  const planned = await runPlan(flow);
  if (!planned.plan) return finish(flow, planned.result, {});
  const audited = await runAudit(flow);
  if (!audited.report) return finish(flow, audited.result, { changes: String(hasChanges(planned.plan)) });
  const { plan } = planned;
  const { report } = audited;
  const drift = hasChanges(plan);
  const findings = blockingResults(report, flow.options.failOn).length;
  const half = Math.floor((GITHUB_COMMENT_LIMIT - COMMENT_RESERVE) / 2);
  const headline =
    drift || findings > 0
      ? `**gatehouse drift:** ${drift ? 'AWS differs from the config' : 'AWS matches the config'}; ${findings} finding(s) at or above ${flow.options.failOn}.`
      : '**gatehouse drift:** AWS matches the config and the audit is clean.';
  const body = [
    headline,
    '',
    '## Plan',
    '',
    renderPlanMarkdown(plan, { maxLength: half, fullPlanAt: whereFullPlanIs(flow) }),
    '## Audit',
    '',
    fitMarkdown(renderReport(report, 'md'), half - 200),
  ].join('\n');
  flow.ctx.out(`${headline.replace(/\*\*/g, '')}\n`);
  appendSummary(flow.gh.summaryFile, body);

  const github = api(flow);
  if (github) {
    const tag = marker('drift', flow.config);
    const open = await github.findOpenIssue(tag);
    const run = flow.gh.runUrl ? ` ([run](${flow.gh.runUrl}))` : '';
    if (drift || findings > 0) {
      const issueBody = `${tag}\n${body}\n<sub>Updated by the scheduled gatehouse drift check${run}. It closes itself when AWS matches again.</sub>\n`;
      if (open) await github.updateIssue(open.number, { body: issueBody });
      else await github.createIssue('gatehouse: AWS access baseline drift or findings', issueBody);
    } else if (open) {
      await github.createIssueComment(
        open.number,
        `AWS matches the config again and the audit is clean${run}: closing.`,
      );
      await github.updateIssue(open.number, { state: 'closed', state_reason: 'completed' });
    }
  }
  const exitCode = drift || findings > 0 ? ExitCode.Findings : ExitCode.Ok;
  return finish(
    flow,
    { exitCode, stdout: '' },
    {
      changes: String(drift),
      findings: String(findings),
      'plan-path': resolve(flow.ctx.cwd, flow.options.planFile),
    },
  );
}
