/**
 * @module Assignment rules for import: the live assignments grouped per (principal, permission set),
 * each group covered by the compressor's patterns plus single accounts (names, `management`,
 * aliases, ids), and the check that every written rule expands — under the plan's own expansion — to
 * exactly the live accounts it stands for.
 */

import type { WrittenConfig } from '../config/schema.js';
import { parseAccountTarget } from '../config/targets.js';
import { InternalError } from '../errors.js';
import type { AccountUniverse } from '../plan/targets.js';
import { accountNaming } from './account-names.js';
import { AssignmentCompressor, expandTargets } from './compress.js';
import type { ImportNotes } from './notes.js';

export type WrittenAssignment = NonNullable<WrittenConfig['assignments']>[number];

/** The live accounts where one principal (`group:Ops`, `user:ada`) holds one permission set. */
export interface LivePair {
  principal: string;
  permissionSet: string;
  accounts: Set<string>;
}

export interface WrittenRules {
  assignments: WrittenAssignment[];
  /** `accounts:` aliases the rules use (alias → id). */
  aliases: Record<string, string>;
  /** Live assignments the rules reproduce. */
  assignmentCount: number;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** At most this many account names in the comment that says what a pattern rule grants. */
const NAMES_IN_COMMENT = 8;

/** Comments name accounts by name, with the id where the name alone is ambiguous. */
function accountLabels(universe: AccountUniverse): Map<string, string> {
  const counts = new Map<string, number>();
  for (const a of universe.accounts) counts.set(a.name, (counts.get(a.name) ?? 0) + 1);
  return new Map(
    universe.accounts.map((a) => [
      a.id,
      a.name && counts.get(a.name) === 1 ? a.name : `${a.name || 'account'} (${a.id})`,
    ]),
  );
}

/**
 * One rule per pair, sorted by principal then permission set. Sets `universe.aliases` to the aliases
 * it hands out, and throws InternalError if a rule would not expand to exactly its live accounts.
 */
export function writeRules(pairs: Iterable<LivePair>, universe: AccountUniverse, notes: ImportNotes): WrittenRules {
  const compressor = new AssignmentCompressor(universe);
  const naming = accountNaming(universe.accounts, universe.managementAccountId);
  const labels = accountLabels(universe);
  const ordered = [...pairs].sort(
    (a, b) => byString(a.principal, b.principal) || byString(a.permissionSet, b.permissionSet),
  );
  const assignments: WrittenAssignment[] = [];
  let assignmentCount = 0;
  for (const pair of ordered) {
    const cover = compressor.cover(pair.accounts);
    const singles = cover.singles.map((id) => naming.targetFor(id)).sort(byString);
    assignments.push({
      principal: pair.principal,
      permissionSet: pair.permissionSet,
      accounts: [...cover.patterns.map((p) => p.text), ...singles],
    });
    assignmentCount += pair.accounts.size;
    if (cover.patterns.length > 0) {
      const names = [...pair.accounts].map((id) => labels.get(id) ?? id).sort(byString);
      const shown =
        names.length > NAMES_IN_COMMENT
          ? `${names.slice(0, NAMES_IN_COMMENT).join(', ')}, … (${names.length - NAMES_IN_COMMENT} more)`
          : names.join(', ');
      notes.comment(['assignments', assignments.length - 1], `${pair.accounts.size} accounts: ${shown}`);
    }
  }
  universe.aliases = naming.aliases();
  const expansion = targetExpansions(universe);
  assignments.forEach((rule, index) => {
    assertExpandsTo(rule.accounts, expansion, ordered[index]!);
  });
  return { assignments, aliases: naming.aliases(), assignmentCount };
}

/**
 * The expansion of one written target under the plan's rules, memoised: a rule without excludes
 * grants the union of its targets' expansions, so each distinct target is expanded once.
 */
function targetExpansions(universe: AccountUniverse): (text: string) => readonly string[] {
  const memo = new Map<string, readonly string[]>();
  return (text) => {
    let accounts = memo.get(text);
    if (!accounts) {
      const parsed = parseAccountTarget(text);
      if (!parsed.ok) throw new InternalError(`import wrote an unreadable target ${text}: ${parsed.problem}`);
      const expanded = expandTargets([parsed.target], universe);
      if (!expanded) throw new InternalError(`import wrote a target that does not resolve: ${text}`);
      accounts = expanded;
      memo.set(text, accounts);
    }
    return accounts;
  };
}

function assertExpandsTo(
  targets: readonly string[],
  expansion: (text: string) => readonly string[],
  pair: LivePair,
): void {
  const got = [...new Set(targets.flatMap((t) => expansion(t)))].sort(byString);
  const wanted = [...pair.accounts].sort(byString);
  if (got.join(',') !== wanted.join(',')) {
    throw new InternalError(
      `import would write a rule for ${pair.principal} / ${pair.permissionSet} that grants ${got.join(', ') || 'nothing'} instead of ${wanted.join(', ')}`,
    );
  }
}
