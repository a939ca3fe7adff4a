/**
 * @module Assignment compression: the live accounts where one principal holds one permission set,
 * covered with as few targets as possible — `all`, `ou:/Path` subtrees and `tag:key=value` first,
 * then single accounts — without ever over-granting. Every pattern is expanded by the plan's own
 * target expansion (src/plan/targets.ts), so a pattern is used only when everything it would grant
 * is already granted; suspended accounts and the management account, which patterns never match,
 * are written as single accounts.
 */

import { formatAccountTarget, parseAccountTarget } from '../config/targets.js';
import type { AccountTarget, DesiredAssignmentRule } from '../model/desired.js';
import type { OrganizationalUnit } from '../model/types.js';
import { ouIndex, ouTargetText } from '../plan/ou-paths.js';
import { type AccountUniverse, expandRule } from '../plan/targets.js';

export interface PatternCandidate {
  /** As written: `all`, `ou:/Workloads`, `tag:env=prod`. */
  text: string;
  target: AccountTarget;
  /** The accounts the pattern grants (the plan's expansion). */
  accounts: ReadonlySet<string>;
  /** Sort rank: the narrowest kind of pattern first (nested OUs before their parents, then tags, then all). */
  rank: number;
}

/**
 * Patterns grant future accounts too, so one is only worth writing when it stands for at least this
 * many accounts; a single account is written by its name.
 */
export const MIN_PATTERN_ACCOUNTS = 2;

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The expansion of a list of targets under the plan's rules (errors: undefined). */
export function expandTargets(targets: AccountTarget[], universe: AccountUniverse): string[] | undefined {
  const rule: DesiredAssignmentRule = {
    index: 0,
    principal: { type: 'group', name: 'import' },
    permissionSet: 'import',
    targets,
    exclude: [],
  };
  const expanded = expandRule(rule, universe, 'gatehouse.yaml');
  return expanded.errors.length > 0 ? undefined : expanded.resolution.accounts;
}

/** A pattern target whose written form reads back as itself (OU and tag names can defeat that). */
function parsesBack(text: string): AccountTarget | undefined {
  const parsed = parseAccountTarget(text);
  if (!parsed.ok || formatAccountTarget(parsed.target) !== text) return undefined;
  return parsed.target;
}

/** Every pattern the organization offers, expanded; duplicates of one account set keep the narrowest. */
export function patternCandidates(universe: AccountUniverse): PatternCandidate[] {
  const texts: { text: string; rank: number }[] = [];
  if (universe.hasOrganization) {
    // Depth by parent chain, not by counting '/' (an OU name may contain one); an OU whose path
    // does not name it alone is written by its id.
    const index = ouIndex(universe.ous, universe.accounts);
    const depth = (ou: OrganizationalUnit) => index.segments.get(ou.id)?.length ?? 1;
    const maxDepth = Math.max(0, ...universe.ous.map(depth)) + 1;
    for (const ou of universe.ous) {
      const text = ouTargetText(ou, index, (t) => parsesBack(t) !== undefined);
      texts.push({ text, rank: maxDepth - depth(ou) - 1 });
    }
    const tags = new Set<string>();
    for (const accountTags of Object.values(universe.tags ?? {})) {
      for (const [key, value] of Object.entries(accountTags)) tags.add(`tag:${key}=${value}`);
    }
    for (const text of tags) texts.push({ text, rank: maxDepth + 1 });
    texts.push({ text: 'all', rank: maxDepth + 2 });
  }
  const candidates: PatternCandidate[] = [];
  for (const { text, rank } of texts) {
    const target = parsesBack(text);
    if (!target) continue;
    const accounts = expandTargets([target], universe);
    if (!accounts || accounts.length < MIN_PATTERN_ACCOUNTS) continue;
    candidates.push({ text, target, accounts: new Set(accounts), rank });
  }
  candidates.sort((a, b) => a.rank - b.rank || byString(a.text, b.text));
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const key = [...c.accounts].sort().join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface Cover {
  /** Patterns chosen, in written order (all, OUs by path, tags). */
  patterns: PatternCandidate[];
  /** Accounts no chosen pattern covers: written one by one. */
  singles: string[];
}

const KIND_ORDER: Record<AccountTarget['kind'], number> = { all: 0, ou: 1, ouId: 1, tag: 2, name: 3, id: 3 };

/**
 * Covers the live account sets of many (principal, permission set) pairs. Built once per
 * organization: the candidates and an account → candidates index make each cover cheap.
 */
export class AssignmentCompressor {
  readonly candidates: readonly PatternCandidate[];
  private readonly byAccount = new Map<string, PatternCandidate[]>();

  constructor(universe: AccountUniverse) {
    this.candidates = patternCandidates(universe);
    for (const c of this.candidates) {
      for (const id of c.accounts) {
        const list = this.byAccount.get(id) ?? [];
        list.push(c);
        this.byAccount.set(id, list);
      }
    }
  }

  /**
   * Greedy set cover with patterns that are subsets of `live` (so nothing is over-granted): take
   * the pattern that covers the most uncovered accounts (at least MIN_PATTERN_ACCOUNTS; ties: the
   * narrower pattern, then the more specific kind, then by text), drop patterns the others make
   * redundant, and leave the rest as single accounts. Deterministic for a given input.
   */
  cover(live: ReadonlySet<string>): Cover {
    const hits = new Map<PatternCandidate, number>();
    for (const id of live) {
      for (const c of this.byAccount.get(id) ?? []) hits.set(c, (hits.get(c) ?? 0) + 1);
    }
    const usable = [...hits].filter(([c, n]) => n === c.accounts.size).map(([c]) => c);
    const uncovered = new Set(live);
    const chosen: PatternCandidate[] = [];
    for (;;) {
      let best: { c: PatternCandidate; gain: number } | undefined;
      for (const c of usable) {
        if (chosen.includes(c)) continue;
        let gain = 0;
        for (const id of c.accounts) if (uncovered.has(id)) gain++;
        if (gain < MIN_PATTERN_ACCOUNTS) continue;
        if (
          !best ||
          gain > best.gain ||
          (gain === best.gain &&
            (c.accounts.size < best.c.accounts.size ||
              (c.accounts.size === best.c.accounts.size &&
                (c.rank < best.c.rank || (c.rank === best.c.rank && byString(c.text, best.c.text) < 0)))))
        ) {
          best = { c, gain };
        }
      }
      if (!best) break;
      chosen.push(best.c);
      for (const id of best.c.accounts) uncovered.delete(id);
    }
    // A pattern whose accounts the other chosen patterns all cover says nothing more.
    for (let i = chosen.length - 1; i >= 0; i--) {
      const c = chosen[i]!;
      const others = chosen.filter((o) => o !== c);
      if ([...c.accounts].every((id) => others.some((o) => o.accounts.has(id)))) chosen.splice(i, 1);
    }
    chosen.sort((a, b) => KIND_ORDER[a.target.kind] - KIND_ORDER[b.target.kind] || byString(a.text, b.text));
    return { patterns: chosen, singles: [...uncovered].sort(byString) };
  }
}
