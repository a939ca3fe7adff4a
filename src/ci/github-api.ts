/**
 * @module The few GitHub REST endpoints the CI flows use (issue comments, issues, the pull requests of a commit), through global
 * fetch to GITHUB_API_URL. Transient failures (429, 5xx, network) are retried on the clock; the
 * token is sent only in the Authorization header and never appears in a message.
 */

import { ExitCode, GatehouseError } from '../errors.js';
import type { Clock } from '../util/clock.js';

export interface IssueComment {
  id: number;
  body?: string;
  /** Who wrote it: `type` is `Bot` for github-actions[bot] and GitHub Apps, `User` for people. */
  user?: { login?: string; type?: string };
}

/** The fields of a pull request the apply flow reads. */
export interface PullRequest {
  number: number;
  state?: string;
  merged_at?: string | null;
  head?: { sha?: string };
}

export interface Issue {
  number: number;
  state: 'open' | 'closed';
  title: string;
  body?: string;
  pull_request?: unknown;
}

export interface GitHubApiOptions {
  apiUrl: string;
  /** owner/name */
  repository: string;
  token: string;
  clock: Clock;
  userAgent: string;
}

const MAX_ATTEMPTS = 4;
const PAGE_SIZE = 100;
/** Pages read at most when searching for our marker (10,000 comments or issues). */
const MAX_PAGES = 100;

export class GitHubApiError extends GatehouseError {
  readonly status: number | undefined;
  constructor(message: string, status: number | undefined, hints: string[] = []) {
    super('github-api', message, ExitCode.Aws, 'user', { hints });
    this.status = status;
  }
}

function transient(status: number): boolean {
  return status === 429 || status >= 500;
}

export class GitHubApi {
  private readonly options: GitHubApiOptions;
  constructor(options: GitHubApiOptions) {
    this.options = options;
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.options.apiUrl.replace(/\/+$/, '')}/repos/${this.options.repository}${path}`;
    const what = `GitHub ${method} ${path.replace(/\?.*$/, '')}`;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${this.options.token}`,
            'x-github-api-version': '2022-11-28',
            'user-agent': this.options.userAgent,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        if (attempt < MAX_ATTEMPTS) {
          await this.options.clock.sleep(1000 * 2 ** attempt);
          continue;
        }
        throw new GitHubApiError(`${what} failed: ${(error as Error).message}`, undefined);
      }
      if (response.ok) return (await response.json()) as T;
      if (transient(response.status) && attempt < MAX_ATTEMPTS) {
        const retryAfter = Number(response.headers.get('retry-after'));
        await this.options.clock.sleep(retryAfter > 0 ? retryAfter * 1000 : 1000 * 2 ** attempt);
        continue;
      }
      throw new GitHubApiError(
        `${what} answered ${response.status} ${response.statusText}`.trim(),
        response.status,
        response.status === 401 || response.status === 403 || response.status === 404
          ? [
              'give the workflow `permissions: { pull-requests: write, issues: write }` and pass `github-token` (the default GITHUB_TOKEN works)',
            ]
          : [],
      );
    }
  }

  /** Every page of a list endpoint, stopping early at the first item `find` accepts. */
  private async findInPages<T>(path: string, find: (item: T) => boolean): Promise<T | undefined> {
    const separator = path.includes('?') ? '&' : '?';
    for (let page = 1; page <= MAX_PAGES; page++) {
      const items = await this.request<T[]>('GET', `${path}${separator}per_page=${PAGE_SIZE}&page=${page}`);
      const found = items.find(find);
      if (found) return found;
      if (items.length < PAGE_SIZE) return undefined;
    }
    return undefined;
  }

  /** Comments on `issue` that carry the marker, oldest first (every page). */
  async listIssueComments(issue: number, marker: string): Promise<IssueComment[]> {
    const found: IssueComment[] = [];
    await this.findInPages<IssueComment>(`/issues/${issue}/comments`, (c) => {
      if (c.body?.includes(marker)) found.push(c);
      return false;
    });
    return found;
  }

  /** The pull requests a commit belongs to (GET /repos/{owner}/{repo}/commits/{sha}/pulls). */
  pullRequestsForCommit(sha: string): Promise<PullRequest[]> {
    return this.request('GET', `/commits/${encodeURIComponent(sha)}/pulls`);
  }

  createIssueComment(issue: number, body: string): Promise<IssueComment> {
    return this.request('POST', `/issues/${issue}/comments`, { body });
  }

  updateIssueComment(id: number, body: string): Promise<IssueComment> {
    return this.request('PATCH', `/issues/comments/${id}`, { body });
  }

  /** An open issue (not a pull request) whose body carries the marker. */
  findOpenIssue(marker: string): Promise<Issue | undefined> {
    return this.findInPages<Issue>('/issues?state=open', (i) => !i.pull_request && i.body?.includes(marker) === true);
  }

  createIssue(title: string, body: string): Promise<Issue> {
    return this.request('POST', '/issues', { title, body });
  }

  updateIssue(
    issue: number,
    fields: { body?: string; state?: 'open' | 'closed'; state_reason?: 'completed' },
  ): Promise<Issue> {
    return this.request('PATCH', `/issues/${issue}`, fields);
  }
}
