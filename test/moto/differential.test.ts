/**
 * @module The differential suite: the same SDK calls against the built-in sandbox (in process) and
 * against moto (over HTTP, without shims), answers normalised and compared. Every difference must
 * be explained by a named allowance (differential/allowances.ts, also listed in the sandbox
 * README's "Known differences from moto"); every allowance must still be needed.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOWANCES, allowanceKeys, type Finding, judge, MOTO_MISSING_OPERATIONS } from './differential/allowances.js';
import { iamSteps } from './differential/iam-steps.js';
import { identityStoreSteps } from './differential/identity-store-steps.js';
import { show } from './differential/normalize.js';
import { organizationsSteps } from './differential/organizations-steps.js';
import { motoSide, type SandboxSide, type Side, sandboxSide } from './differential/sides.js';
import { ssoAdminSteps } from './differential/sso-admin-steps.js';
import { type Answered, runSteps, type Step } from './differential/steps.js';
import { stsAccountSteps } from './differential/sts-account-steps.js';
import { type MotoServer, startMoto } from './moto-server.js';

let moto: MotoServer | undefined;
let sandbox: SandboxSide | undefined;
let motoClients: Side | undefined;
/** Allowance keys that explained at least one difference in this run. */
const used = new Set<string>();
/** Every step's normalised answers, by step name (for the checks that the comparison is not vacuous). */
const answers = new Map<string, Answered>();
let sectionsPassed = 0;

beforeAll(async () => {
  moto = await startMoto();
  sandbox = sandboxSide();
  motoClients = await motoSide(moto.endpoint);
}, 120_000);

afterAll(async () => {
  sandbox?.close();
  motoClients?.close();
  await moto?.stop();
});

function describeFinding(f: Finding): string {
  return [
    `${f.service} ${f.op} — ${f.step}`,
    `    at ${f.path || '(the answer)'}`,
    `      sandbox: ${show(f.sandbox)}`,
    `      moto:    ${show(f.moto)}`,
  ].join('\n');
}

async function compare(steps: Step[]): Promise<void> {
  if (!sandbox || !motoClients) throw new Error('the sides were not set up');
  const answered = await runSteps(sandbox, motoClients, steps);
  for (const a of answered) answers.set(a.step.name, a);
  const unexplained = judge(answered, used);
  if (unexplained.length > 0) {
    expect.fail(
      `${unexplained.length} difference(s) no allowance in test/moto/differential/allowances.ts explains:\n${unexplained
        .map(describeFinding)
        .join('\n')}`,
    );
  }
  sectionsPassed += 1;
}

// The sections share one world and run in order (the identity store needs the organization, …).
describe('the sandbox and moto answer alike', { timeout: 60_000 }, () => {
  it('organizations', async () => {
    await compare(organizationsSteps);
  });

  it('the instance and its identity store', async () => {
    await compare(identityStoreSteps);
  });

  it('sso-admin', async () => {
    await compare(ssoAdminSteps);
  });

  it('iam', async () => {
    await compare(iamSteps);
  });

  it('sts and account', async () => {
    await compare(stsAccountSteps);
  });

  it('compared real answers, not placeholders', () => {
    expect(sectionsPassed, 'every section must pass first').toBe(5);
    const both = (step: string) => {
      const a = answers.get(step);
      if (!a) throw new Error(`no step ${step}`);
      return [a.sandbox, a.moto] as const;
    };
    const names = (answer: unknown) =>
      ((answer as { ok: { Accounts: { Name: string }[] } }).ok.Accounts ?? []).map((a) => a.Name).sort();
    for (const answer of both('list accounts')) expect(names(answer)).toEqual(['dev', 'log-archive', 'master', 'prod']);
    for (const answer of both('describe user alice')) {
      expect(answer).toMatchObject({ ok: { UserName: 'alice', UserId: '<user:alice>', DisplayName: 'Alice Archer' } });
    }
    for (const answer of both('assignments of Engineers, one at a time')) {
      expect((answer as { ok: { pages: unknown[] } }).ok.pages).toHaveLength(2);
    }
    for (const answer of both('the credential report')) {
      expect(Object.keys((answer as { ok: { rows: object } }).ok.rows)).toEqual(
        expect.arrayContaining(['alice-iam', 'bob-iam', 'ci']),
      );
    }
    for (const answer of both('who is calling with that session')) {
      expect(answer).toMatchObject({
        ok: {
          Account: '<acct:dev>',
          Arn: 'arn:aws:sts::<acct:dev>:assumed-role/OrganizationAccountAccessRole/gatehouse-audit',
        },
      });
    }
  });

  it('needs every allowance it has', () => {
    // Judged only after a full run: a failed section stops before it could use its allowances.
    expect(sectionsPassed, 'every section must pass first').toBe(5);
    const stale = allowanceKeys().filter((k) => !used.has(k));
    expect(stale, 'allowances that explained nothing (remove them, or restore the step that needs them)').toEqual([]);
  });
});

describe('the allowance table', () => {
  const readme = readFileSync(join(import.meta.dirname, '../../src/sandbox/README.md'), 'utf8');
  const start = readme.indexOf('## Known differences from moto');
  const end = readme.indexOf('\n## ', start + 3);
  const section = readme.slice(start, end === -1 ? undefined : end);

  it('is the list in the sandbox README, id for id', () => {
    expect(start, 'the README has a "Known differences from moto" section').toBeGreaterThan(0);
    const listed = [...section.matchAll(/`((?:moto|sandbox)-[a-z0-9-]+)`/g)].map((m) => m[1]);
    expect([...new Set(listed)].sort()).toEqual(ALLOWANCES.map((a) => a.id).sort());
  });

  it('names every missing operation in the README', () => {
    const missing = MOTO_MISSING_OPERATIONS.filter((op) => !section.includes(op.split(':')[1] ?? op));
    expect(missing).toEqual([]);
  });

  it('describes and justifies every allowance', () => {
    for (const a of ALLOWANCES) {
      expect(a.difference.length, a.id).toBeGreaterThan(20);
      expect(a.why.length, a.id).toBeGreaterThan(10);
      expect(Boolean(a.matches) !== Boolean(a.rewrite), `${a.id}: either matches or rewrite`).toBe(true);
    }
  });
});
