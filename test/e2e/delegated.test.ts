/**
 * Running gatehouse where AWS recommends: the IAM Identity Center delegated administrator account
 * (scenario `delegated`: the `org` scenario with administration delegated to `security`).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as access } from '../../src/cli/commands/access.js';
import { run as apply } from '../../src/cli/commands/apply.js';
import { run as audit } from '../../src/cli/commands/audit.js';
import { run as importConfig } from '../../src/cli/commands/import.js';
import { run as plan } from '../../src/cli/commands/plan.js';
import { workspace } from '../../src/cli/commands/plan-apply.test-helpers.js';
import { run as profiles } from '../../src/cli/commands/profiles.js';
import { ConfigError } from '../../src/errors.js';
import { readStateFile } from '../../src/sandbox/index.js';
import { testContext } from '../helpers/cli-context.js';

const MEMBERS_ONLY = `version: 1
root: { mfa: required }
identityCenter: { region: eu-west-1, instance: organization }
permissionSets:
  Engineer: { description: Engineers, sessionDuration: PT8H, policies: [PowerUserAccess] }
  Auditor: { description: Auditors, sessionDuration: PT1H, policies: [ReadOnlyAccess] }
users:
  ana: { email: ana@example.com, givenName: Ana, familyName: A }
  bo: { email: bo@example.com, givenName: Bo, familyName: B }
groups:
  Engineers: { members: [ana, bo] }
assignments:
  - { principal: group:Engineers, permissionSet: Engineer, accounts: ["ou:/Workloads"] }
  - { principal: user:bo, permissionSet: Auditor, accounts: [log-archive] }
`;

const WITH_MANAGEMENT = `${MEMBERS_ONLY}  - { principal: user:ana, permissionSet: Auditor, accounts: [management] }
`;

function context(w: { dir: string; clock: import('../../src/util/clock.js').VirtualClock; sandbox: string }) {
  return testContext({ cwd: w.dir, clock: w.clock, globals: { sandbox: w.sandbox } });
}

function operations(sandbox: string): string[] {
  return (readStateFile(sandbox).calls ?? []).map((c) => c.operation);
}

describe('gatehouse from the delegated administrator account', () => {
  it('applies a config that keeps out of the management account, re-plans empty, and reads it back everywhere', async () => {
    const w = await workspace('delegated', MEMBERS_ONLY);
    const state = readStateFile(w.sandbox);
    state.knobs.recordCallsInState = true;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(w.sandbox, JSON.stringify(state));

    expect(await apply({ yes: true }, context(w))).toBe(0);
    const replan = context(w);
    expect(await plan({ detailedExitcode: true }, replan)).toBe(0);
    expect(replan.output()).toContain('No changes');
    // ListAccountAssignmentsForPrincipal works only from the management account: never called here.
    expect(operations(w.sandbox)).not.toContain('ListAccountAssignmentsForPrincipal');

    const judged = context(w);
    expect(await audit({ format: 'json', failOn: 'never' }, judged)).toBe(0);
    const report = JSON.parse(judged.output()) as { results: { checkId: string; status: string; reason: string }[] };
    const errors = report.results.filter((r) => r.status === 'error');
    expect(errors).toEqual([]);

    const imported = context(w);
    expect(await importConfig({ output: 'imported.yaml' }, imported)).toBe(0);
    const roundTrip = context(w);
    expect(await plan({ config: 'imported.yaml', detailedExitcode: true }, roundTrip)).toBe(0);
    expect(readFileSync(join(w.dir, 'imported.yaml'), 'utf8')).toContain('Engineer');

    const matrix = context(w);
    expect(await access({ format: 'csv' }, matrix)).toBe(0);
    expect(matrix.output()).toContain('444444444444');
    const portal = context(w);
    expect(await profiles({ user: 'bo' }, portal)).toBe(0);
    expect(portal.output()).toContain('222222222222');
  });

  it('refuses at plan time a config that assigns a permission set in the management account, naming it', async () => {
    const w = await workspace('delegated', WITH_MANAGEMENT);
    const refused = plan({}, context(w));
    await expect(refused).rejects.toThrow(ConfigError);
    const error = (await refused.catch((e: unknown) => e)) as ConfigError;
    const lines = error.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}: ${d.message}`);
    // One line, at the rule that puts the set in the management account (line 15 of the config).
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^15: permission set Auditor is provisioned to the management account 111111111111/);
    expect(lines[0]).toContain('Run this plan with credentials of the management account');
    // Nothing was applied: apply refuses the same way before any change.
    await expect(apply({ yes: true }, context(w))).rejects.toThrow(ConfigError);
    const instances = Object.values(readStateFile(w.sandbox).instances);
    expect(instances.flatMap((i) => Object.keys(i.permissionSets))).toEqual([]);
  });
});

describe('managed policies per role', () => {
  it('refuses at plan time a permission set with more than 10 managed policies, before anything is applied', async () => {
    const policies = Array.from({ length: 11 }, (_, i) => `Policy${i}`).join(', ');
    const config = MEMBERS_ONLY.replace('policies: [ReadOnlyAccess]', `policies: [${policies}]`);
    const w = await workspace('org', config);
    const refused = (await plan({}, context(w)).catch((e: unknown) => e)) as ConfigError;
    expect(refused).toBeInstanceOf(ConfigError);
    const errors = refused.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.line}: ${d.message}`)).toEqual([
      expect.stringMatching(/^6: permission set Auditor has 11 managed policies .* more than the 10 IAM allows/),
    ]);
    // Following the advice (fewer policies) plans and applies.
    const fixed = await workspace('org', MEMBERS_ONLY);
    expect(await apply({ yes: true }, context(fixed))).toBe(0);
  });
});
