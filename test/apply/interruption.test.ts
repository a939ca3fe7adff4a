/**
 * Resumability (issue #5 item 5): an apply that stops part-way — aborted at any point, or crashing
 * right after AWS accepted an asynchronous request — leaves AWS in a state from which the next plan +
 * apply converges, with no duplicates. The rerun starts while the dead run's requests may still be
 * in flight (IN_PROGRESS), as after a `kill -9`.
 */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executePlan } from '../../src/apply/executor.js';
import { HANDLERS } from '../../src/apply/handlers/index.js';
import { harness, instanceOf, liveAssignments } from '../../src/apply/test-support.test-helpers.js';
import type { Handler } from '../../src/apply/types.js';
import { run as runApply } from '../../src/cli/commands/apply.js';
import { run as runPlan } from '../../src/cli/commands/plan.js';
import { workspace } from '../../src/cli/commands/plan-apply.test-helpers.js';
import { reportError } from '../../src/cli/report-error.js';
import { loadConfig } from '../../src/config/index.js';
import { ExitCode, PartialApplyError } from '../../src/errors.js';
import { RecordingHost } from '../../src/events/events.js';
import type { DesiredState } from '../../src/model/desired.js';
import type { AssignmentAction } from '../../src/plan/actions.js';
import { applyPlan } from '../../src/workflows/apply-workflow.js';
import { planFromConfig } from '../../src/workflows/plan-workflow.js';
import { testContext } from '../helpers/cli-context.js';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/growing-org.yaml');

async function growingOrg(): Promise<DesiredState> {
  return (await loadConfig(EXAMPLE, { now: Date.UTC(2026, 10, 28) })).desired;
}

async function rerunConverges(h: ReturnType<typeof harness>, desired: DesiredState) {
  const { plan, snapshot } = await planFromConfig({ desired, session: h.session, host: h.host });
  const result = await applyPlan({
    plan,
    desired,
    session: h.session,
    host: h.host,
    interactive: false,
    yes: true,
    snapshot,
  });
  expect(result.failed).toEqual([]);
  expect((await planFromConfig({ desired, session: h.session, host: h.host })).plan.actions).toEqual([]);
  const instance = instanceOf(h.sandbox);
  const names = (list: (string | null)[]) => [...list].sort();
  expect(names(Object.values(instance.identityStore.users).map((u) => u.UserName))).toEqual([
    'ismail',
    'lea',
    'noor',
    'sam.okafor',
  ]);
  expect(names(Object.values(instance.identityStore.groups).map((g) => g.DisplayName))).toEqual([
    'Engineers',
    'Founders',
    'Security',
  ]);
  expect(names(Object.values(instance.permissionSets).map((p) => p.name))).toEqual([
    'Admin',
    'Developer',
    'PowerUser',
    'ReadOnly',
    'SecurityAudit',
  ]);
  expect(Object.values(instance.identityStore.memberships)).toHaveLength(5);
  const assignments = liveAssignments(h.sandbox);
  expect(assignments).toHaveLength(13);
  expect(new Set(assignments).size).toBe(13);
}

describe('an interrupted apply converges on rerun', () => {
  it.each([1, 4, 12, 20, 28])('aborted after %i finished actions', async (after) => {
    const h = harness();
    const desired = await growingOrg();
    const { plan } = await planFromConfig({ desired, session: h.session, host: h.host });
    const controller = new AbortController();
    const host = new RecordingHost();
    let finished = 0;
    const emit = host.emit.bind(host);
    host.emit = (event) => {
      emit(event);
      if (event.type === 'action' && event.status === 'done' && ++finished === after)
        controller.abort(new Error('was interrupted'));
    };
    const result = await executePlan(plan, { session: h.session, host, signal: controller.signal });
    expect(result.stopped).toBe('was interrupted');
    expect(result.done.length).toBeGreaterThanOrEqual(after);
    expect(result.done.length).toBeLessThan(plan.actions.length);
    await rerunConverges(h, desired);
  });

  it('crashes right after AWS accepted assignment requests (still IN_PROGRESS when the rerun starts)', async () => {
    const h = harness({ knobs: { completionDelayMs: { perOperation: { CreateAccountAssignment: 20_000 } } } });
    const desired = await growingOrg();
    const { plan } = await planFromConfig({ desired, session: h.session, host: h.host });
    const crashing: Handler<AssignmentAction> = {
      iamActions: HANDLERS.assignment.iamActions,
      async run(action, ctx) {
        if (action.kind !== 'create') return HANDLERS.assignment.run(action, ctx);
        // Send the request as the real handler would, then "die" without waiting for it.
        await ctx.aws.call(
          'sso-admin',
          'CreateAccountAssignment',
          {
            InstanceArn: ctx.identityCenter().instanceArn,
            TargetId: action.accountId,
            TargetType: 'AWS_ACCOUNT',
            PermissionSetArn: await ctx.resolver.permissionSetArn(action.permissionSet),
            PrincipalType: action.principal.type === 'user' ? 'USER' : 'GROUP',
            PrincipalId: await ctx.resolver.principalId(action.principal),
          },
          { region: ctx.identityCenter().region },
        );
        throw new Error('process killed');
      },
    };
    const result = await executePlan(plan, { session: h.session, host: h.host, handlers: { assignment: crashing } });
    expect(result.failed).toHaveLength(13);
    const inFlight = Object.values(instanceOf(h.sandbox).requests).filter((r) => r.status === 'IN_PROGRESS');
    expect(inFlight.length).toBeGreaterThan(0);
    await rerunConverges(h, desired);
  });
});

describe('Ctrl-C during a 1,000-assignment apply', () => {
  // 100 groups × 2 permission sets × 5 active accounts of the `org` scenario = 1,000 assignments
  // (AWS allows at most 100 groups per permission set per account).
  const groups = Array.from({ length: 100 }, (_, i) => `Team${String(i).padStart(3, '0')}`);
  const CONFIG = [
    'version: 1',
    'identityCenter: { region: eu-west-1, instance: organization }',
    'permissionSets: { ReadOnly: { policies: [ReadOnlyAccess] }, ViewOnly: { policies: [job-function/ViewOnlyAccess] } }',
    `groups: { ${groups.map((g) => `${g}: {}`).join(', ')} }`,
    'assignments:',
    ...groups.flatMap((g) =>
      ['ReadOnly', 'ViewOnly'].map(
        (set) =>
          `  - { principal: group:${g}, permissionSet: ${set}, accounts: [log-archive, security, dev, staging, prod] }`,
      ),
    ),
    '',
  ].join('\n');

  it('stops, reports in at most 20 lines with the path of the full list, exits 5; the rerun converges', async () => {
    const w = await workspace('org', CONFIG);
    const host = new RecordingHost();
    const ctx = testContext({ cwd: w.dir, clock: w.clock, host, globals: { sandbox: w.sandbox } });
    // Only the listener apply adds is called: the test runner's own SIGINT handling stays out of it.
    const runnerListeners = process.listeners('SIGINT');
    const pressCtrlC = () => {
      for (const l of process.listeners('SIGINT')) if (!runnerListeners.includes(l)) (l as () => void)();
    };
    let assignmentsDone = 0;
    const emit = host.emit.bind(host);
    host.emit = (event) => {
      emit(event);
      if (event.type === 'action' && event.status === 'done' && event.address.startsWith('assignment/')) {
        if (++assignmentsDone === 100) pressCtrlC();
      }
    };
    const error = await runApply({ yes: true }, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartialApplyError);
    expect(process.listeners('SIGINT')).toEqual(runnerListeners);
    expect(ctx.notes.some((n) => n.startsWith('Stopping: nothing new starts'))).toBe(true);
    // No event per abandoned action: hundreds were waiting for AWS's limits.
    expect(host.events.filter((e) => e.type === 'action' && e.status === 'skipped')).toEqual([]);

    let text = '';
    expect(reportError(error, { color: false, debug: false, write: (t) => (text += t) })).toBe(ExitCode.PartialApply);
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(lines[0]).toMatch(/^error: apply was interrupted \(Ctrl-C\) \(\d+ done, 0 failed, \d+ not done\)$/);
    const partial = error as PartialApplyError;
    expect(partial.notDone.length).toBeGreaterThan(800);
    expect(lines).toContain(
      `  not done (${partial.notDone.length}; assignment ${partial.notDone.length}): ${partial.notDone.slice(0, 5).join(', ')}, … and ${partial.notDone.length - 5} more`,
    );
    const pointer = lines.find((l) => l.startsWith('  the full list: '));
    const file = pointer?.slice('  the full list: '.length) ?? '';
    const full = readFileSync(file, 'utf8');
    for (const address of [...partial.done, ...partial.notDone]) expect(full).toContain(`\n  ${address}\n`);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(1000);

    // The advice in the report: plan shows what is left, apply converges.
    const again = testContext({ cwd: w.dir, clock: w.clock, globals: { sandbox: w.sandbox } });
    expect(await runApply({ yes: true }, again)).toBe(ExitCode.Ok);
    const after = testContext({ cwd: w.dir, clock: w.clock, globals: { sandbox: w.sandbox } });
    expect(await runPlan({ detailedExitcode: true }, after)).toBe(ExitCode.Ok);
  });
});
