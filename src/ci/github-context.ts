/** @module What a GitHub Actions runner tells a step through its environment, read and checked once. */

import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';

export interface GitHubContext {
  eventName: string;
  /** The pull request number, on pull_request and pull_request_target events. */
  pullRequest: number | undefined;
  /** The commit the PR head (or the push) points at. */
  sha: string | undefined;
  repository: string | undefined;
  apiUrl: string;
  /** Link to this run, for "the full plan is …" (server/repo/actions/runs/id). */
  runUrl: string | undefined;
  /** GITHUB_RUN_ID: the plan comment records it so apply can download that run's plan artifact. */
  runId: string | undefined;
  token: string | undefined;
  outputFile: string | undefined;
  summaryFile: string | undefined;
}

type Event = { pull_request?: { number?: unknown; head?: { sha?: unknown } } };

function readEvent(path: string | undefined): Event {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Event;
  } catch (error) {
    throw new UsageError(`GITHUB_EVENT_PATH ${path} is not a readable JSON event payload: ${(error as Error).message}`);
  }
}

/** The token: the `--github-token` option (the action's input), else GITHUB_TOKEN. */
export function readGitHubContext(env: NodeJS.ProcessEnv, token?: string): GitHubContext {
  const event = readEvent(env.GITHUB_EVENT_PATH || undefined);
  const number = event.pull_request?.number;
  const headSha = event.pull_request?.head?.sha;
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    pullRequest: typeof number === 'number' ? number : undefined,
    sha: typeof headSha === 'string' ? headSha : env.GITHUB_SHA || undefined,
    repository: env.GITHUB_REPOSITORY || undefined,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    runUrl:
      env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined,
    runId: /^\d+$/.test(env.GITHUB_RUN_ID ?? '') ? env.GITHUB_RUN_ID : undefined,
    token: token || env.GITHUB_TOKEN || undefined,
    outputFile: env.GITHUB_OUTPUT || undefined,
    summaryFile: env.GITHUB_STEP_SUMMARY || undefined,
  };
}
