/**
 * @module The built CLI as the Action runs it (`gatehouse ci github plan` in a child process) with a
 * runner's GITHUB_* environment against the local GitHub stand-in: the second run updates the one comment.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_CONFIG, workspace } from '../../src/cli/commands/plan-apply.test-helpers.js';
import { ensureBuilt, runCli } from '../helpers/run-cli.js';
import { type GitHubStandIn, startGitHubStandIn } from './github-stand-in.js';

const TOKEN = 'ghs_S3cretTokenThatMustNeverBePrinted0002';
let github: GitHubStandIn;

beforeAll(async () => {
  ensureBuilt();
  github = await startGitHubStandIn({ repository: 'acme/infra', token: TOKEN });
}, 300_000);
afterAll(() => github.close());

describe('gatehouse ci github plan (child process)', () => {
  it('comments once on the PR, updates that comment on the next push, writes outputs and never prints the token', async () => {
    const w = await workspace();
    writeFileSync(
      join(w.dir, 'event.json'),
      JSON.stringify({ pull_request: { number: 3, head: { sha: 'c'.repeat(40) } } }),
    );
    const env = {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: join(w.dir, 'event.json'),
      GITHUB_OUTPUT: join(w.dir, 'output.txt'),
      GITHUB_STEP_SUMMARY: join(w.dir, 'summary.md'),
      GITHUB_REPOSITORY: 'acme/infra',
      GITHUB_API_URL: github.url,
      GITHUB_TOKEN: TOKEN,
    };
    const first = await runCli(['ci', 'github', 'plan', '--sandbox', w.sandbox], { cwd: w.dir, env });
    expect(first.code, first.stderr).toBe(0);
    writeFileSync(join(w.dir, 'gatehouse.yaml'), SMALL_CONFIG.replace('[management, dev]', '[management]'));
    const second = await runCli(['ci', 'github', 'plan', '--sandbox', w.sandbox], { cwd: w.dir, env });
    expect(second.code, second.stderr).toBe(0);

    expect(github.comments(3)).toHaveLength(1);
    expect(github.comments(3)[0]!.body).toContain('5 to add');
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    const outputs = readFileSync(join(w.dir, 'output.txt'), 'utf8');
    expect(outputs).toContain('exit-code=1\nchanges=true\n');
    expect(readFileSync(join(w.dir, 'summary.md'), 'utf8')).toContain('**gatehouse plan:** 6 to add');
    for (const run of [first, second]) expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });
});
