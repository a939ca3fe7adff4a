/**
 * @module How `import` writes one account as an assignment target: `management` for the management
 * (or standalone) account, the account's name where that name is unique and reads back as a name,
 * else an alias under `accounts:` derived from the name (duplicate or unusual names), else the
 * 12-digit id as a quoted string. The rules mirror how the plan resolves names (src/plan/targets.ts):
 * aliases win over live names, so an alias is never the name of a live account.
 */

import { ACCOUNT_ALIAS, ACCOUNT_ID } from '../config/limits.js';
import { MANAGEMENT_TARGET, parseAccountTarget } from '../config/targets.js';
import type { OrgAccount } from '../model/types.js';

export interface AccountNaming {
  /** The written target for one account (a name, `management`, an alias or the id). */
  targetFor(accountId: string): string;
  /** The aliases handed out so far (alias → id), sorted by alias. */
  aliases(): Record<string, string>;
}

/** Words a plain name target cannot be: they mean something else to the config. */
const RESERVED_TARGETS = new Set([MANAGEMENT_TARGET, 'all']);

/** True when `name` written as a target parses back as exactly this account name. */
function readsBackAsName(name: string): boolean {
  if (RESERVED_TARGETS.has(name)) return false;
  const parsed = parseAccountTarget(name);
  return parsed.ok && parsed.target.kind === 'name' && parsed.target.name === name;
}

/** A readable alias stem from an account name: `Prod (EU)` → `Prod-EU`. */
function aliasStem(name: string): string {
  const stem = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[-.]+$/, '')
    .slice(0, 48);
  return stem === '' ? 'account' : stem;
}

export function accountNaming(accounts: readonly OrgAccount[], managementAccountId: string): AccountNaming {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const nameCounts = new Map<string, number>();
  for (const a of accounts) nameCounts.set(a.name, (nameCounts.get(a.name) ?? 0) + 1);
  const liveNames = new Set(accounts.map((a) => a.name));
  const aliases = new Map<string, string>();
  const aliasById = new Map<string, string>();

  const aliasFree = (alias: string) =>
    ACCOUNT_ALIAS.test(alias) &&
    !ACCOUNT_ID.test(alias) &&
    !RESERVED_TARGETS.has(alias) &&
    !liveNames.has(alias) &&
    !aliases.has(alias);

  const aliasFor = (account: OrgAccount): string | undefined => {
    const known = aliasById.get(account.id);
    if (known) return known;
    const stem = aliasStem(account.name);
    const alias = [`${stem}-${account.id.slice(-4)}`, `${stem}-${account.id}`].find(aliasFree);
    if (!alias) return undefined;
    aliases.set(alias, account.id);
    aliasById.set(account.id, alias);
    return alias;
  };

  return {
    targetFor(accountId) {
      if (accountId === managementAccountId) return MANAGEMENT_TARGET;
      const account = byId.get(accountId);
      if (!account) return accountId;
      if (nameCounts.get(account.name) === 1 && readsBackAsName(account.name)) return account.name;
      return aliasFor(account) ?? accountId;
    },
    aliases() {
      return Object.fromEntries([...aliases].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    },
  };
}
