/**
 * @module What an unfinished apply reports: a few lines a person reads (counts by kind, the first few
 * addresses, every failure up to a cap) and the full list as text for a file. Pure: the CLI decides
 * where the file goes.
 */

/** The lists an unfinished run reports (PartialApplyError's fields). */
export interface ApplyOutcome {
  done: string[];
  failed: { address: string; message: string }[];
  notDone: string[];
}

/** Addresses shown per list before "… and N more". */
const SHOWN = 5;

/** `assignment 10541, permission-set 15`: how many of each resource kind (the address's first segment). */
export function countsByKind(addresses: string[]): string {
  const counts = new Map<string, number>();
  for (const a of addresses) {
    const kind = a.slice(0, a.indexOf('/') > 0 ? a.indexOf('/') : a.length);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, n]) => `${kind} ${n}`).join(', ');
}

function listLine(title: string, addresses: string[]): string[] {
  if (addresses.length === 0) return [];
  if (addresses.length <= SHOWN) return [`${title} (${addresses.length}): ${addresses.join(', ')}`];
  const first = addresses.slice(0, SHOWN).join(', ');
  return [
    `${title} (${addresses.length}; ${countsByKind(addresses)}): ${first}, … and ${addresses.length - SHOWN} more`,
  ];
}

/** At most 2 + SHOWN + 1 lines, however large the plan. */
export function outcomeLines(outcome: ApplyOutcome): string[] {
  const failed = outcome.failed.slice(0, SHOWN).map((f) => `failed: ${f.address}: ${f.message}`);
  if (outcome.failed.length > SHOWN) failed.push(`… and ${outcome.failed.length - SHOWN} more failed`);
  return [...listLine('done', outcome.done), ...failed, ...listLine('not done', outcome.notDone)];
}

/** The full report, one address per line, for the file the short report points to. */
export function renderOutcomeFile(outcome: ApplyOutcome, headline: string): string {
  const section = (title: string, lines: string[]) => [
    `${title} (${lines.length}):`,
    ...lines.map((l) => `  ${l}`),
    '',
  ];
  return [
    `# gatehouse apply: ${headline}`,
    '# AWS keeps what was done; `gatehouse plan` shows what is left and `gatehouse apply` converges.',
    '',
    ...section('done', outcome.done),
    ...section(
      'failed',
      outcome.failed.map((f) => `${f.address}: ${f.message}`),
    ),
    ...section('not done', outcome.notDone),
  ].join('\n');
}
