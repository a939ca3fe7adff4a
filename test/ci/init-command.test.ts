/** @module `gatehouse init --yes` in an empty folder: the files it writes validate and parse, and name the OIDC provider and both roles. */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run as init } from '../../src/cli/commands/init.js';
import { run as validate } from '../../src/cli/commands/validate.js';
import { reportError } from '../../src/cli/report-error.js';
import { openSandboxFile } from '../../src/sandbox/index.js';
import { VirtualClock } from '../../src/util/clock.js';
import { testContext } from '../helpers/cli-context.js';

type Template = {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
};
type Trust = { Statement: { Principal: unknown; Condition: Record<string, Record<string, unknown>> }[] };

async function emptyDirWithSandbox() {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-init-'));
  const clock = new VirtualClock();
  const sandbox = join(mkdtempSync(join(tmpdir(), 'gatehouse-init-state-')), 'sandbox.json');
  (await openSandboxFile(sandbox, { clock, create: { scenario: 'day1' } })).close();
  return { dir, clock, sandbox };
}

describe('gatehouse init --yes', () => {
  it('with --sandbox: imports the config and writes a workflow and roles template that parse', async () => {
    const { dir, clock, sandbox } = await emptyDirWithSandbox();
    const ctx = testContext({ cwd: dir, clock, globals: { sandbox } });
    expect(await init({ yes: true, repository: 'acme/infra', branch: 'main' }, ctx)).toBe(0);
    const out = ctx.output();
    expect(out).toContain('imported from the live organization');
    expect(out).toMatch(/Next:\n {2}1\. .*\n {2}2\. .*\n {2}3\. /);

    // The config validates.
    const v = testContext({ cwd: dir, clock });
    expect(await validate({ config: 'gatehouse.yaml' }, v)).toBe(0);

    // The workflow parses and has the three flows.
    const wf = parse(readFileSync(join(dir, '.github/workflows/gatehouse.yml'), 'utf8')) as {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      jobs: Record<string, { steps: { id?: string; run?: string; uses?: string; with?: Record<string, string> }[] }>;
    };
    expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(['pull_request', 'push', 'schedule']));
    expect(wf.permissions['id-token']).toBe('write');
    expect(readFileSync(join(dir, '.github/workflows/gatehouse.yml'), 'utf8')).toContain(
      // A GitHub expression, not a JavaScript template.
      ['role-to-assume: $', '{{ vars.GATEHOUSE_APPLY_ROLE_ARN }}'].join(''),
    );
    expect(Object.keys(wf.jobs)).toEqual(['plan', 'apply', 'drift']);
    const runs = Object.values(wf.jobs).flatMap((j) => j.steps.map((s) => s.run ?? ''));
    expect(runs.some((r) => r.includes('ci github plan'))).toBe(true);
    expect(runs.some((r) => r.includes('ci github apply --plan-file gatehouse-plan.json'))).toBe(true);
    expect(runs.some((r) => r.includes('ci github drift'))).toBe(true);
    // Apply: gatehouse finds the reviewed plan's run, the standard action downloads that run's
    // artifact, and apply checks the file against the review. No shell glue in between.
    const applySteps = wf.jobs.apply!.steps;
    const find = applySteps.findIndex((s) => s.run?.includes('ci github reviewed-plan'));
    const download = applySteps.findIndex((s) => s.uses === 'actions/download-artifact@v4');
    const applyStep = applySteps.findIndex((s) => s.run?.includes('ci github apply'));
    expect(find).toBeGreaterThanOrEqual(0);
    expect([find < download, download < applyStep]).toEqual([true, true]);
    expect(applySteps[download]!.with).toMatchObject({
      name: 'gatehouse-plan',
      'run-id': ['$', `{{ steps.${applySteps[find]!.id}.outputs.run-id }}`].join(''),
    });
    expect(runs.some((r) => /\bgh (api|run)\b/.test(r))).toBe(false);

    // The template parses (long-form intrinsics) and names the provider and both roles.
    const template = parse(readFileSync(join(dir, 'ci/gatehouse-roles.cfn.yaml'), 'utf8')) as Template;
    const provider = template.Resources.GitHubOidcProvider!;
    expect(provider.Type).toBe('AWS::IAM::OIDCProvider');
    expect(provider.Properties.Url).toBe('https://token.actions.githubusercontent.com');
    const plan = template.Resources.GatehousePlanRole!.Properties;
    const apply = template.Resources.GatehouseApplyRole!.Properties;
    const planTrust = (plan.AssumeRolePolicyDocument as Trust).Statement[0]!;
    const applyTrust = (apply.AssumeRolePolicyDocument as Trust).Statement[0]!;
    expect(planTrust.Principal).toEqual({ Federated: { Ref: 'GitHubOidcProvider' } });
    expect(planTrust.Condition.StringLike).toEqual({
      'token.actions.githubusercontent.com:sub': ['repo:acme/infra:*'],
    });
    expect(applyTrust.Condition.StringEquals).toEqual({
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub': ['repo:acme/infra:ref:refs/heads/main'],
    });
    expect(JSON.stringify(plan.Policies)).toContain('gatehouse-audit');
    expect(JSON.stringify(apply.Policies)).toContain('gatehouse-apply');
  });

  it('--environment binds the apply role to that environment', async () => {
    const { dir, clock, sandbox } = await emptyDirWithSandbox();
    await init(
      { yes: true, repository: 'acme/infra', environment: 'aws-prod' },
      testContext({ cwd: dir, clock, globals: { sandbox } }),
    );
    const template = parse(readFileSync(join(dir, 'ci/gatehouse-roles.cfn.yaml'), 'utf8')) as Template;
    const trust = template.Resources.GatehouseApplyRole!.Properties.AssumeRolePolicyDocument as Trust;
    expect(trust.Statement[0]!.Condition.StringEquals!['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:acme/infra:environment:aws-prod',
    ]);
  });

  it('without AWS: the startup example, and a placeholder repository it tells you to replace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-init-'));
    const ctx = testContext({ cwd: dir });
    expect(await init({ yes: true }, ctx)).toBe(0);
    expect(ctx.output()).toContain('the startup example');
    expect(ctx.output()).toContain('replace OWNER/REPOSITORY');
    expect(readFileSync(join(dir, 'gatehouse.yaml'), 'utf8')).toBe(
      readFileSync(join(import.meta.dirname, '../../examples/startup.yaml'), 'utf8'),
    );
  });

  it('never overwrites without --force, and reads the repository from the origin remote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-init-'));
    writeFileSync(join(dir, 'gatehouse.yaml'), 'version: 1\n');
    let stderr = '';
    const code = await init({ yes: true }, testContext({ cwd: dir })).catch((e) =>
      reportError(e, { color: false, debug: false, write: (t) => (stderr += t) }),
    );
    expect(code).toBe(2);
    expect(stderr).toContain('gatehouse.yaml already exists');
    expect(readFileSync(join(dir, 'gatehouse.yaml'), 'utf8')).toBe('version: 1\n');

    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git', 'config'), '[remote "origin"]\n\turl = git@github.com:acme/access.git\n');
    expect(await init({ yes: true, force: true }, testContext({ cwd: dir }))).toBe(0);
    expect(readFileSync(join(dir, 'ci/gatehouse-roles.cfn.yaml'), 'utf8')).toContain('repo:acme/access:*');
  });
});
