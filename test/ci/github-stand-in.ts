/**
 * @module A local stand-in for the few GitHub REST endpoints gatehouse uses (issue comments, issues),
 * and the pull requests of a commit, on 127.0.0.1 with an ephemeral port. Records every request, keeps
 * state in memory, checks the token; comments made with the token are written by github-actions[bot].
 */

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

interface Comment {
  id: number;
  body: string;
  user: { login: string; type: 'Bot' | 'User' };
}
const ACTIONS_BOT = { login: 'github-actions[bot]', type: 'Bot' } as const;
interface PullRequest {
  number: number;
  state: 'closed';
  merged_at: string;
  head: { sha: string };
  merge_commit_sha: string;
}
interface Issue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason?: string;
  comments: Comment[];
}

export interface GitHubStandIn {
  url: string;
  requests: RecordedRequest[];
  comments(issue: number): Comment[];
  issues: Issue[];
  /** Records a merged pull request: `mergeSha` is the commit its merge pushed to the default branch. */
  mergePullRequest(pr: { number: number; headSha: string; mergeSha: string }): void;
  /** A comment written by someone else (a person, when `type` is User), as the UI would post it. */
  addComment(issue: number, body: string, user: { login: string; type: 'Bot' | 'User' }): void;
  /** Answer the next `n` requests with this status (to test retries and failures). */
  failNext(status: number, n?: number): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

export async function startGitHubStandIn(options: { repository: string; token: string }): Promise<GitHubStandIn> {
  const requests: RecordedRequest[] = [];
  const threads = new Map<number, Comment[]>();
  const issues: Issue[] = [];
  const pulls: PullRequest[] = [];
  let nextId = 1000;
  let failures: { status: number; left: number } = { status: 0, left: 0 };
  const prefix = `/repos/${options.repository}`;

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push({
      method: req.method ?? '',
      path: url.pathname + url.search,
      authorization: req.headers.authorization,
      body,
    });
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (failures.left > 0) {
      failures.left--;
      return send(failures.status, { message: 'injected failure' });
    }
    if (req.headers.authorization !== `Bearer ${options.token}`) return send(401, { message: 'Bad credentials' });
    if (!url.pathname.startsWith(prefix)) return send(404, { message: 'Not Found' });
    const path = url.pathname.slice(prefix.length);
    const page = Number(url.searchParams.get('page') ?? '1');
    const perPage = Number(url.searchParams.get('per_page') ?? '30');
    const paged = <T>(items: T[]) => items.slice((page - 1) * perPage, page * perPage);
    const input = (body ?? {}) as { body?: string; title?: string; state?: 'open' | 'closed'; state_reason?: string };

    let m = /^\/issues\/(\d+)\/comments$/.exec(path);
    if (m) {
      const issue = Number(m[1]);
      const thread = threads.get(issue) ?? [];
      threads.set(issue, thread);
      if (req.method === 'GET') return send(200, paged(thread));
      if (req.method === 'POST') {
        const comment: Comment = { id: nextId++, body: input.body ?? '', user: ACTIONS_BOT };
        thread.push(comment);
        return send(201, comment);
      }
    }
    m = /^\/issues\/comments\/(\d+)$/.exec(path);
    if (m && req.method === 'PATCH') {
      const comment = [...threads.values()].flat().find((c) => c.id === Number(m![1]));
      if (!comment) return send(404, { message: 'Not Found' });
      comment.body = input.body ?? comment.body;
      return send(200, comment);
    }
    m = /^\/commits\/([0-9a-f]{40})\/pulls$/.exec(path);
    if (m && req.method === 'GET') {
      return send(200, paged(pulls.filter((p) => p.merge_commit_sha === m![1] || p.head.sha === m![1])));
    }
    if (path === '/issues') {
      if (req.method === 'GET') {
        const state = url.searchParams.get('state') ?? 'open';
        return send(200, paged(issues.filter((i) => state === 'all' || i.state === state)));
      }
      if (req.method === 'POST') {
        const issue: Issue = {
          number: nextId++,
          title: input.title ?? '',
          body: input.body ?? '',
          state: 'open',
          comments: [],
        };
        issues.push(issue);
        threads.set(issue.number, issue.comments);
        return send(201, issue);
      }
    }
    m = /^\/issues\/(\d+)$/.exec(path);
    if (m && req.method === 'PATCH') {
      const issue = issues.find((i) => i.number === Number(m![1]));
      if (!issue) return send(404, { message: 'Not Found' });
      if (input.body !== undefined) issue.body = input.body;
      if (input.state) issue.state = input.state;
      if (input.state_reason) issue.state_reason = input.state_reason;
      return send(200, issue);
    }
    return send(404, { message: 'Not Found' });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    comments: (issue) => threads.get(issue) ?? [],
    issues,
    mergePullRequest: ({ number, headSha, mergeSha }) => {
      pulls.push({
        number,
        state: 'closed',
        merged_at: '2026-01-01T00:00:00Z',
        head: { sha: headSha },
        merge_commit_sha: mergeSha,
      });
    },
    addComment: (issue, body, user) => {
      const thread = threads.get(issue) ?? [];
      threads.set(issue, thread);
      thread.push({ id: nextId++, body, user });
    },
    failNext: (status, n = 1) => {
      failures = { status, left: n };
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
}
