/**
 * The plan lists every console-only step the audit would fail on (issue 15, build 6), IAM users'
 * console passwords included: on the `fresh` sandbox the plan names the IAM user the audit fails
 * `iam.no-console-users` on, with the check's console path; following that step (the sandbox
 * console) makes the plan drop it and the check pass.
 */

import { describe, expect, it } from 'vitest';
import { harness } from '../../src/apply/test-support.test-helpers.js';
import { findCheck } from '../../src/checks/catalog.js';
import { defaultBaseline } from '../../src/config/baseline.js';
import type { PlanDocument } from '../../src/plan/actions.js';
import { CONSOLE_STEP_HELP } from '../../src/sandbox/console-steps.js';
import { runAudit } from '../../src/workflows/audit-workflow.js';
import { planFromConfig } from '../../src/workflows/plan-workflow.js';

const CHECK = 'iam.no-console-users';
const STEP = 'disable-iam-user-console-access';

describe('plan on the fresh sandbox: IAM users’ console passwords', () => {
  it('lists the step the audit fails on; doing it drops the step and the check passes', async () => {
    const h = harness({ scenario: 'fresh' });
    const desired = defaultBaseline();
    const plan = async (): Promise<PlanDocument> =>
      (await planFromConfig({ desired, session: h.session, host: h.host })).plan;
    const audit = async () => {
      const { report } = await runAudit({
        desired,
        host: h.host,
        now: new Date(h.clock.now()).toISOString(),
        toolVersion: 'test',
        checks: [CHECK],
        source: { session: h.session, region: 'eu-west-1' },
      });
      return report.results.filter((r) => r.checkId === CHECK);
    };

    const failing = (await audit()).filter((r) => r.status === 'fail');
    expect(failing.map((r) => r.resource)).toEqual(['arn:aws:iam::111111111111:user/admin']);

    const first = await plan();
    const step = first.manualSteps.find((s) => s.id === STEP);
    expect(step, 'the plan lists the console password as a manual step').toBeDefined();
    if (!step) return;
    // The resources the audit fails on, with the check's console path for each.
    expect(step.resources).toEqual(failing.map((r) => r.resource));
    const checkPath = (findCheck(CHECK)?.remediation.console ?? '').split(' → select the user → ')[1]?.split('. ')[0];
    expect(checkPath).toBe('Security credentials → Console sign-in → Manage console access → Disable');
    expect(step.consoleSteps).toContain(`IAM console → Users → admin → ${checkPath}.`);
    expect(CONSOLE_STEP_HELP[STEP].console).toContain(checkPath);
    expect(first.summary.manual).toBe(first.manualSteps.length);

    // Follow the step: the sandbox console, once per user it names (as `gatehouse demo` does).
    for (const arn of step.resources ?? []) {
      const result = h.sandbox.console(STEP, { userName: arn.slice(arn.lastIndexOf('/') + 1) });
      expect(result.changed).toBe(true);
    }

    // Its `verify`: plan again (the step is gone, the others stay) and the check passes.
    expect(step.verify).toContain('gatehouse plan');
    const second = await plan();
    expect(second.manualSteps.map((s) => s.id)).toEqual(first.manualSteps.map((s) => s.id).filter((id) => id !== STEP));
    expect([...new Set((await audit()).map((r) => r.status))]).toEqual(['pass']);
  }, 30_000);
});
