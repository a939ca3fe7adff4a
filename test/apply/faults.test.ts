/**
 * Fault injection through the sandbox's knobs (issue #5 proof 2), on examples/growing-org.yaml and
 * the `org` scenario: throttle storms and 5xx are retried and the apply completes; transient
 * conflicts are retried; a permanent conflict is not retried and fails its action fast; FAILED
 * asynchronous statuses fail their actions (exit 5, never success) and a rerun converges.
 */

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harness, liveAssignments } from '../../src/apply/test-support.test-helpers.js';
import { loadConfig } from '../../src/config/index.js';
import { PartialApplyError } from '../../src/errors.js';
import type { DesiredState } from '../../src/model/desired.js';
import type { KnobsPatch } from '../../src/sandbox/index.js';
import { applyPlan } from '../../src/workflows/apply-workflow.js';
import { planFromConfig } from '../../src/workflows/plan-workflow.js';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/growing-org.yaml');

async function growingOrg(): Promise<DesiredState> {
  return (await loadConfig(EXAMPLE, { now: Date.UTC(2026, 10, 28) })).desired;
}

async function applyOnce(h: ReturnType<typeof harness>, desired: DesiredState) {
  const { plan, snapshot } = await planFromConfig({ desired, session: h.session, host: h.host });
  return {
    plan,
    result: await applyPlan({
      plan,
      desired,
      session: h.session,
      host: h.host,
      interactive: false,
      yes: true,
      snapshot,
    }),
  };
}

async function expectConverged(h: ReturnType<typeof harness>, desired: DesiredState) {
  const again = await planFromConfig({ desired, session: h.session, host: h.host });
  expect(again.plan.actions.map((a) => a.id)).toEqual([]);
  const assignments = liveAssignments(h.sandbox);
  expect(new Set(assignments).size).toBe(assignments.length);
  expect(assignments).toHaveLength(13);
}

describe('apply under injected faults', () => {
  it.each<[string, KnobsPatch['faults'], string]>([
    [
      'a throttle storm on every Identity Center and Identity Store API',
      [
        { operation: 'sso-admin:*', kind: 'throttle', probability: 0.4 },
        { operation: 'identitystore:*', kind: 'throttle', probability: 0.4 },
      ],
      'ThrottlingException',
    ],
    [
      '5xx answers',
      [
        { operation: 'sso-admin:*', kind: 'server-error', probability: 0.2 },
        { operation: 'identitystore:*', kind: 'server-error', probability: 0.2 },
      ],
      'InternalServerException',
    ],
    [
      'transient conflicts on permission-set writes and assignments',
      [
        { operation: 'AttachManagedPolicyToPermissionSet', kind: 'conflict', probability: 0.5 },
        { operation: 'PutInlinePolicyToPermissionSet', kind: 'conflict', probability: 0.5 },
        { operation: 'CreateAccountAssignment', kind: 'conflict', probability: 0.5 },
        { operation: 'CreateGroupMembership', kind: 'conflict', probability: 0.5 },
      ],
      'ConflictException',
    ],
  ])('retries %s and completes', async (_name, faults, code) => {
    const h = harness();
    const desired = await growingOrg();
    // Faults start after planning: the plan reads must not be what is tested here.
    const { plan, snapshot } = await planFromConfig({ desired, session: h.session, host: h.host });
    h.sandbox.setKnobs({ faults });
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
    expect(h.sandbox.calls().filter((c) => c.outcome === code).length).toBeGreaterThan(0);
    h.sandbox.setKnobs({ faults: [] });
    await expectConverged(h, desired);
  });

  it('does not retry a permanent conflict: that action fails at once, its dependants wait, the rest is applied', async () => {
    const h = harness();
    const desired = await growingOrg();
    const { plan, snapshot } = await planFromConfig({ desired, session: h.session, host: h.host });
    // Organizations answers ConcurrentModificationException: apply does not declare it transient.
    h.sandbox.setKnobs({
      faults: [{ operation: 'EnableAWSServiceAccess', kind: 'conflict', probability: 1, remaining: 1 }],
    });
    const error = await applyPlan({
      plan,
      desired,
      session: h.session,
      host: h.host,
      interactive: false,
      yes: true,
      snapshot,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartialApplyError);
    const partial = error as PartialApplyError;
    expect(partial.failed).toEqual([
      { address: 'root-management/service-access', message: expect.stringMatching(/ConcurrentModificationException/) },
    ]);
    expect(partial.notDone).toEqual(['root-management/RootCredentialsManagement', 'root-management/RootSessions']);
    expect(h.sandbox.calls().filter((c) => c.operation === 'EnableAWSServiceAccess')).toHaveLength(1);
    expect(liveAssignments(h.sandbox)).toHaveLength(13);
    await applyOnce(h, desired);
    await expectConverged(h, desired);
  });

  it('FAILED assignment and provisioning statuses fail their actions (exit 5); a rerun converges', async () => {
    const h = harness();
    const desired = await growingOrg();
    await applyOnce(h, desired);
    // A changed definition needs provisioning; new assignments fail at AWS.
    const changed = {
      ...desired,
      permissionSets: desired.permissionSets.map((p) => (p.name === 'Admin' ? { ...p, sessionDuration: 'PT2H' } : p)),
    };
    const extra: DesiredState = {
      ...changed,
      assignments: [
        ...changed.assignments,
        {
          index: 9,
          principal: { type: 'group', name: 'Security' },
          permissionSet: 'Admin',
          targets: [{ kind: 'name', name: 'security' }],
          exclude: [],
        },
      ],
    };
    const { plan, snapshot } = await planFromConfig({ desired: extra, session: h.session, host: h.host });
    h.sandbox.setKnobs({
      faults: [
        { operation: 'ProvisionPermissionSet', kind: 'failed', probability: 1 },
        { operation: 'CreateAccountAssignment', kind: 'failed', probability: 1 },
      ],
    });
    const error = await applyPlan({
      plan,
      desired: extra,
      session: h.session,
      host: h.host,
      interactive: false,
      yes: true,
      snapshot,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartialApplyError);
    const partial = error as PartialApplyError;
    expect(partial.failed.map((f) => f.address)).toEqual(['permission-set/Admin (provision)']);
    expect(partial.failed[0]?.message).toMatch(/^provisioning FAILED: /);
    // The new assignment depends on the provisioning: not attempted.
    expect(partial.notDone).toEqual(['assignment/Admin/group:Security/333333333333']);
    expect(partial.done).toEqual(['permission-set/Admin']);

    h.sandbox.setKnobs({ faults: [] });
    const rerun = await planFromConfig({ desired: extra, session: h.session, host: h.host });
    expect(rerun.plan.actions.map((a) => a.id)).toEqual([
      'permission-set/Admin#provision',
      'assignment/Admin/group:Security/333333333333#create',
    ]);
    await applyPlan({
      plan: rerun.plan,
      desired: extra,
      session: h.session,
      host: h.host,
      interactive: false,
      yes: true,
      snapshot: rerun.snapshot,
    });
    expect((await planFromConfig({ desired: extra, session: h.session, host: h.host })).plan.actions).toEqual([]);
  });
});
