import { describe, expect, it } from 'vitest';
import {
  ADMIN_ARN,
  DEV,
  desiredState,
  group,
  IAM_CALLER,
  liveGroup,
  ORGANIZATION,
  permissionSet,
  rule,
  snapshotOf,
} from '../../test/plan/builders.js';
import { planFor } from '../../test/plan/plan-helpers.js';
import { InvalidPlanError, StalePlanError, UsageError } from '../errors.js';
import { MANUAL_STEP_IDS, type PlanDocument } from './actions.js';
import { assertPlanCurrent, loadPlanFile, serializePlan } from './plan-file.js';
import { planKeyFromEnv } from './plan-signing.js';

const desired = desiredState({
  permissionSets: [permissionSet('Admin', { managedPolicies: [ADMIN_ARN], sessionDuration: 'PT4H' })],
  groups: [group('Founders')],
  assignments: [rule(0, 'group:Founders', 'Admin', ['management'])],
});
const world = { groups: [liveGroup('Founders')] };
const plan = planFor(desired, world);
const text = serializePlan(plan);

function refusal(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
}

describe('plan files', () => {
  it('round-trips: what serializePlan writes, loadPlanFile returns unchanged', () => {
    expect(text.endsWith('\n')).toBe(true);
    expect(JSON.parse(text).checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(loadPlanFile(text, 'plan.json')).toEqual(plan);
    expect(serializePlan(loadPlanFile(text, 'plan.json'))).toBe(text);
  });

  it('refuses a truncated file', () => {
    const error = refusal(() => loadPlanFile(text.slice(0, text.length / 2), 'plan.json'));
    expect(error).toBeInstanceOf(InvalidPlanError);
    expect(error.message).toBe('plan.json: plan file is truncated or not JSON');
    expect((error as InvalidPlanError).exitCode).toBe(4);
    expect(refusal(() => loadPlanFile('', 'plan.json')).message).toContain('truncated or not JSON');
  });

  it('refuses files that are not plans', () => {
    expect(refusal(() => loadPlanFile('[1,2]', 'x.json')).message).toBe(
      'x.json: not a gatehouse plan (expected a JSON object)',
    );
    expect(refusal(() => loadPlanFile('{"format":"terraform"}', 'x.json')).message).toBe(
      'x.json: not a gatehouse plan (format is "terraform")',
    );
  });

  it('refuses an older or newer format, naming both versions', () => {
    const older = { ...JSON.parse(text), formatVersion: 0 };
    const error = refusal(() => loadPlanFile(JSON.stringify(older), 'plan.json')) as InvalidPlanError;
    expect(error.message).toBe('plan.json: plan format version 0 is not supported; this gatehouse reads version 1');
    expect(error.hints[0]).toContain('older gatehouse');
    const newer = refusal(() =>
      loadPlanFile(JSON.stringify({ ...older, formatVersion: 2 }), 'plan.json'),
    ) as InvalidPlanError;
    expect(newer.message).toContain('version 2 is not supported');
    expect(newer.hints[0]).toContain('newer gatehouse');
  });

  it('refuses a file edited by hand: schema violations and checksum mismatches', () => {
    const edited = JSON.parse(text) as PlanDocument & { checksum: string };
    edited.actions[0]!.address = 'permission-set/Evil';
    const error = refusal(() => loadPlanFile(JSON.stringify(edited), 'plan.json'));
    expect(error).toBeInstanceOf(InvalidPlanError);
    expect(error.message).toBe('plan.json: the plan was modified after it was written (checksum mismatch)');

    const broken = JSON.parse(text);
    broken.actions[0].kind = 'explode';
    expect(refusal(() => loadPlanFile(JSON.stringify(broken), 'plan.json')).message).toMatch(
      /^plan\.json: not a valid gatehouse plan: actions\.0/,
    );
    const extra = { ...JSON.parse(text), injected: 'x' };
    expect(refusal(() => loadPlanFile(JSON.stringify(extra), 'plan.json')).message).toContain(
      'not a valid gatehouse plan',
    );
    const { checksum: _dropped, ...unsigned } = JSON.parse(text);
    expect(refusal(() => loadPlanFile(JSON.stringify(unsigned), 'plan.json')).message).toContain('checksum');
  });
});

describe('signed plan files', () => {
  const key = planKeyFromEnv({ GATEHOUSE_PLAN_KEY: 'k'.repeat(32) })!;
  const otherKey = planKeyFromEnv({ GATEHOUSE_PLAN_KEY: 'o'.repeat(40) })!;
  const signed = serializePlan(plan, { key });

  it('round-trips with the key; the signature is an HMAC-SHA256 of the body', () => {
    expect(JSON.parse(signed).signature).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(loadPlanFile(signed, 'plan.json', { key })).toEqual(plan);
    expect(serializePlan(loadPlanFile(signed, 'plan.json', { key }), { key })).toBe(signed);
    expect(signed).not.toContain('k'.repeat(32));
  });

  it('refuses an unsigned plan when a key is set', () => {
    const error = refusal(() => loadPlanFile(text, 'plan.json', { key }));
    expect(error).toBeInstanceOf(InvalidPlanError);
    expect(error.message).toBe('plan.json is not signed, but GATEHOUSE_PLAN_KEY is set: only signed plans are applied');
  });

  it('refuses a signed plan without a key, with another key, or edited after signing (checksum recomputed)', () => {
    expect(refusal(() => loadPlanFile(signed, 'plan.json')).message).toBe(
      'plan.json is signed, but GATEHOUSE_PLAN_KEY is not set to verify its signature',
    );
    const mismatch =
      'plan.json: the signature does not match GATEHOUSE_PLAN_KEY (the plan was changed after it was signed, or signed with another key)';
    expect(refusal(() => loadPlanFile(signed, 'plan.json', { key: otherKey })).message).toBe(mismatch);
    const doc = JSON.parse(signed);
    const resigned = JSON.parse(serializePlan({ ...doc, options: { prune: true } }));
    const edited = JSON.stringify({ ...resigned, signature: doc.signature });
    expect(refusal(() => loadPlanFile(edited, 'plan.json', { key })).message).toBe(mismatch);
    // Every own key is signed, even one named __proto__ (which a copy into a plain object drops).
    const withProto = `${signed.trimEnd().slice(0, -1)},"__proto__":{"injected":true}}`;
    expect(Object.keys(JSON.parse(withProto))).toContain('__proto__');
    expect(refusal(() => loadPlanFile(withProto, 'plan.json', { key })).message).toBe(mismatch);
    // The signature is checked before anything else: a bad one is named even on a broken document.
    const broken = JSON.stringify({ ...doc, formatVersion: 99 });
    expect(refusal(() => loadPlanFile(broken, 'plan.json', { key })).message).toBe(mismatch);
    expect(refusal(() => loadPlanFile(JSON.stringify({ ...doc, signature: 42 }), 'plan.json', { key })).message).toBe(
      mismatch,
    );
  });

  it('refuses a key shorter than 32 bytes (exit 2) without printing it; an empty key is no key', () => {
    const error = refusal(() => planKeyFromEnv({ GATEHOUSE_PLAN_KEY: 'short-secret-value' }));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect(error.message).toBe('GATEHOUSE_PLAN_KEY is 18 bytes long; a plan signing key must be at least 32 bytes');
    expect(JSON.stringify((error as UsageError).hints)).not.toContain('short-secret-value');
    expect(planKeyFromEnv({ GATEHOUSE_PLAN_KEY: '' })).toBeUndefined();
    expect(planKeyFromEnv({})).toBeUndefined();
  });
});

describe('assertPlanCurrent', () => {
  it('accepts a plan when nothing changed (the observation time may differ)', () => {
    const again = snapshotOf(world);
    again.observedAt = '2026-11-28T11:00:00.000Z';
    expect(() => assertPlanCurrent(plan, { desired, snapshot: again, caller: IAM_CALLER })).not.toThrow();
  });

  it('refuses a plan from another account', () => {
    const error = refusal(() =>
      assertPlanCurrent(plan, {
        desired,
        snapshot: snapshotOf(world),
        caller: { accountId: DEV, arn: 'arn:aws:sts::x' },
      }),
    );
    expect(error).toBeInstanceOf(StalePlanError);
    expect(error.message).toBe(`the plan was made in account 111111111111, but you are signed in to ${DEV}`);
  });

  it('refuses a plan from another organization', () => {
    const other = snapshotOf({ ...world, organization: { ...ORGANIZATION, id: 'o-zzzzzzzzzz' } });
    const error = refusal(() => assertPlanCurrent(plan, { desired, snapshot: other, caller: IAM_CALLER }));
    expect(error.message).toBe(
      'the plan was made for organization o-abcdefghij, but this is organization o-zzzzzzzzzz',
    );
  });

  it('refuses a plan made from another config', () => {
    const changed = { ...desired, hash: `sha256:${'1'.repeat(64)}` };
    const error = refusal(() =>
      assertPlanCurrent(plan, { desired: changed, snapshot: snapshotOf(world), caller: IAM_CALLER }),
    );
    expect(error.message).toBe('the configuration gatehouse.yaml changed since the plan was made from it');
    expect((error as StalePlanError).hints).toEqual([
      'run `gatehouse plan -c gatehouse.yaml -o plan.json` again and apply that plan',
    ]);
    const elsewhere = { ...changed, file: '/elsewhere/other.yaml' };
    const named = refusal(() =>
      assertPlanCurrent(
        { ...plan, configFile: '/elsewhere/other.yaml' },
        {
          desired: { ...changed, file: 'gatehouse.yaml' },
          snapshot: snapshotOf(world),
          caller: IAM_CALLER,
          planFile: 'p.json',
        },
      ),
    );
    expect(named.message).toBe(
      'p.json was made from /elsewhere/other.yaml, not from gatehouse.yaml (the configuration loaded, which plans something else)',
    );
    expect((named as StalePlanError).hints).toEqual([
      'run `gatehouse plan -c gatehouse.yaml -o p.json` again and apply that plan',
    ]);
    expect(elsewhere.file).toBe('/elsewhere/other.yaml');
  });

  it('binds by content: the same config under another name is accepted, and the re-derived plan is returned', () => {
    const renamed = { ...desired, file: 'ci/checkout/gatehouse.yaml' };
    const current = assertPlanCurrent(plan, { desired: renamed, snapshot: snapshotOf(world), caller: IAM_CALLER });
    expect(current).toEqual(plan);
  });

  it.each<[string, (p: PlanDocument) => void, string]>([
    ['summary', (p) => (p.summary = { ...p.summary, add: 0, broadening: 0 }), 'summary'],
    ['accountNames', (p) => (p.accountNames = { ...p.accountNames, '111111111111': 'sandbox' }), 'accountNames'],
    [
      'manual steps',
      (p) =>
        p.manualSteps.push({
          id: MANUAL_STEP_IDS[0]!,
          address: `manual/${MANUAL_STEP_IDS[0]}`,
          title: 'Nothing to do',
          why: 'edited in',
          consoleSteps: ['Click OK'],
          blocks: [],
          after: [],
          verify: 'trust me',
        }),
      'manualSteps',
    ],
    ['drift', (p) => p.drift.push({ code: 'unmanaged', address: 'user/x', message: 'x' } as never), 'drift'],
    ['the management account', (p) => (p.managementAccountId = '999999999999'), 'managementAccountId'],
    [
      'warnings',
      (p) => p.warnings.push({ severity: 'warning', code: 'x', message: 'm', file: 'g.yaml', line: 1, column: 1 }),
      'warnings',
    ],
  ])('refuses a plan whose %s were edited (checksum recomputed), naming the field', (_name, edit, field) => {
    const tampered = structuredClone(plan);
    edit(tampered);
    const loaded = loadPlanFile(serializePlan(tampered), 'plan.json');
    const error = refusal(() =>
      assertPlanCurrent(loaded, { desired, snapshot: snapshotOf(world), caller: IAM_CALLER, planFile: 'plan.json' }),
    );
    expect(error).toBeInstanceOf(InvalidPlanError);
    expect(error.message).toMatch(
      new RegExp(
        `^plan\\.json is not what the configuration plans for what is live \\(different (.*, )?${field}(, .*)?\\): the plan file was changed after it was written$`,
      ),
    );
  });

  it('refuses a plan when AWS changed since', () => {
    const drifted = snapshotOf({ groups: [liveGroup('Founders', { description: 'changed by hand' })] });
    const error = refusal(() => assertPlanCurrent(plan, { desired, snapshot: drifted, caller: IAM_CALLER }));
    expect(error).toBeInstanceOf(StalePlanError);
    expect(error.message).toContain('AWS changed since the plan was made');
  });
});
