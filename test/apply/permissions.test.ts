/**
 * `gatehouse permissions --for apply` is the least-privilege policy for plan + apply (issue #5 item 7),
 * tested against the calls the sandbox recorded:
 * - plan + apply of both examples on their scenarios (growing-org on `org`, startup on `day1`) call
 *   nothing outside the policy;
 * - an exercise run that takes every handler through its paths (creates, adoption after a dead run,
 *   updates, renames, deletes with --prune, provisioning, encryption, FAILED and early-finished
 *   statuses) calls every apply action the policy grants beyond a plan's reads — none is dead. (The
 *   plan's reads are the fact readers' actions, whose own no-dead-permission test is the audit's.)
 */

import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { executePlan } from '../../src/apply/executor.js';
import { applyIamActions, PLAN_FACT_IDS } from '../../src/apply/permissions.js';
import { desiredFrom, type Harness, harness, orgConfig } from '../../src/apply/test-support.test-helpers.js';
import { run as permissionsCommand } from '../../src/cli/commands/permissions.js';
import { loadConfig } from '../../src/config/index.js';
import type { DesiredState } from '../../src/model/desired.js';
import { iamActionsFor } from '../../src/observe/facts/index.js';
import { NO_PERMISSION_NEEDED, permissionsPolicy } from '../../src/permissions/index.js';
import { requiredPlanFacts } from '../../src/plan/index.js';
import { applyPlan } from '../../src/workflows/apply-workflow.js';
import { planFromConfig } from '../../src/workflows/plan-workflow.js';
import { testContext } from '../helpers/cli-context.js';

const example = async (name: string) =>
  (await loadConfig(resolve(import.meta.dirname, '../../examples', name), { now: Date.UTC(2026, 10, 28) })).desired;

async function planAndApply(h: Harness, desired: DesiredState, options: { prune?: boolean } = {}) {
  const { plan, snapshot } = await planFromConfig({
    desired,
    session: h.session,
    host: h.host,
    prune: options.prune ?? false,
  });
  await applyPlan({
    plan,
    desired,
    session: h.session,
    host: h.host,
    interactive: false,
    yes: true,
    allowLockout: true,
    snapshot,
  });
  return plan;
}

const examples: Harness[] = [];
const exercise: Harness[] = [];

beforeAll(async () => {
  const org = harness({ scenario: 'org' });
  await planAndApply(org, await example('growing-org.yaml'));
  org.sandbox.console('enable-root-hardware-mfa');
  await planFromConfig({ desired: await example('growing-org.yaml'), session: org.session, host: org.host });
  const day1 = harness({ scenario: 'day1' });
  await planAndApply(day1, await example('startup.yaml'));
  examples.push(org, day1);

  // An organization created by a run that "died": the rerun of the same plan finds it.
  const fresh = harness({ scenario: 'fresh' });
  const orgOnly = await orgConfig('organization: { featureSet: ALL }');
  const { plan: create } = await planFromConfig({ desired: orgOnly, session: fresh.session, host: fresh.host });
  await executePlan(create, { session: fresh.session, host: fresh.host });
  await executePlan(create, { session: fresh.session, host: fresh.host });

  // growing-org applied twice from the same plan (the second run adopts what the first created),
  // then changed a lot, with statuses that finish before the first poll or FAIL.
  const h = harness({ scenario: 'org' });
  h.sandbox.mutate((world) => {
    for (const account of Object.values(world.state.accounts)) {
      account.iam.customerPolicies['/TeamPolicy'] = { name: 'TeamPolicy', path: '/', createdAt: 0 };
    }
  });
  const growing = await example('growing-org.yaml');
  const { plan } = await planFromConfig({ desired: growing, session: h.session, host: h.host });
  await executePlan(plan, { session: h.session, host: h.host });
  await executePlan(plan, { session: h.session, host: h.host });
  h.sandbox.setKnobs({
    completionDelayMs: {
      perOperation: { CreateAccountAssignment: 100, DeleteAccountAssignment: 100, ProvisionPermissionSet: 100 },
    },
    faults: [{ operation: 'DeleteAccountAssignment', kind: 'failed', probability: 1, remaining: 1 }],
  });
  const changed = await desiredFrom(`version: 1
root: { mfa: required, centralizedManagement: true }
identityCenter: { region: eu-west-1, instance: organization, encryption: { customerManagedKey: "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }
permissionSets:
  Administrator: { formerNames: [Admin], description: Founders / Infra, sessionDuration: PT4H, policies: [AdministratorAccess] }
  Developer:
    description: Build and run workloads
    sessionDuration: PT8H
    policies: [ReadOnlyAccess]
    customerPolicies: [{ name: TeamPolicy, path: / }]
    permissionsBoundary: { policy: PowerUserAccess }
    tags: { team: platform }
  ReadOnly: { description: "Look, do not touch", sessionDuration: PT8H, policies: [job-function/ViewOnlyAccess] }
  SecurityAudit: { description: Read-only security review, sessionDuration: PT4H, policies: [SecurityAudit, ReadOnlyAccess] }
groups:
  Founders: { description: The founders, members: [ismail] }
  Engineers: { description: Everyone who ships code, members: [lea] }
users:
  ismail: { email: ismail@example.com, givenName: Ismail, familyName: Yilmaz-Martin }
  lea: { email: lea@example.com, givenName: Léa, familyName: Martin }
assignments:
  - { principal: group:Founders, permissionSet: Administrator, accounts: [management, "ou:/Workloads"] }
  - { principal: group:Engineers, permissionSet: Developer, accounts: ["ou:/Workloads/Dev"] }
`);
  await planAndApply(h, changed, { prune: true }).catch(() => undefined);
  h.sandbox.setKnobs({ faults: [] });
  await planAndApply(h, changed, { prune: true });
  const smaller = await desiredFrom(`version: 1
identityCenter: { region: eu-west-1, instance: organization, encryption: { customerManagedKey: "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }
permissionSets:
  Developer: { description: Build and run workloads, sessionDuration: PT8H, policies: [ReadOnlyAccess], inlinePolicy: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "s3:GetObject", Resource: "*" }] } }
groups: { Engineers: { description: Everyone who ships code, members: [lea] } }
users: { lea: { email: lea@example.com, givenName: Léa, familyName: Martin } }
assignments: [{ principal: group:Engineers, permissionSet: Developer, accounts: ["ou:/Workloads/Dev"] }]
`);
  await planAndApply(h, smaller, { prune: true });
  await planAndApply(h, {
    ...smaller,
    permissionSets: smaller.permissionSets.map((p) => ({ ...p, inlinePolicy: null })),
  });
  exercise.push(fresh, h);
}, 60_000);

const called = (runs: Harness[]) => new Set(runs.flatMap((h) => h.sandbox.calls().map((c) => c.action)));

describe('gatehouse permissions --for apply', () => {
  const policy = permissionsPolicy('apply');
  const allowed = new Set(policy.Statement.flatMap((s) => s.Action));

  it('allows every action plan + apply of both examples called', () => {
    const missing = [...called(examples)].filter((a) => !NO_PERMISSION_NEEDED.has(a) && !allowed.has(a));
    expect(missing).toEqual([]);
    expect(called(examples).has('sso:CreateAccountAssignment')).toBe(true);
  });

  it('allows every action of the exercise run, and every apply action it grants is called (none is dead)', () => {
    const calls = called(exercise);
    expect([...calls].filter((a) => !NO_PERMISSION_NEEDED.has(a) && !allowed.has(a))).toEqual([]);
    const planReads = new Set(iamActionsFor(PLAN_FACT_IDS));
    const applyOnly = applyIamActions().filter((a) => !planReads.has(a));
    expect(applyOnly.filter((a) => !calls.has(a) && !called(examples).has(a))).toEqual([]);
  });

  it('is exactly the plan’s reads plus the handlers’ actions, and the plan facts cover every config', async () => {
    const expected = new Set([...iamActionsFor(PLAN_FACT_IDS), ...applyIamActions()]);
    for (const a of NO_PERMISSION_NEEDED) expected.delete(a);
    expect([...allowed].sort()).toEqual([...expected].sort());
    // The fullest config (tags, centralized root access, hardware MFA, contacts) needs no other fact.
    const needs = requiredPlanFacts(await example('growing-org.yaml'));
    for (const id of [...needs.org, ...needs.callerAccount]) expect(PLAN_FACT_IDS).toContain(id);
  });

  it('the command prints it as JSON', async () => {
    const ctx = testContext();
    expect(await permissionsCommand({ for: 'apply' }, ctx)).toBe(0);
    expect(JSON.parse(ctx.output())).toEqual(policy);
  });
});
