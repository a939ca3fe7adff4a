/**
 * Issue 11 finding 2 and build 2, tried as an attacker would: a saved plan is bound to the config
 * the user points at (`-c`, default ./gatehouse.yaml), never to a path it names itself; apply
 * recomputes every reviewable field (edited options, summary or account names are refused even
 * with a recomputed checksum); and plans signed with GATEHOUSE_PLAN_KEY are verified before
 * anything is read from them. Every refusal is exit 4 and changes nothing in the sandbox; every
 * hint printed is followed.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run as apply } from '../../src/cli/commands/apply.js';
import { run as plan } from '../../src/cli/commands/plan.js';
import { SMALL_CONFIG, workspace } from '../../src/cli/commands/plan-apply.test-helpers.js';
import { GatehouseError, InvalidPlanError, StalePlanError, UsageError } from '../../src/errors.js';
import { serializePlan } from '../../src/plan/index.js';
import { readStateFile } from '../../src/sandbox/index.js';
import { errorLines, hintLines } from '../faults/helpers.js';
import { testContext } from '../helpers/cli-context.js';
import { ensureBuilt, runCli } from '../helpers/run-cli.js';

const KEY = 'a-plan-signing-key-of-44-bytes-for-the-tests';
const OTHER_KEY = 'another-signing-key-that-is-also-long-enough';

/** The config an attacker plans from: the reviewed one plus mallory as Admin on the management account. */
const ATTACKER_CONFIG = `${SMALL_CONFIG.replace(
  'groups:',
  '  mallory: { email: mallory@example.com, givenName: Mallory, familyName: M }\ngroups:',
)}  - { principal: user:mallory, permissionSet: Admin, accounts: [management] }\n`;

const BOB = 'bob: { email: bob@example.com, givenName: Bob, familyName: B }';

type Workspace = Awaited<ReturnType<typeof workspace>>;

function ctxFor(w: Workspace, env: Record<string, string> = {}) {
  return testContext({ cwd: w.dir, clock: w.clock, env, globals: { sandbox: w.sandbox } });
}

/** What an apply could have changed: the sandbox state without its call record and clock. */
function liveState(w: Workspace): string {
  const { instances, organization } = readStateFile(w.sandbox) as unknown as Record<string, unknown>;
  return JSON.stringify({ instances, organization });
}

/** A workspace whose gatehouse.yaml is applied: planning it again changes nothing. */
async function reviewedAndApplied(): Promise<Workspace> {
  const w = await workspace();
  expect(await apply({ yes: true }, ctxFor(w))).toBe(0);
  return w;
}

/** An attacker's config outside the repository. */
function elsewhereConfig(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'gatehouse-elsewhere-')), 'other.yaml');
  writeFileSync(path, ATTACKER_CONFIG);
  return path;
}

async function refusal(promise: Promise<unknown>): Promise<GatehouseError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GatehouseError);
    return error as GatehouseError;
  }
  throw new Error('expected apply to be refused');
}

/** Rewrites a plan file as an attacker would: change fields, recompute the (public) checksum. */
function tamper(w: Workspace, from: string, to: string, edit: (doc: Record<string, unknown>) => void): void {
  const doc = JSON.parse(readFileSync(join(w.dir, from), 'utf8')) as Record<string, unknown>;
  edit(doc);
  writeFileSync(join(w.dir, to), serializePlan(doc as never));
}

describe('a saved plan is bound to the config the user points at (finding 2)', () => {
  it('the repro: a plan made from /elsewhere/other.yaml is refused in a repo whose gatehouse.yaml plans no changes', async () => {
    const w = await reviewedAndApplied();
    const other = elsewhereConfig();
    expect(await plan({ config: other, out: 'plan.json' }, ctxFor(w))).toBe(0);
    const before = liveState(w);

    const error = await refusal(apply({ plan: 'plan.json', yes: true }, ctxFor(w)));
    expect(error).toBeInstanceOf(StalePlanError);
    expect(error.exitCode).toBe(4);
    expect(error.message).toBe(
      `plan.json was made from ${other}, not from gatehouse.yaml (the configuration loaded, which plans something else)`,
    );
    expect(error.hints).toEqual(['run `gatehouse plan -c gatehouse.yaml -o plan.json` again and apply that plan']);
    expect(liveState(w)).toBe(before);
    expect(liveState(w)).not.toContain('mallory');

    // Following the hint: the reviewed config's plan applies, and changes nothing.
    expect(await plan({ config: 'gatehouse.yaml', out: 'plan.json' }, ctxFor(w))).toBe(0);
    const applied = ctxFor(w);
    expect(await apply({ plan: 'plan.json', yes: true }, applied)).toBe(0);
    expect(applied.output()).toBe('Apply complete: 0 added, 0 changed, 0 destroyed, 0 provisioned.\n');
    expect(liveState(w)).toBe(before);
  });

  it('-c names the config; the plan is checked against it, not against the file it names', async () => {
    const w = await reviewedAndApplied();
    const other = elsewhereConfig();
    await plan({ config: other, out: 'plan.json' }, ctxFor(w));
    // Pointing -c at the attacker's file is the user's explicit choice: then it applies.
    const chosen = ctxFor(w);
    expect(await apply({ plan: 'plan.json', config: other, yes: true }, chosen)).toBe(0);
    expect(liveState(w)).toContain('mallory');
  });

  it('a config edited since the plan (same file) is refused, naming it', async () => {
    const w = await workspace();
    await plan({ out: 'plan.json' }, ctxFor(w));
    writeFileSync(join(w.dir, 'gatehouse.yaml'), SMALL_CONFIG.replace('PT4H', 'PT2H'));
    const error = await refusal(apply({ plan: 'plan.json', yes: true }, ctxFor(w)));
    expect(error).toBeInstanceOf(StalePlanError);
    expect(error.message).toBe('the configuration gatehouse.yaml changed since plan.json was made from it');
  });
});

describe('apply recomputes what the reviewer saw (checksum recomputed by the attacker)', () => {
  let w: Workspace;
  let before: string;
  beforeAll(async () => {
    // bob was created by an earlier config and is no longer in it: --prune deletes him.
    w = await workspace('org', SMALL_CONFIG.replace('groups:', `  ${BOB}\ngroups:`));
    expect(await apply({ yes: true }, ctxFor(w))).toBe(0);
    writeFileSync(join(w.dir, 'gatehouse.yaml'), SMALL_CONFIG.replace('PT4H', 'PT2H'));
    await plan({ out: 'plan.json' }, ctxFor(w));
    await plan({ out: 'prune.json', prune: true }, ctxFor(w));
    before = liveState(w);
  });

  it.each<[string, (doc: Record<string, unknown>) => void, string]>([
    [
      'summary (shown in the confirmation)',
      (doc) => (doc.summary = { ...(doc.summary as object), change: 0 }),
      'summary',
    ],
    [
      'accountNames',
      (doc) => (doc.accountNames = { ...(doc.accountNames as object), '111111111111': 'sandbox' }),
      'accountNames',
    ],
    ['the estimate', (doc) => ((doc.estimate as { apiCalls: number }).apiCalls = 1), 'estimate'],
  ])('edited %s: exit 4, the field named, nothing changed', async (name, edit, field) => {
    const file = `edited-${name.split(' ')[0]}.json`;
    tamper(w, 'plan.json', file, edit);
    const error = await refusal(apply({ plan: file, yes: true }, ctxFor(w)));
    expect(error).toBeInstanceOf(InvalidPlanError);
    expect(error.exitCode).toBe(4);
    expect(error.message).toMatch(
      new RegExp(
        `^${file.replace('.', '\\.')} is not what the configuration plans for what is live \\(different .*${field}.*\\): the plan file was changed after it was written$`,
      ),
    );
    expect(liveState(w)).toBe(before);
  });

  it('edited options: prune switched on is refused, with or without --prune at apply', async () => {
    tamper(w, 'plan.json', 'prune-on.json', (doc) => (doc.options = { prune: true }));
    const withoutFlag = await refusal(apply({ plan: 'prune-on.json', yes: true }, ctxFor(w)));
    expect(withoutFlag).toBeInstanceOf(InvalidPlanError);
    expect(withoutFlag.message).toBe(
      'prune-on.json was planned with --prune (it deletes what the config does not declare); apply it with --prune',
    );
    // With --prune, apply reads every assignment (a prune plan's scope), so the plan's fingerprint, taken
    // over the narrower scope it was really made with, no longer matches: refused before any comparison.
    const withFlag = await refusal(apply({ plan: 'prune-on.json', yes: true, prune: true }, ctxFor(w)));
    expect(withFlag.exitCode).toBe(4);
    expect(withFlag.message).toMatch(
      /^(prune-on\.json is not what the configuration plans for what is live \(different actions, .*summary|AWS changed since the plan was made)/,
    );
    expect(liveState(w)).toBe(before);
  });

  it('a prune plan (even one consistent in every field) needs --prune restated at apply; the hint applies it', async () => {
    const doc = JSON.parse(readFileSync(join(w.dir, 'prune.json'), 'utf8'));
    expect(doc.summary.destroy).toBeGreaterThan(0);
    const error = await refusal(apply({ plan: 'prune.json', yes: true }, ctxFor(w)));
    expect(error.exitCode).toBe(4);
    expect(error.hints).toEqual(['if you reviewed its deletions: `gatehouse apply --prune prune.json`']);
    expect(liveState(w)).toBe(before);
    // --prune on a plan made without it stays a usage error (exit 2).
    const usage = await refusal(apply({ plan: 'plan.json', yes: true, prune: true }, ctxFor(w)));
    expect(usage).toBeInstanceOf(UsageError);
    // Following the hint.
    const applied = ctxFor(w);
    expect(await apply({ plan: 'prune.json', yes: true, prune: true }, applied)).toBe(0);
    expect(applied.output()).toMatch(new RegExp(`, ${doc.summary.destroy} destroyed,`));
  });
});

describe('signed plans (GATEHOUSE_PLAN_KEY)', () => {
  it('round trip: plan -o signs, apply verifies and applies; the key is never shown', async () => {
    const w = await workspace();
    const planning = ctxFor(w, { GATEHOUSE_PLAN_KEY: KEY });
    expect(await plan({ out: 'plan.json' }, planning)).toBe(0);
    const text = readFileSync(join(w.dir, 'plan.json'), 'utf8');
    expect(JSON.parse(text).signature).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    const applying = ctxFor(w, { GATEHOUSE_PLAN_KEY: KEY });
    expect(await apply({ plan: 'plan.json', yes: true }, applying)).toBe(0);
    expect(applying.output()).toContain('Apply complete: 6 added');
    for (const ctx of [planning, applying]) {
      expect(JSON.stringify([ctx.stdout, ctx.notes, ctx.host.events])).not.toContain(KEY);
    }
    expect(text).not.toContain(KEY);
  });

  it('--format json prints a signed plan that apply accepts', async () => {
    const w = await workspace();
    const printing = ctxFor(w, { GATEHOUSE_PLAN_KEY: KEY });
    await plan({ format: 'json' }, printing);
    writeFileSync(join(w.dir, 'printed.json'), printing.output());
    expect(await apply({ plan: 'printed.json', yes: true }, ctxFor(w, { GATEHOUSE_PLAN_KEY: KEY }))).toBe(0);
  });

  it('refuses a bad signature, a wrong key, a missing signature, and a signed plan without the key; hints are followed', async () => {
    const w = await workspace();
    await plan({ out: 'signed.json' }, ctxFor(w, { GATEHOUSE_PLAN_KEY: KEY }));
    await plan({ out: 'unsigned.json' }, ctxFor(w));
    const before = liveState(w);
    // A bad signature on an otherwise valid plan, and a re-signed edit without the key (an attacker
    // who can write the file but does not hold the key).
    const signed = JSON.parse(readFileSync(join(w.dir, 'signed.json'), 'utf8'));
    writeFileSync(
      join(w.dir, 'bad-sig.json'),
      JSON.stringify({ ...signed, signature: `hmac-sha256:${'0'.repeat(64)}` }),
    );
    const mismatch =
      /^(bad-sig|signed)\.json: the signature does not match GATEHOUSE_PLAN_KEY \(the plan was changed after it was signed, or signed with another key\)$/;
    const cases: [string, Record<string, string>, RegExp][] = [
      ['bad-sig.json', { GATEHOUSE_PLAN_KEY: KEY }, mismatch],
      ['signed.json', { GATEHOUSE_PLAN_KEY: OTHER_KEY }, mismatch],
      [
        'unsigned.json',
        { GATEHOUSE_PLAN_KEY: KEY },
        /^unsigned\.json is not signed, but GATEHOUSE_PLAN_KEY is set: only signed plans are applied$/,
      ],
      ['signed.json', {}, /^signed\.json is signed, but GATEHOUSE_PLAN_KEY is not set to verify its signature$/],
    ];
    for (const [file, env, message] of cases) {
      const error = await refusal(apply({ plan: file, yes: true }, ctxFor(w, env)));
      expect(error, file).toBeInstanceOf(InvalidPlanError);
      expect(error.exitCode).toBe(4);
      expect(error.message).toMatch(message);
      expect(JSON.stringify([error.message, error.hints])).not.toContain(KEY);
      expect(liveState(w)).toBe(before);
    }
    // "make the plan with GATEHOUSE_PLAN_KEY set: `gatehouse plan -o unsigned.json`"
    const missing = await refusal(apply({ plan: 'unsigned.json', yes: true }, ctxFor(w, { GATEHOUSE_PLAN_KEY: KEY })));
    expect(missing.hints).toEqual(['make the plan with GATEHOUSE_PLAN_KEY set: `gatehouse plan -o unsigned.json`']);
    await plan({ out: 'unsigned.json' }, ctxFor(w, { GATEHOUSE_PLAN_KEY: KEY }));
    expect(await apply({ plan: 'unsigned.json', yes: true }, ctxFor(w, { GATEHOUSE_PLAN_KEY: KEY }))).toBe(0);
  });

  it('a signed plan without the key is refused; following the hint (set the key) applies it', async () => {
    const w = await workspace();
    await plan({ out: 'signed.json' }, ctxFor(w, { GATEHOUSE_PLAN_KEY: KEY }));
    const before = liveState(w);
    const keyless = await refusal(apply({ plan: 'signed.json', yes: true }, ctxFor(w)));
    expect(keyless.hints).toEqual([
      'set GATEHOUSE_PLAN_KEY to the key the plan was signed with, then run the same command again',
    ]);
    expect(liveState(w)).toBe(before);
    expect(await apply({ plan: 'signed.json', yes: true }, ctxFor(w, { GATEHOUSE_PLAN_KEY: KEY }))).toBe(0);
  });

  it('a key shorter than 32 bytes is refused (exit 2) by plan and apply, before AWS is read', async () => {
    const w = await workspace();
    await plan({ out: 'plan.json' }, ctxFor(w));
    const short = { GATEHOUSE_PLAN_KEY: 'too-short-key' };
    for (const attempt of [
      plan({ out: 'p2.json' }, ctxFor(w, short)),
      apply({ plan: 'plan.json', yes: true }, ctxFor(w, short)),
    ]) {
      const error = await refusal(attempt);
      expect(error).toBeInstanceOf(UsageError);
      expect(error.exitCode).toBe(2);
      expect(error.message).toBe('GATEHOUSE_PLAN_KEY is 13 bytes long; a plan signing key must be at least 32 bytes');
      expect(JSON.stringify(error.hints)).not.toContain('too-short-key');
      expect(error.hints).toEqual(["generate one with `openssl rand -hex 32` and keep it in your CI's secret store"]);
    }
    expect(existsSync(join(w.dir, 'p2.json'))).toBe(false);
    // Following the hint: a key from `openssl rand -hex 32` signs and verifies.
    const generated = {
      GATEHOUSE_PLAN_KEY: execFileSync('openssl', ['rand', '-hex', '32'], { encoding: 'utf8' }).trim(),
    };
    expect(await plan({ out: 'p2.json' }, ctxFor(w, generated))).toBe(0);
    expect(await apply({ plan: 'p2.json', yes: true }, ctxFor(w, generated))).toBe(0);
  });
});

describe('end to end (the built CLI)', () => {
  beforeAll(() => ensureBuilt(), 240_000);

  it('the repro exits 4 with one line naming both files and its hint; signed plans round-trip through the environment', async () => {
    const w = await reviewedAndApplied();
    const other = elsewhereConfig();
    const cli = (args: string[], env: Record<string, string> = {}) =>
      runCli(['--sandbox', w.sandbox, ...args], { cwd: w.dir, env });
    const planned = await cli(['plan', '-c', other, '-o', 'plan.json']);
    expect(planned.code, planned.stderr).toBe(0);
    const before = liveState(w);
    const refused = await cli(['apply', 'plan.json', '--yes']);
    expect(refused.code, refused.stderr).toBe(4);
    expect(errorLines(refused)).toEqual([
      `error: plan.json was made from ${other}, not from gatehouse.yaml (the configuration loaded, which plans something else)`,
    ]);
    expect(hintLines(refused).join('\n')).toContain('gatehouse plan -c gatehouse.yaml -o plan.json');
    expect(liveState(w)).toBe(before);

    const signed = await cli(['plan', '-o', 'signed.json'], { GATEHOUSE_PLAN_KEY: KEY });
    expect(signed.code, signed.stderr).toBe(0);
    const wrongKey = await cli(['apply', 'signed.json', '--yes'], { GATEHOUSE_PLAN_KEY: OTHER_KEY });
    expect(wrongKey.code).toBe(4);
    const applied = await cli(['apply', 'signed.json', '--yes'], { GATEHOUSE_PLAN_KEY: KEY });
    expect(applied.code, applied.stderr).toBe(0);
    for (const run of [signed, wrongKey, applied]) expect(run.stdout + run.stderr).not.toContain(KEY);
  }, 120_000);
});
