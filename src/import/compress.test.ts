import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { parseAccountTarget } from '../config/targets.js';
import { AssignmentCompressor, expandTargets, patternCandidates } from './compress.js';
import {
  ACCOUNTS,
  AUDIT,
  DEV,
  LOG,
  MGMT,
  OLD_DEV,
  PROD,
  PROD_EU,
  SANDBOX,
  STAGING,
  universe,
} from './org.test-helpers.js';

const ACTIVE_MEMBERS = [DEV, STAGING, PROD, PROD_EU, AUDIT, LOG];

function cover(accounts: string[], u = universe()) {
  const result = new AssignmentCompressor(u).cover(new Set(accounts));
  return { patterns: result.patterns.map((p) => p.text), singles: result.singles };
}

describe('pattern candidates', () => {
  test('OUs (recursive), tags and all, expanded by the plan: only active member accounts', () => {
    const byText = new Map(patternCandidates(universe()).map((c) => [c.text, [...c.accounts].sort()]));
    expect(byText.get('ou:/Workloads')).toEqual([DEV, STAGING, PROD, PROD_EU].sort());
    expect(byText.get('ou:/Workloads/Dev')).toEqual([DEV, STAGING]);
    expect(byText.get('ou:/Workloads/Prod')).toEqual([PROD, PROD_EU]);
    expect(byText.get('all')).toEqual([...ACTIVE_MEMBERS].sort());
    // tag:env=prod and tag:team=security grant what an OU already does: only the OU is kept.
    expect(byText.has('tag:env=prod')).toBe(false);
    expect(byText.has('tag:team=security')).toBe(false);
    expect(byText.get('ou:/Security')).toEqual([AUDIT, LOG]);
  });

  test('a standalone account offers no patterns', () => {
    const standalone = universe({
      accounts: [{ id: MGMT, name: '', email: '', state: 'ACTIVE', parentId: '', ouPath: '/' }],
      ous: [],
      tags: null,
      hasOrganization: false,
    });
    expect(patternCandidates(standalone)).toEqual([]);
  });
});

describe('AssignmentCompressor.cover', () => {
  test('every active account of an OU subtree → one ou: rule', () => {
    expect(cover([DEV, STAGING, PROD, PROD_EU])).toEqual({ patterns: ['ou:/Workloads'], singles: [] });
  });

  test('a nested OU → its own path', () => {
    expect(cover([DEV, STAGING])).toEqual({ patterns: ['ou:/Workloads/Dev'], singles: [] });
  });

  test('every account with a tag → tag: (when no OU says the same)', () => {
    const u = universe({ tags: { [DEV]: { tier: 'gold' }, [AUDIT]: { tier: 'gold' } } });
    expect(cover([DEV, AUDIT], u)).toEqual({ patterns: ['tag:tier=gold'], singles: [] });
  });

  test('every active member account → all', () => {
    expect(cover(ACTIVE_MEMBERS)).toEqual({ patterns: ['all'], singles: [] });
  });

  test('the management account and suspended or closing accounts are never covered by a pattern', () => {
    expect(cover([...ACTIVE_MEMBERS, MGMT, OLD_DEV, SANDBOX])).toEqual({
      patterns: ['all'],
      singles: [MGMT, OLD_DEV, SANDBOX].sort(),
    });
    expect(cover([DEV, STAGING, OLD_DEV])).toEqual({ patterns: ['ou:/Workloads/Dev'], singles: [OLD_DEV] });
  });

  test('never over-grants: one account of the OU missing → no OU rule for it', () => {
    const result = cover([DEV, PROD, PROD_EU]);
    expect(result).toEqual({ patterns: ['ou:/Workloads/Prod'], singles: [DEV] });
  });

  test('a pattern that would stand for one account only is written as that account', () => {
    const u = universe({ tags: { [DEV]: { owner: 'ada' } } });
    expect(cover([DEV], u)).toEqual({ patterns: [], singles: [DEV] });
  });

  test('several patterns when one does not cover everything; redundant ones dropped', () => {
    expect(cover([DEV, STAGING, AUDIT, LOG])).toEqual({ patterns: ['ou:/Security', 'ou:/Workloads/Dev'], singles: [] });
  });

  test('ties are broken the same way whatever the input order', () => {
    const u = universe({
      tags: { ...universe().tags, [DEV]: { env: 'dev', pair: 'x' }, [STAGING]: { env: 'dev', pair: 'x' } },
    });
    const forward = new AssignmentCompressor(u).cover(new Set([DEV, STAGING]));
    const backward = new AssignmentCompressor({
      ...u,
      accounts: [...u.accounts].reverse(),
      ous: [...u.ous].reverse(),
    }).cover(new Set([STAGING, DEV]));
    expect(forward.patterns.map((p) => p.text)).toEqual(['ou:/Workloads/Dev']);
    expect(backward.patterns.map((p) => p.text)).toEqual(['ou:/Workloads/Dev']);
  });
});

describe('property: a cover grants exactly the live accounts', () => {
  const ids = ACCOUNTS.map((a) => a.id);
  fcTest.prop([fc.subarray(ids, { minLength: 1 }), fc.boolean()], { numRuns: 300, seed: 42 })(
    'patterns are subsets of the live set; patterns plus singles expand to exactly it',
    (live, withTags) => {
      const u = universe(withTags ? {} : { tags: {} });
      const result = new AssignmentCompressor(u).cover(new Set(live));
      for (const p of result.patterns) for (const id of p.accounts) expect(live).toContain(id);
      const targets = [
        ...result.patterns.map((p) => p.target),
        ...result.singles.map((id) => ({ kind: 'id' as const, id })),
      ];
      expect(expandTargets(targets, u)).toEqual([...live].sort());
      // Written patterns read back as themselves.
      for (const p of result.patterns) expect(parseAccountTarget(p.text)).toEqual({ ok: true, target: p.target });
    },
  );
});
