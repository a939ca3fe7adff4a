/**
 * @module Ties the plan applied on the default branch to the plan reviewed on the merged pull
 * request: the PR plan comment records (in a hidden line) the head commit, config hash and checksum
 * of the plan it shows; apply finds the merged PR of the pushed commit, reads that record from a
 * comment written by a bot (never a person), and accepts only a plan file with the same checksum.
 */

import { ExitCode, GatehouseError } from '../errors.js';
import type { GitHubApi, IssueComment, PullRequest } from './github-api.js';

/** What a plan comment records about the plan it shows. */
export interface ReviewedPlan {
  /** The PR head commit the plan was made at. */
  headSha: string;
  configHash: string;
  /** The plan file's `checksum` (sha256 over its canonical body, which includes any signature's subject). */
  checksum: string;
  /** The workflow run that made the plan (its `gatehouse-plan` artifact is the file), when known. */
  runId?: string;
}

/** No reviewed plan, or a plan file other than the reviewed one. Exit 4, like a stale plan. */
export class UnreviewedPlanError extends GatehouseError {
  constructor(message: string, hints: string[] = []) {
    super('unreviewed-plan', message, ExitCode.Refused, 'user', { hints });
  }
}

const RECORD =
  /<!-- gatehouse:reviewed head=([0-9a-f]{40}) config-hash=([\w:.-]+) checksum=(sha256:[0-9a-f]{64})(?: run=(\d+))? -->/;

/** The hidden line a plan comment carries; only hex and hash characters, so nothing can break out. */
export function reviewedPlanRecord(plan: ReviewedPlan): string {
  const run = plan.runId && /^\d+$/.test(plan.runId) ? ` run=${plan.runId}` : '';
  return `<!-- gatehouse:reviewed head=${plan.headSha} config-hash=${plan.configHash} checksum=${plan.checksum}${run} -->`;
}

export function parseReviewedPlanRecord(body: string): ReviewedPlan | undefined {
  const m = RECORD.exec(body);
  if (!m) return undefined;
  return { headSha: m[1]!, configHash: m[2]!, checksum: m[3]!, ...(m[4] ? { runId: m[4] } : {}) };
}

const AUTO_APPROVE_HINT =
  'merge the change through a pull request whose gatehouse plan ran, or use `auto-approve: true` to plan and apply at once';

/** The merged pull request the pushed commit came from. */
async function mergedPullRequest(github: GitHubApi, sha: string): Promise<PullRequest> {
  const merged = (await github.pullRequestsForCommit(sha)).find((pr) => pr.merged_at);
  if (!merged) {
    throw new UnreviewedPlanError(
      `commit ${sha} is not from a merged pull request: there is no reviewed plan to apply`,
      [AUTO_APPROVE_HINT],
    );
  }
  return merged;
}

/** Only a comment written by a bot (the workflow's token) counts: anyone can type a marker into a comment. */
export function fromBot(comment: IssueComment): boolean {
  return comment.user?.type === 'Bot';
}

/** Finds the plan reviewed on the merged PR of `sha`, checked to be the plan of the PR's last commit. */
export async function findReviewedPlan(
  github: GitHubApi,
  sha: string,
  marker: string,
): Promise<{ pullRequest: number; reviewed: ReviewedPlan }> {
  const pr = await mergedPullRequest(github, sha);
  const comments = (await github.listIssueComments(pr.number, marker)).filter(fromBot);
  const reviewed = comments.map((c) => parseReviewedPlanRecord(c.body ?? '')).find((r) => r !== undefined);
  if (!reviewed) {
    throw new UnreviewedPlanError(
      `pull request #${pr.number} has no gatehouse plan comment: the merged change was never planned for review`,
      [AUTO_APPROVE_HINT],
    );
  }
  const head = pr.head?.sha;
  if (head && head !== reviewed.headSha) {
    throw new UnreviewedPlanError(
      `the plan comment on pull request #${pr.number} is for commit ${reviewed.headSha}, but the pull request was merged at ${head}: its last commit was never planned for review`,
      ['push to a new pull request so that the plan runs on the final commit, then merge it'],
    );
  }
  return { pullRequest: pr.number, reviewed };
}

/** Refuses a plan file whose checksum or config hash is not the reviewed plan's, naming what differs. */
export function assertIsReviewedPlan(
  file: { path: string; checksum: unknown; configHash: unknown },
  reviewed: ReviewedPlan,
  pullRequest: number,
): void {
  const differs: string[] = [];
  if (file.configHash !== reviewed.configHash) {
    differs.push(`config hash ${String(file.configHash)}, reviewed ${reviewed.configHash}`);
  }
  if (file.checksum !== reviewed.checksum)
    differs.push(`checksum ${String(file.checksum)}, reviewed ${reviewed.checksum}`);
  if (differs.length > 0) {
    throw new UnreviewedPlanError(
      `${file.path} is not the plan reviewed on pull request #${pullRequest} (${differs.join('; ')})`,
      [`download the gatehouse-plan artifact of pull request #${pullRequest}'s last plan run and apply that file`],
    );
  }
}
