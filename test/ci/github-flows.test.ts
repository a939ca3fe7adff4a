/**
 * @module The GitHub Action's flows (`gatehouse ci github …`) with the environment a runner sets
 * (event payload, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY) against a local GitHub stand-in and a sandbox.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CiCommandOptions, run } from '../../src/cli/commands/ci.js';
import { SMALL_CONFIG, workspace } from '../../src/cli/commands/plan-apply.test-helpers.js';
import { reportError } from '../../src/cli/report-error.js';
import { testContext } from '../helpers/cli-context.js';
import { type GitHubStandIn, startGitHubStandIn } from './github-stand-in.js';

const REPOSITORY = 'acme/infra';
const TOKEN = 'ghs_S3cretTokenThatMustNeverBePrinted0001';
const HEAD_SHA = 'a'.repeat(40);

let github: GitHubStandIn;
beforeAll(async () => {
  github = await startGitHubStandIn({ repository: REPOSITORY, token: TOKEN });
});
afterAll(() => github.close());

type Workspace = Awaited<ReturnType<typeof workspace>>;

/** The environment of a runner job; `pr` and `sha` set the pull request number and head (or pushed) commit. */
function runnerEnv(
  w: Workspace,
  event: 'pull_request' | 'push' | 'schedule',
  { pr = 7, sha = event === 'pull_request' ? HEAD_SHA : 'b'.repeat(40) } = {},
): NodeJS.ProcessEnv {
  const eventPath = join(w.dir, 'event.json');
  writeFileSync(
    eventPath,
    JSON.stringify(event === 'pull_request' ? { pull_request: { number: pr, head: { sha } } } : {}),
  );
  for (const f of ['output.txt', 'summary.md']) writeFileSync(join(w.dir, f), '');
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: join(w.dir, 'output.txt'),
    GITHUB_STEP_SUMMARY: join(w.dir, 'summary.md'),
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_API_URL: github.url,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '42',
    GITHUB_SHA: event === 'pull_request' ? 'c'.repeat(40) : sha,
    GITHUB_TOKEN: TOKEN,
  };
}

async function ci(
  w: Workspace,
  env: NodeJS.ProcessEnv,
  options: Partial<CiCommandOptions> & Pick<CiCommandOptions, 'command'>,
) {
  const ctx = testContext({ cwd: w.dir, clock: w.clock, env, globals: { sandbox: w.sandbox } });
  let stderr = '';
  let exitCode: number;
  try {
    exitCode = await run(
      { planFile: 'gatehouse-plan.json', failOn: 'high', sarif: 'gatehouse.sarif', ...options },
      ctx,
    );
  } catch (error) {
    exitCode = reportError(error, { color: false, debug: false, write: (t) => (stderr += t) });
  }
  const outputs = Object.fromEntries(
    readFileSync(join(w.dir, 'output.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const printed = `${ctx.output()}${ctx.notes.join('\n')}${stderr}${JSON.stringify(ctx.host.events)}`;
  expect(printed).not.toContain(TOKEN);
  return { exitCode, outputs, stdout: ctx.output(), stderr, summary: readFileSync(join(w.dir, 'summary.md'), 'utf8') };
}

describe('gatehouse ci github plan (pull request)', () => {
  it('writes the summary and outputs, and a second run updates the same PR comment', async () => {
    const w = await workspace();
    const env = runnerEnv(w, 'pull_request');
    const first = await ci(w, env, { command: 'plan' });
    expect(first.exitCode).toBe(0);
    expect(first.outputs).toMatchObject({
      'exit-code': '1',
      changes: 'true',
      'plan-path': join(w.dir, 'gatehouse-plan.json'),
    });
    expect(first.summary.split('\n')[0]).toBe('**gatehouse plan:** 6 to add, 0 to change, 0 to destroy, 0 manual');
    expect(first.stdout).toContain('+ permission-set/Admin');

    const thread = github.comments(7);
    expect(thread).toHaveLength(1);
    expect(thread[0]!.body).toContain('<!-- gatehouse:plan config=gatehouse.yaml -->');
    expect(thread[0]!.body).toContain('6 to add');
    expect(thread[0]!.body).toContain(`Planned at ${HEAD_SHA}`);
    expect(thread[0]!.body).toContain('https://github.example/acme/infra/actions/runs/42');

    writeFileSync(join(w.dir, 'gatehouse.yaml'), SMALL_CONFIG.replace('[management, dev]', '[management]'));
    const second = await ci(w, runnerEnv(w, 'pull_request'), { command: 'plan' });
    expect(second.exitCode).toBe(0);
    expect(github.comments(7)).toHaveLength(1);
    expect(github.comments(7)[0]!.id).toBe(thread[0]!.id);
    expect(github.comments(7)[0]!.body).toContain('5 to add');
    const writes = github.requests.filter((r) => r.method !== 'GET' && r.path.includes('/issues/'));
    expect(writes.map((r) => r.method)).toEqual(['POST', 'PATCH']);
    for (const r of github.requests) expect(r.authorization).toBe(`Bearer ${TOKEN}`);
  });
});

describe('gatehouse ci github plan: whose comment it updates', () => {
  it("leaves a person's comment that quotes the marker alone and writes its own", async () => {
    const w = await workspace();
    const quoted = '<!-- gatehouse:plan config=gatehouse.yaml --> quoted by a reviewer';
    github.addComment(30, quoted, { login: 'mallory', type: 'User' });
    expect((await ci(w, runnerEnv(w, 'pull_request', { pr: 30 }), { command: 'plan' })).exitCode).toBe(0);
    expect((await ci(w, runnerEnv(w, 'pull_request', { pr: 30 }), { command: 'plan' })).exitCode).toBe(0);
    const thread = github.comments(30);
    expect(thread.map((c) => c.user.type)).toEqual(['User', 'Bot']);
    expect(thread[0]!.body).toBe(quoted);
    expect(thread[1]!.body).toContain('6 to add');
  });
});

describe('gatehouse ci github apply (default branch)', () => {
  /** A PR plan comment at `head`, then the PR merged as commit `merge`. */
  async function reviewAndMerge(w: Workspace, pr: number, head: string, merge: string) {
    expect((await ci(w, runnerEnv(w, 'pull_request', { pr, sha: head }), { command: 'plan' })).exitCode).toBe(0);
    github.mergePullRequest({ number: pr, headSha: head, mergeSha: merge });
    return runnerEnv(w, 'push', { sha: merge });
  }

  it('applies the reviewed plan found from the pushed commit, and refuses it when the config changed after review', async () => {
    const reviewed = await workspace();
    const push = await reviewAndMerge(reviewed, 21, '1'.repeat(40), '2'.repeat(40));
    const comment = github.comments(21)[0]!.body;
    expect(comment).toMatch(
      /<!-- gatehouse:reviewed head=1{40} config-hash=\S+ checksum=sha256:[0-9a-f]{64} run=42 -->/,
    );

    // A commit after the review changes the config: the reviewed plan no longer describes it.
    writeFileSync(join(reviewed.dir, 'gatehouse.yaml'), SMALL_CONFIG.replace('PT4H', 'PT12H'));
    const refused = await ci(reviewed, push, { command: 'apply' });
    expect(refused.exitCode).toBe(4);
    expect(refused.outputs['exit-code']).toBe('4');
    expect(refused.summary).toContain('gatehouse apply refused or failed');
    expect(refused.stderr).toMatch(/config/i);

    // With the config as reviewed, the same plan applies; a second plan then has nothing to do.
    writeFileSync(join(reviewed.dir, 'gatehouse.yaml'), SMALL_CONFIG);
    const applied = await ci(reviewed, runnerEnv(reviewed, 'push', { sha: '2'.repeat(40) }), { command: 'apply' });
    expect(applied.exitCode).toBe(0);
    expect(applied.outputs['exit-code']).toBe('0');
    expect(github.requests.map((r) => r.path)).toContain(`/repos/${REPOSITORY}/commits/${'2'.repeat(40)}/pulls`);
    const again = await ci(reviewed, runnerEnv(reviewed, 'push'), { command: 'plan' });
    expect(again.outputs.changes).toBe('false');
  });

  it('refuses a plan file that is not the one reviewed, naming what differs, and changes nothing', async () => {
    const w = await workspace();
    const push = await reviewAndMerge(w, 22, '3'.repeat(40), '4'.repeat(40));
    const artifact = readFileSync(join(w.dir, 'gatehouse-plan.json'), 'utf8'); // what the PR run uploaded
    // Another plan from the same config, made later: a valid plan file, but not the reviewed one.
    w.clock.advance(60_000);
    expect((await ci(w, runnerEnv(w, 'push'), { command: 'plan' })).exitCode).toBe(0);
    const later = await ci(w, push, { command: 'apply' });
    expect(later.exitCode).toBe(4);
    expect(later.stderr).toMatch(
      /gatehouse-plan\.json is not the plan reviewed on pull request #22 \(checksum sha256:/,
    );
    expect(later.stderr).not.toMatch(/config hash/);

    // A plan of another config: both the config hash and the checksum differ.
    writeFileSync(join(w.dir, 'gatehouse.yaml'), SMALL_CONFIG.replace('[management, dev]', '[management]'));
    expect((await ci(w, runnerEnv(w, 'push'), { command: 'plan' })).exitCode).toBe(0);
    const other = await ci(w, push, { command: 'apply' });
    expect(other.exitCode).toBe(4);
    expect(other.stderr).toMatch(/not the plan reviewed on pull request #22 \(config hash .*; checksum /);
    // Nothing was applied: the reviewed config still plans every change.
    writeFileSync(join(w.dir, 'gatehouse.yaml'), SMALL_CONFIG);
    expect((await ci(w, runnerEnv(w, 'push'), { command: 'plan' })).outputs.changes).toBe('true');
    // The hint: apply the artifact of the PR's plan run.
    expect(other.stderr).toContain("download the gatehouse-plan artifact of pull request #22's last plan run");
    writeFileSync(join(w.dir, 'gatehouse-plan.json'), artifact);
    expect((await ci(w, push, { command: 'apply' })).exitCode).toBe(0);
  });

  it('reviewed-plan names the run whose artifact is the reviewed plan, for the download step', async () => {
    const w = await workspace();
    const push = await reviewAndMerge(w, 26, 'd'.repeat(40), '0'.repeat(40));
    const found = await ci(w, push, { command: 'reviewed-plan' });
    expect(found.exitCode).toBe(0);
    expect(found.outputs).toMatchObject({
      'exit-code': '0',
      'pull-request': '26',
      'head-sha': 'd'.repeat(40),
      'run-id': '42',
    });
    expect(found.stdout).toContain('The plan reviewed on pull request #26');

    const none = await ci(w, runnerEnv(w, 'push', { sha: '5'.repeat(40) }), { command: 'reviewed-plan' });
    expect(none.exitCode).toBe(4);
    expect(none.outputs['exit-code']).toBe('4');
    expect(none.outputs['run-id']).toBeUndefined();
  });

  it('refuses a push that no merged pull request produced', async () => {
    const w = await workspace();
    expect((await ci(w, runnerEnv(w, 'push'), { command: 'plan' })).exitCode).toBe(0);
    const result = await ci(w, runnerEnv(w, 'push', { sha: '5'.repeat(40) }), { command: 'apply' });
    expect(result.exitCode).toBe(4);
    expect(result.outputs['exit-code']).toBe('4');
    expect(result.stderr).toContain(`commit ${'5'.repeat(40)} is not from a merged pull request`);
    expect(result.stderr).toContain('auto-approve: true');
  });

  it('refuses a merged pull request whose plan comment is missing, forged by a person, or not for its last commit', async () => {
    const w = await workspace();
    expect((await ci(w, runnerEnv(w, 'push'), { command: 'plan' })).exitCode).toBe(0);
    const plan = JSON.parse(readFileSync(join(w.dir, 'gatehouse-plan.json'), 'utf8')) as Record<string, string>;

    github.mergePullRequest({ number: 23, headSha: '6'.repeat(40), mergeSha: '7'.repeat(40) });
    // A person pastes a record matching the plan file: only a comment written by the workflow's bot counts.
    github.addComment(
      23,
      `<!-- gatehouse:plan config=gatehouse.yaml -->\n<!-- gatehouse:reviewed head=${'6'.repeat(40)} config-hash=${plan.configHash} checksum=${plan.checksum} -->`,
      { login: 'mallory', type: 'User' },
    );
    const forged = await ci(w, runnerEnv(w, 'push', { sha: '7'.repeat(40) }), { command: 'apply' });
    expect(forged.exitCode).toBe(4);
    expect(forged.stderr).toContain('pull request #23 has no gatehouse plan comment');

    // Planned at an earlier commit than the one merged.
    const push = await reviewAndMerge(w, 24, '8'.repeat(40), '9'.repeat(40));
    github.mergePullRequest({ number: 25, headSha: 'e'.repeat(40), mergeSha: 'f'.repeat(40) });
    for (const c of github.comments(24)) github.addComment(25, c.body, c.user);
    const stale = await ci(w, runnerEnv(w, 'push', { sha: 'f'.repeat(40) }), { command: 'apply' });
    expect(stale.exitCode).toBe(4);
    expect(stale.stderr).toContain(
      `is for commit ${'8'.repeat(40)}, but the pull request was merged at ${'e'.repeat(40)}`,
    );
    // The same file applies from the pull request it was reviewed on.
    expect((await ci(w, push, { command: 'apply' })).exitCode).toBe(0);
  });

  it('auto-approve plans and applies at once', async () => {
    const w = await workspace();
    const applied = await ci(w, runnerEnv(w, 'push'), { command: 'apply', autoApprove: true });
    expect(applied.exitCode).toBe(0);
    const again = await ci(w, runnerEnv(w, 'push'), { command: 'plan' });
    expect(again.outputs.changes).toBe('false');
  });
});

describe('gatehouse ci github drift (schedule)', () => {
  it('opens one issue on drift, updates it while drift remains, closes it when AWS matches again', async () => {
    const w = await workspace();
    const opened = await ci(w, runnerEnv(w, 'schedule'), { command: 'drift', failOn: 'never' });
    expect(opened.exitCode).toBe(1);
    expect(opened.outputs).toMatchObject({ changes: 'true', findings: '0' });
    const ours = () => github.issues.filter((i) => i.body.includes('<!-- gatehouse:drift config=gatehouse.yaml -->'));
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.state).toBe('open');
    expect(opened.summary).toContain('**gatehouse drift:** AWS differs from the config');

    const still = await ci(w, runnerEnv(w, 'schedule'), { command: 'drift', failOn: 'never' });
    expect(still.exitCode).toBe(1);
    expect(ours()).toHaveLength(1);

    expect((await ci(w, runnerEnv(w, 'push'), { command: 'apply', autoApprove: true })).exitCode).toBe(0);
    const clean = await ci(w, runnerEnv(w, 'schedule'), { command: 'drift', failOn: 'never' });
    expect(clean.exitCode).toBe(0);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.state).toBe('closed');
    expect(ours()[0]!.comments.at(-1)?.body).toContain('AWS matches the config again');
  });

  it('audit findings at or above --fail-on also open the issue', async () => {
    const w = await workspace();
    const result = await ci(w, runnerEnv(w, 'schedule'), { command: 'drift', failOn: 'low' });
    expect(result.exitCode).toBe(1);
    expect(Number(result.outputs.findings)).toBeGreaterThan(0);
  });
});

describe('gatehouse ci github audit and validate', () => {
  it('audit writes the SARIF log, the Markdown report to the summary and the findings count', async () => {
    const w = await workspace();
    const result = await ci(w, runnerEnv(w, 'push'), { command: 'audit', failOn: 'low' });
    expect(result.outputs['sarif-path']).toBe(join(w.dir, 'gatehouse.sarif'));
    const sarif = JSON.parse(readFileSync(join(w.dir, 'gatehouse.sarif'), 'utf8')) as { version: string };
    expect(sarif.version).toBe('2.1.0');
    expect(result.summary).toContain('passed');
    expect(result.exitCode).toBe(Number(result.outputs.findings) > 0 ? 1 : 0);
  });

  it('validate prints workflow commands for a broken config and exits 2', async () => {
    const w = await workspace();
    writeFileSync(join(w.dir, 'gatehouse.yaml'), 'version: 1\nusers:\n  ana: { emial: a@example.com }\n');
    const result = await ci(w, runnerEnv(w, 'pull_request'), { command: 'validate' });
    expect(result.exitCode).toBe(2);
    expect(result.outputs['exit-code']).toBe('2');
    expect(result.stdout).toMatch(/^::error file=gatehouse\.yaml,line=3,/m);
  });

  it('a GitHub failure is retried when transient and reported in one line when not', async () => {
    const w = await workspace();
    github.failNext(502, 1);
    expect((await ci(w, runnerEnv(w, 'pull_request'), { command: 'plan' })).exitCode).toBe(0);
    github.failNext(403, 1);
    const denied = await ci(w, runnerEnv(w, 'pull_request'), { command: 'plan' });
    expect(denied.exitCode).toBe(3);
    expect(denied.stderr).toMatch(/GitHub GET \/issues\/7\/comments answered 403/);
  });
});
