/**
 * The AWS behaviour variants matrix (sandbox knob `variants`, README "Assumed" and "Variants"): under
 * each plausible answer AWS might give, on the `org` scenario, gatehouse plans → applies → re-plans
 * empty, audits without `error` results, round-trips an import, and removes a permission set. All on
 * the virtual clock.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run as apply } from '../../src/cli/commands/apply.js';
import { run as audit } from '../../src/cli/commands/audit.js';
import { run as importConfig } from '../../src/cli/commands/import.js';
import { run as plan } from '../../src/cli/commands/plan.js';
import { workspace } from '../../src/cli/commands/plan-apply.test-helpers.js';
import type { AwsVariants, KnobsPatch } from '../../src/sandbox/index.js';
import type { VirtualClock } from '../../src/util/clock.js';
import { testContext } from '../helpers/cli-context.js';

const CONFIG = `version: 1
root: { mfa: hardware }
identityCenter: { region: eu-west-1, instance: organization }
permissionSets:
  Admin: { description: Founders, sessionDuration: PT4H, policies: [AdministratorAccess] }
  Engineer: { description: Engineers, sessionDuration: PT8H, policies: [PowerUserAccess] }
  Auditor: { description: Auditors, sessionDuration: PT1H, policies: [ReadOnlyAccess] }
users:
  ana: { email: ana@example.com, givenName: Ana, familyName: A }
  bo: { email: bo@example.com, givenName: Bo, familyName: B }
  cy: { email: cy@example.com, givenName: Cy, familyName: C }
groups:
  Founders: { members: [ana] }
  Engineers: { members: [ana, bo, cy] }
assignments:
  - { principal: group:Founders, permissionSet: Admin, accounts: [management, all] }
  - { principal: group:Engineers, permissionSet: Engineer, accounts: [all] }
  - { principal: user:bo, permissionSet: Engineer, accounts: [dev, prod] }
  - { principal: user:cy, permissionSet: Auditor, accounts: [all] }
`;

/** The config without Auditor: its assignments and the set are deleted. */
const WITHOUT_AUDITOR = CONFIG.replace(/ {2}Auditor:.*\n/, '').replace(/ {2}- \{ principal: user:cy.*\n/, '');

/** Throttling on some sso-admin calls, so the wire shape of the throttling error is exercised. */
const SOME_THROTTLING: KnobsPatch['faults'] = [{ operation: 'sso-admin:*', kind: 'throttle', probability: 0.15 }];

interface Variant {
  name: string;
  /** The README "Assumed" item or issue 12 finding it answers. */
  covers: string;
  variants: Partial<AwsVariants>;
  faults?: KnobsPatch['faults'];
  /** A call (operation → outcome) the run must have seen, so the variant was really exercised. */
  seen?: [operation: string, outcome: string];
}

const VARIANT_MATRIX: Variant[] = [
  { name: 'models (default)', covers: 'all defaults', variants: {}, faults: SOME_THROTTLING },
  {
    name: 'sso-admin throttling as HTTP 400',
    covers: 'issue 12 #5; Assumed 1, 4',
    variants: { ssoThrottlingStatus: 400 },
    faults: SOME_THROTTLING,
    seen: ['*', 'ThrottlingException'],
  },
  {
    name: 'error codes without the Exception suffix',
    covers: 'issue 12 #5; Assumed 1',
    variants: { errorNames: 'bare', ssoThrottlingStatus: 400 },
    faults: [...(SOME_THROTTLING ?? []), { operation: 'CreateAccountAssignment', kind: 'conflict', probability: 0.2 }],
    seen: ['CreateAccountAssignment', 'Conflict'],
  },
  {
    name: 'concurrency limits answer ConflictException',
    covers: 'issue 12 #5; Assumed 4',
    variants: { concurrencyLimitError: 'conflict' },
  },
  {
    name: 'DescribeInstance without EncryptionConfigurationDetails',
    covers: 'issue 12 #4',
    variants: { describeInstanceEncryption: 'absent' },
  },
  {
    name: 'principal scan lists group rows, labelled as the group',
    covers: 'Assumed 30',
    variants: { principalScanGroupRows: 'as-group' },
    seen: ['ListAccountAssignmentsForPrincipal', 'ok'],
  },
  {
    name: 'principal scan lists group rows, labelled as the user',
    covers: 'Assumed 30',
    variants: { principalScanGroupRows: 'as-user' },
    seen: ['ListAccountAssignmentsForPrincipal', 'ok'],
  },
  {
    name: 'de-provisioning goes on for 5 minutes after the last assignment is deleted',
    covers: 'issue 12 #6; Assumed 3',
    variants: { deprovisioningMs: 5 * 60_000 },
    seen: ['DeletePermissionSet', 'ConflictException'],
  },
];

type Workspace = { dir: string; clock: VirtualClock; sandbox: string };

function context(w: Workspace) {
  return testContext({ cwd: w.dir, clock: w.clock, globals: { sandbox: w.sandbox } });
}

function setKnobs(w: Workspace, v: Variant): void {
  const state = JSON.parse(readFileSync(w.sandbox, 'utf8'));
  state.knobs.variants = { ...state.knobs.variants, ...v.variants };
  state.knobs.faults = v.faults ?? [];
  state.knobs.recordCallsInState = true;
  writeFileSync(w.sandbox, JSON.stringify(state));
}

async function planIsEmpty(w: Workspace, config = 'gatehouse.yaml'): Promise<string> {
  const ctx = context(w);
  const code = await plan({ config, detailedExitcode: true }, ctx);
  return code === 0 ? 'empty' : ctx.output();
}

describe.each(VARIANT_MATRIX)('AWS variant: $name', (v) => {
  it('plan → apply → plan empty; audit judged; import round trip; a set removed', async () => {
    const w = await workspace('org', CONFIG);
    setKnobs(w, v);

    expect(await apply({ yes: true }, context(w))).toBe(0);
    expect(await planIsEmpty(w)).toBe('empty');

    const judged = context(w);
    expect(await audit({ format: 'json', failOn: 'never' }, judged)).toBe(0);
    const report = JSON.parse(judged.output()) as { results: { checkId: string; status: string; reason: string }[] };
    expect(report.results.filter((r) => r.status === 'error').map((r) => `${r.checkId}: ${r.reason}`)).toEqual([]);
    const encryption = report.results.find((r) => r.checkId === 'identity-center.encryption');
    expect(encryption?.status).toBe(v.variants.describeInstanceEncryption === 'absent' ? 'manual' : 'pass');

    expect(await importConfig({ output: 'imported.yaml' }, context(w))).toBe(0);
    expect(await planIsEmpty(w, 'imported.yaml')).toBe('empty');
    const imported = readFileSync(`${w.dir}/imported.yaml`, 'utf8');
    // Group-derived rows never become a user's own assignments.
    expect(imported).not.toMatch(/user:ana/);

    writeFileSync(`${w.dir}/gatehouse.yaml`, WITHOUT_AUDITOR);
    expect(await apply({ yes: true }, context(w))).toBe(0);
    expect(await planIsEmpty(w)).toBe('empty');

    if (v.seen) {
      const [operation, outcome] = v.seen;
      const calls = (JSON.parse(readFileSync(w.sandbox, 'utf8')).calls ?? []) as {
        operation: string;
        outcome: string;
      }[];
      const match = calls.filter((c) => (operation === '*' || c.operation === operation) && c.outcome === outcome);
      expect(match.length, `${operation} answered ${outcome}`).toBeGreaterThan(0);
    }
  });
});
