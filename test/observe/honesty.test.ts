/**
 * The honesty test (issue #4): deny each IAM action of the audit policy in turn in the sandbox.
 * Collection half: exactly the facts that call the action come back `denied` with it; facts that
 * only depend on them are denied with it or read another way; every other fact is unchanged.
 * Check half: every check that requires an affected fact reports `error` (or `skipped` when
 * another of its facts does not apply), never `pass`.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { findCheck, runChecks } from '../../src/checks/index.js';
import { defaultBaseline } from '../../src/config/baseline.js';
import type { Evidence } from '../../src/observe/evidence.js';
import { ALL_FACT_IDS, FACT_READERS } from '../../src/observe/facts/index.js';
import type { FactId, Snapshot } from '../../src/observe/snapshot.js';
import { NO_PERMISSION_NEEDED, permissionsPolicy } from '../../src/permissions/index.js';
import { collectFromSandbox } from './helpers/sandbox-run.js';
import { PLAN_FOOTPRINT_RUN, SCENARIO_RUNS, type ScenarioRun } from './helpers/scenario-runs.js';

const RUNS: readonly ScenarioRun[] = [...SCENARIO_RUNS, PLAN_FOOTPRINT_RUN];

type Run = Awaited<ReturnType<typeof collectFromSandbox>>;

/** `factId` for organization facts, `accountId/factId` for account facts. */
function keyOf(factId: FactId, accountId?: string): string {
  return accountId === undefined ? factId : `${accountId}/${factId}`;
}

function evidenceMap(snapshot: Snapshot): Map<string, Evidence<unknown>> {
  const map = new Map<string, Evidence<unknown>>();
  for (const [id, e] of Object.entries(snapshot.org)) if (e) map.set(id, e as Evidence<unknown>);
  for (const [accountId, facts] of Object.entries(snapshot.accounts)) {
    for (const [id, e] of Object.entries(facts)) if (e) map.set(keyOf(id as FactId, accountId), e as Evidence<unknown>);
  }
  return map;
}

/** Organization facts that read `id` through their needs or wants, transitively. */
function dependentsOf(id: FactId): Set<FactId> {
  const out = new Set<FactId>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const reader of Object.values(FACT_READERS)) {
      const uses = [...(reader.needs ?? []), ...(reader.wants ?? [])];
      if (!out.has(reader.id) && uses.some((u) => u === id || out.has(u))) {
        out.add(reader.id);
        grew = true;
      }
    }
  }
  return out;
}

const baselines = new Map<string, Run>();
const actions = permissionsPolicy('audit')
  .Statement.flatMap((s) => s.Action)
  .filter((a) => !NO_PERMISSION_NEEDED.has(a));

beforeAll(async () => {
  for (const r of RUNS) {
    baselines.set(
      r.name,
      await collectFromSandbox(r.scenario, ALL_FACT_IDS, {
        accounts: r.accounts,
        ...(r.sizes ? { sizes: r.sizes } : {}),
        ...(r.assignmentRequest ? { assignmentRequest: r.assignmentRequest } : {}),
      }),
    );
  }
}, 60_000);

/** The first (cheapest) scenario whose baseline calls `action`. */
function scenarioFor(action: string): ScenarioRun {
  const order = ['day1', 'fresh', 'org', 'large (pair scan)', 'large (principal scan)', PLAN_FOOTPRINT_RUN.name];
  const name = order.find((n) =>
    baselines
      .get(n)
      ?.sandbox.calls()
      .some((c) => c.action === action),
  );
  const run = RUNS.find((r) => r.name === name);
  if (!run) throw new Error(`no scenario calls ${action}`);
  return run;
}

describe('denying each IAM action in turn', () => {
  it('covers every action of the audit policy', () => {
    expect(actions.length).toBeGreaterThan(25);
    for (const action of actions) expect(() => scenarioFor(action)).not.toThrow();
  });

  it.each(actions)('%s: exactly the facts that call it are denied, and no check needing it passes', async (action) => {
    const scenario = scenarioFor(action);
    const baseline = baselines.get(scenario.name) as Run;
    const denied = await collectFromSandbox(scenario.scenario, ALL_FACT_IDS, {
      accounts: scenario.accounts,
      ...(scenario.sizes ? { sizes: scenario.sizes } : {}),
      ...(scenario.assignmentRequest ? { assignmentRequest: scenario.assignmentRequest } : {}),
      knobs: { denials: [{ action }] },
    });

    // The facts whose own reads called the action in the baseline.
    const callers = new Set(baseline.calls.filter((c) => c.action === action).map((c) => keyOf(c.factId, c.accountId)));
    const before = evidenceMap(baseline.snapshot);
    const after = evidenceMap(denied.snapshot);
    const dependents = new Set([...callers].flatMap((k) => [...dependentsOf(k.split('/').at(-1) as FactId)]));
    const entering = action === 'sts:AssumeRole';
    const treeLost = callers.has('organizations.tree') && scenario.accounts === 'all';
    if (!entering) expect(callers.size).toBeGreaterThan(0);

    for (const [key, was] of before) {
      const now = after.get(key);
      const accountId = key.includes('/') ? key.split('/')[0] : undefined;
      const member = accountId !== undefined && accountId !== denied.snapshot.callerAccountId;
      if (entering && member) {
        // A member account that cannot be entered: every one of its facts is an error.
        expect([key, now]).toMatchObject([key, { status: 'error', code: 'account-entry' }]);
      } else if (treeLost && member) {
        // Without the organization's account list, member accounts cannot be found: said in a warning.
        expect(now).toBeUndefined();
        expect(denied.host.logs('warn').some((l) => l.includes('member accounts were not read'))).toBe(true);
      } else if (callers.has(key)) {
        expect([key, now]).toMatchObject([key, { status: 'denied', action }]);
      } else if (dependents.has(key as FactId)) {
        // Read another way (e.g. assignments by pair scan without the user list), or denied likewise.
        if (now?.status !== 'ok') expect([key, now]).toMatchObject([key, { status: 'denied', action }]);
      } else {
        expect([key, now?.status]).toEqual([key, was.status]);
      }
    }

    // The check half: no check that needs an affected fact passes.
    const affected = new Set(
      [...after].filter(([k, e]) => e.status !== 'ok' && before.get(k)?.status === 'ok').map(([k]) => k),
    );
    const results = runChecks({
      snapshot: denied.snapshot,
      desired: defaultBaseline(),
      now: denied.snapshot.observedAt,
    });
    let judged = 0;
    for (const result of results) {
      const check = findCheck(result.checkId);
      if (!check) throw new Error(`unknown check ${result.checkId}`);
      const needsAffected = check.requires.some((id) =>
        affected.has(keyOf(id, FACT_READERS[id].scope === 'account' ? result.accountId : undefined)),
      );
      if (!needsAffected) continue;
      judged += 1;
      expect([result.checkId, result.accountId, result.status]).not.toEqual([result.checkId, result.accountId, 'pass']);
      expect(['error', 'skipped']).toContain(result.status);
      if (result.status === 'error') expect(result.reason.length).toBeGreaterThan(0);
    }
    // An action no check depends on (e.g. account tags) may judge nothing; the others must.
    if (affected.size > 0 && judged > 0) {
      expect(
        results.some((r) => r.status === 'error' && (r.reason.includes(action) || r.reason.includes('could not'))),
      ).toBe(true);
    }
  });
});
