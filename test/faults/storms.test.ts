/**
 * Throttling and 5xx storms (issue #7 item 3), with the sandbox's `faults` knob.
 *
 * - Through the built CLI: a storm that the retries outlast — audit and plan complete as if nothing
 *   happened, and the call record shows the refused attempts.
 * - In process, through the real command modules, session and SDK retry loop on a virtual clock
 *   (the full retry budget is minutes of backoff): a storm that outlasts every retry. Audit keeps
 *   its honesty contract (the affected checks report `error` naming the throttling, one closing
 *   warning, exit 1); plan stops with exit 3 and one line saying AWS kept throttling; apply reports
 *   the actions that could not be done (exit 5). Never a crash or a stack trace.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as runApply } from '../../src/cli/commands/apply.js';
import { run as runAudit } from '../../src/cli/commands/audit.js';
import { run as runPlan } from '../../src/cli/commands/plan.js';
import { reportError } from '../../src/cli/report-error.js';
import { ExitCode } from '../../src/errors.js';
import { type KnobsPatch, openSandboxFile, readStateFile, type ScenarioName } from '../../src/sandbox/index.js';
import { VirtualClock } from '../../src/util/clock.js';
import { testContext } from '../helpers/cli-context.js';
import { ensureBuilt, runCli } from '../helpers/run-cli.js';
import { expectNoCrash, prepareSandbox, recordedCalls, STARTUP_YAML, tempDir } from './helpers.js';

const tmp = tempDir('storms');
beforeAll(() => ensureBuilt(), 180_000);
afterAll(() => tmp.cleanup());

describe.concurrent('storms the retries outlast (built CLI)', () => {
  it('audit under a throttle storm on every API completes with every check judged', async () => {
    const state = await prepareSandbox(join(tmp.dir, 'throttle-audit.json'), {
      scenario: 'day1',
      knobs: { faults: [{ operation: '*', kind: 'throttle', probability: 1, remaining: 12 }] },
    });
    const report = join(tmp.dir, 'throttle-report.json');
    const run = await runCli(['audit', '-c', STARTUP_YAML, '--sandbox', state, '--format', 'json', '-o', report]);
    expectNoCrash(run);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(report, 'utf8')) as { summary: { byStatus: Record<string, number> } };
    expect(doc.summary.byStatus.error).toBe(0);
    const throttled = recordedCalls(state).filter((c) => c.throttled);
    expect(throttled).toHaveLength(12);
    // Each service's own throttling error (Organizations: TooManyRequestsException; IAM/STS: Throttling).
    for (const call of throttled)
      expect(call.outcome).toMatch(/^(ThrottlingException|Throttling|TooManyRequestsException)$/);
  });

  it('plan under a 5xx storm on every API completes (no changes on day1)', async () => {
    const state = await prepareSandbox(join(tmp.dir, 'server-plan.json'), {
      scenario: 'day1',
      knobs: { faults: [{ operation: '*', kind: 'server-error', probability: 1, remaining: 12 }] },
    });
    const run = await runCli(['plan', '-c', STARTUP_YAML, '--sandbox', state, '--detailed-exitcode']);
    expectNoCrash(run);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('No changes. AWS matches the configuration.');
    const serverErrors = recordedCalls(state).filter((c) =>
      /^(InternalServerException|ServiceException|ServiceFailure|InternalFailure)$/.test(c.outcome),
    );
    expect(serverErrors).toHaveLength(12);
  });
});

/** A state file on the test's virtual clock, for the in-process runs. */
async function virtualSandbox(name: string, scenario: ScenarioName, clock: VirtualClock, knobs?: KnobsPatch) {
  const path = join(tmp.dir, `${name}.json`);
  const file = await openSandboxFile(path, {
    clock,
    create: { scenario, overwrite: true, knobs: { recordCallsInState: true, ...knobs } },
  });
  file.close();
  return path;
}

/** What the CLI prints for an error, and its exit code. */
function printed(error: unknown): { code: number; text: string } {
  let text = '';
  const code = reportError(error, { color: false, debug: false, write: (t) => (text += t) });
  return { code, text };
}

const THROTTLE_ALL_SSO: KnobsPatch = { faults: [{ operation: 'sso-admin:*', kind: 'throttle', probability: 1 }] };
const FIVE_XX_ALL_SSO: KnobsPatch = { faults: [{ operation: 'sso-admin:*', kind: 'server-error', probability: 1 }] };

describe('storms that outlast every retry (in process, virtual clock)', () => {
  it.each([
    [
      'throttle',
      THROTTLE_ALL_SSO,
      /AWS kept throttling sso:ListInstances after 8 extra rounds of retries \(ThrottlingException\)/,
    ],
    ['5xx', FIVE_XX_ALL_SSO, /sso:ListInstances failed \(InternalServerException, HTTP 500\)/],
  ])('audit (%s): the Identity Center checks report error, the run goes on, exit 1', async (kind, knobs, reason) => {
    const clock = new VirtualClock();
    const state = await virtualSandbox(`audit-${kind}`, 'day1', clock, knobs);
    const output = join(tmp.dir, `audit-${kind}-report.json`);
    const ctx = testContext({ clock, cwd: tmp.dir, globals: { sandbox: state } });
    const code = await runAudit({ config: STARTUP_YAML, format: 'json', output, failOn: 'high' }, ctx);
    expect(code).toBe(ExitCode.Findings);
    const doc = JSON.parse(readFileSync(output, 'utf8')) as {
      results: { checkId: string; status: string; reason: string }[];
    };
    const enabled = doc.results.find((r) => r.checkId === 'identity-center.enabled');
    expect(enabled?.status).toBe('error');
    expect(enabled?.reason).toMatch(reason);
    // What needs no Identity Center call was judged.
    expect(doc.results.find((r) => r.checkId === 'organization.all-features')?.status).toBe('pass');
    if (kind === 'throttle') {
      const warnings = ctx.host.events.filter((e) => e.type === 'log' && e.code === 'audit.unreadable-facts');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({
        level: 'warn',
        message: expect.stringMatching(
          /^AWS kept throttling \d+ reads after every retry: .* run the audit again later$/,
        ),
      });
    }
    // Retried within the budget, then given up: bounded, not endless.
    const attempts = readStateFile(state).calls?.filter((c) => c.operation === 'ListInstances') ?? [];
    expect(attempts.length).toBeGreaterThan(3);
    expect(attempts.length).toBeLessThanOrEqual(27);
  });

  it.each([
    [
      'throttle',
      THROTTLE_ALL_SSO,
      /^error: cannot plan: could not read identity-center\.instance: AWS kept throttling sso:ListInstances/,
    ],
    [
      '5xx',
      FIVE_XX_ALL_SSO,
      /^error: cannot plan: could not read identity-center\.instance: sso:ListInstances failed \(InternalServerException/,
    ],
  ])('plan (%s): exit 3 with one line', async (kind, knobs, line) => {
    const clock = new VirtualClock();
    const state = await virtualSandbox(`plan-${kind}`, 'day1', clock, knobs);
    const ctx = testContext({ clock, cwd: tmp.dir, globals: { sandbox: state } });
    const error = await runPlan({ config: STARTUP_YAML }, ctx).catch((e: unknown) => e);
    const { code, text } = printed(error);
    expect(code).toBe(ExitCode.Aws);
    const lines = text.split('\n').filter(Boolean);
    expect(lines.filter((l) => l.startsWith('error:'))).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    expect(text).not.toMatch(/\n\s+at /);
    expect(ctx.output()).toBe('');
  });

  it('apply: writes throttled past every retry fail their actions (exit 5, state reported), nothing crashes', async () => {
    const clock = new VirtualClock();
    const state = await virtualSandbox('apply-throttle', 'org', clock, {
      faults: [{ operation: 'CreatePermissionSet', kind: 'throttle', probability: 1 }],
    });
    const ctx = testContext({ clock, cwd: tmp.dir, globals: { sandbox: state } });
    const error = await runApply({ config: STARTUP_YAML, yes: true }, ctx).catch((e: unknown) => e);
    const { code, text } = printed(error);
    expect(code).toBe(ExitCode.PartialApply);
    expect(text.split('\n')[0]).toBe('error: apply failed part-way (1 done, 2 failed, 1 not done)');
    expect(text).toContain(
      '  failed: permission-set/Admin: AWS kept throttling sso:CreatePermissionSet after 8 extra rounds of retries (ThrottlingException)',
    );
    expect(text).toContain('  not done (1): assignment/Admin/user:ismail/111111111111');
    const instance = Object.values(readStateFile(state).instances)[0];
    expect(Object.keys(instance?.permissionSets ?? {})).toEqual([]);
  });
});
