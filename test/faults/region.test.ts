/**
 * Wrong regions (issue #7 item 3), through the built CLI on a day1 sandbox (Identity Center in
 * eu-west-1): a malformed `--region` is a usage error before anything is called; a region that
 * contradicts the config is refused (it would make every answer about the wrong region); a valid
 * region without the instance is reported as exactly that; an unknown but well-formed one warns.
 */

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from '../helpers/run-cli.js';
import { expectNoCrash, expectOneClearError, prepareSandbox, recordedCalls, STARTUP_YAML, tempDir } from './helpers.js';

const tmp = tempDir('region');
beforeAll(() => ensureBuilt(), 180_000);
afterAll(() => tmp.cleanup());

const day1 = (name: string) => prepareSandbox(join(tmp.dir, `${name}.json`), { scenario: 'day1' });

describe.concurrent('wrong region', () => {
  it.each([['moon'], ['eu-west-1; rm -rf /'], ['EU-WEST-1'], ['']])(
    'a malformed --region %j: exit 2 before any AWS call',
    async (region) => {
      const state = await day1(`malformed-${Buffer.from(region).toString('hex')}`);
      const run = await runCli(['audit', '--sandbox', state, '--region', region]);
      expectOneClearError(run, 2, /^error: invalid --region ".*": expected an AWS region name such as eu-west-1$/);
      expect(recordedCalls(state)).toEqual([]);
    },
  );

  it.each([
    ['plan', ['plan', '-c', STARTUP_YAML]],
    ['apply', ['apply', '-c', STARTUP_YAML, '--yes']],
    ['audit', ['audit', '-c', STARTUP_YAML]],
  ])('%s: --region that contradicts identityCenter.region is refused (exit 2), nothing called', async (name, args) => {
    const state = await day1(`conflict-${name}`);
    const run = await runCli([...args, '--sandbox', state, '--region', 'us-west-2']);
    expectOneClearError(
      run,
      2,
      /^error: --region us-west-2 contradicts identityCenter\.region eu-west-1 in .*startup\.yaml$/,
    );
    expect(run.stderr).toContain('leave out --region (gatehouse uses eu-west-1)');
    expect(recordedCalls(state)).toEqual([]);
  });

  it('a real region without the instance: the audit says where it looked', async () => {
    const state = await day1('elsewhere');
    const report = join(tmp.dir, 'elsewhere-report.json');
    const run = await runCli(['audit', '--sandbox', state, '--region', 'us-west-2', '--format', 'json', '-o', report]);
    expect(run.code, run.stderr).toBe(1);
    expectNoCrash(run);
    const { results } = (await import(report, { with: { type: 'json' } })).default as {
      results: { checkId: string; status: string; reason: string }[];
    };
    expect(results.find((r) => r.checkId === 'identity-center.enabled')).toMatchObject({
      status: 'fail',
      reason: 'No IAM Identity Center instance was found (looked in us-west-2).',
    });
    // Only us-west-2 was asked (no probing of other regions when the region is given).
    const regions = new Set(
      recordedCalls(state)
        .filter((c) => c.service === 'sso-admin')
        .map((c) => c.region),
    );
    expect(regions).toEqual(new Set(['us-west-2']));
  });

  it('a well-formed region gatehouse does not know: a warning, then the run', async () => {
    const state = await day1('unknown');
    const run = await runCli(['audit', '--sandbox', state, '--region', 'xx-north-9', '--check', 'identity-center.']);
    expectNoCrash(run);
    expect(run.stderr).toContain(
      'warning: --region xx-north-9 is not an AWS region gatehouse knows (a typo? IAM Identity Center regions look like eu-west-1, us-east-2)',
    );
    expect(run.stdout).toContain('looked in xx-north-9');
  });
});
