/**
 * @module Account targets expanded at plan time against the live organization: ids, names (aliases
 * from `accounts:`, the built-in `management`, live account names), `ou:/Path` (recursive),
 * `tag:key=value`, `all`, minus `exclude`. Patterns (ou, tag, all) never match the management
 * account or accounts that are not ACTIVE; naming an account (by name or id) always does.
 */

import type { Diagnostic } from '../errors.js';
import { formatAccountTarget } from '../model/account-target.js';
import type { AccountTarget, DesiredAssignmentRule, SourceRef } from '../model/desired.js';
import type { OrgAccount, OrganizationalUnit } from '../model/types.js';
import type { RuleResolution, SkippedAccount } from './actions.js';
import { describeOu, isUnder, type OuIndex, ouIndex, ousAtPath, writtenSegments } from './ou-paths.js';

/** The accounts a rule can name, and how to name them. */
export interface AccountUniverse {
  accounts: OrgAccount[];
  ous: OrganizationalUnit[];
  managementAccountId: string;
  /** Tags by account id (only read when a rule uses a tag target). */
  tags: Record<string, Record<string, string>> | null;
  /** `accounts:` aliases from the config (alias → id). */
  aliases: Record<string, string>;
  /** False for a standalone account (no organization): OU targets cannot resolve. */
  hasOrganization: boolean;
}

export interface ExpandedRule {
  resolution: RuleResolution;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

/** `ou:/Workloads`, `tag:env=prod`, `all`, a name or an id — as a person writes it. */
export const formatTarget = formatAccountTarget;

function normalizeOuPath(path: string): string {
  const withSlash = path.startsWith('/') ? path : `/${path}`;
  return withSlash.length > 1 && withSlash.endsWith('/') ? withSlash.slice(0, -1) : withSlash;
}

type Container = { id: string | null } | { error: { code: string; message: string } };

/**
 * The OU a written path names, by segments. A path string shared by two OUs (one of them has `/` in
 * its name) is refused even when the segments pick one: a reviewer reading the plan cannot tell them apart.
 */
function ouByPath(path: string, index: OuIndex): Container {
  if (path === '/') return { id: null };
  const { exact, samePathString } = ousAtPath(writtenSegments(path), index);
  if (samePathString.length > 1) {
    const named = samePathString.map((ou) => describeOu(ou, index)).join(' and ');
    return {
      error: {
        code: 'ambiguous-ou',
        message: `ou:${path} could mean ${samePathString.length} OUs, ${named} (an OU name contains "/"): name the one you mean by its id, e.g. ou:${samePathString[0]!.id}`,
      },
    };
  }
  if (exact.length === 1) return { id: exact[0]!.id };
  const paths = [...index.segments.values()].map((s) => `/${s.join('/')}`);
  return { error: { code: 'unknown-ou', message: `the organization has no OU ${path}${didYouMean(path, paths)}` } };
}

function ouById(id: string, index: OuIndex): Container {
  if (index.byId.has(id) || id === index.rootId) return { id };
  return { error: { code: 'unknown-ou', message: `the organization has no OU or root with id ${id}` } };
}

/** Why a pattern does not match this account, or undefined when it does. */
function patternSkipReason(account: OrgAccount, managementAccountId: string): string | undefined {
  if (account.id === managementAccountId) return 'management account';
  if (account.state === 'ACTIVE') return undefined;
  return account.state.toLowerCase().replace('_', ' ');
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function didYouMean(word: string, candidates: string[]): string {
  const best = candidates
    .map((c) => ({ c, d: editDistance(word.toLowerCase(), c.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(word.length / 3)))
    .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1))[0];
  return best ? ` (did you mean "${best.c}"?)` : '';
}

interface Match {
  /** Accounts the target names or matches. */
  ids: string[];
  /** Accounts a pattern matched but may not use. */
  skipped: SkippedAccount[];
  error?: { code: string; message: string };
  warning?: { code: string; message: string };
}

/**
 * Resolves one target. `asPattern` false (used for `exclude`) lets patterns reach every account,
 * whatever its state: excluding a suspended account is harmless.
 */
function matchTarget(target: AccountTarget, u: AccountUniverse, asPattern: boolean): Match {
  const byId = new Map(u.accounts.map((a) => [a.id, a]));
  const pattern = (accounts: OrgAccount[]): Match => {
    const ids: string[] = [];
    const skipped: SkippedAccount[] = [];
    for (const account of accounts) {
      const why = asPattern ? patternSkipReason(account, u.managementAccountId) : undefined;
      if (why) skipped.push({ id: account.id, why });
      else ids.push(account.id);
    }
    return { ids, skipped };
  };
  const named = (id: string, label: string): Match => {
    if (!byId.has(id)) {
      return {
        ids: [],
        skipped: [],
        error: {
          code: 'unknown-account',
          message: u.hasOrganization
            ? `${label} is not an account of the organization`
            : `${label} is not this account (${u.managementAccountId}), and there is no organization`,
        },
      };
    }
    return { ids: [id], skipped: [] };
  };

  switch (target.kind) {
    case 'id':
      return named(target.id, `account ${target.id}`);
    case 'name': {
      if (target.name === 'management') return { ids: [u.managementAccountId], skipped: [] };
      const alias = u.aliases[target.name];
      if (alias !== undefined) return named(alias, `account ${alias} (alias "${target.name}")`);
      const matches = u.accounts.filter((a) => a.name === target.name);
      if (matches.length === 1) return { ids: [matches[0]!.id], skipped: [] };
      if (matches.length > 1) {
        return {
          ids: [],
          skipped: [],
          error: {
            code: 'ambiguous-account-name',
            message: `${matches.length} accounts are named "${target.name}" (${matches
              .map((a) => a.id)
              .sort()
              .join(', ')}): name one by its id or an alias under accounts:`,
          },
        };
      }
      const names = [...Object.keys(u.aliases), ...u.accounts.map((a) => a.name), 'management'];
      return {
        ids: [],
        skipped: [],
        error: {
          code: 'unknown-account',
          message: `no account is named "${target.name}"${didYouMean(target.name, names)}`,
        },
      };
    }
    case 'ou':
    case 'ouId': {
      const written = formatAccountTarget(target);
      if (!u.hasOrganization) {
        return {
          ids: [],
          skipped: [],
          error: {
            code: 'unknown-ou',
            message: `${written} cannot be resolved: the account is not in an organization`,
          },
        };
      }
      const index = ouIndex(u.ous, u.accounts);
      const container = target.kind === 'ou' ? ouByPath(normalizeOuPath(target.path), index) : ouById(target.id, index);
      if ('error' in container) return { ids: [], skipped: [], error: container.error };
      return pattern(u.accounts.filter((a) => container.id === null || isUnder(a, container.id, index)));
    }
    case 'tag': {
      const tags = u.tags ?? {};
      const result = pattern(u.accounts.filter((a) => tags[a.id]?.[target.key] === target.value));
      if (result.ids.length === 0 && result.skipped.length === 0) {
        result.warning = {
          code: 'tag-matches-nothing',
          message: `tag:${target.key}=${target.value} matches no account`,
        };
      }
      return result;
    }
    case 'all':
      return pattern(u.accounts);
  }
}

function diagnostic(
  severity: 'error' | 'warning',
  issue: { code: string; message: string },
  rule: DesiredAssignmentRule,
  configFile: string,
  field: 'accounts' | 'exclude',
): Diagnostic {
  const source: SourceRef = rule.source ?? { file: configFile, line: 0, column: 0 };
  return {
    severity,
    code: issue.code,
    message: `assignment rule #${rule.index + 1}: ${issue.message}`,
    file: source.file,
    line: source.line,
    column: source.column,
    path: `assignments.${rule.index}.${field}`,
  };
}

/** Expands one assignment rule into account ids, with what was skipped and why. */
export function expandRule(rule: DesiredAssignmentRule, universe: AccountUniverse, configFile: string): ExpandedRule {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const included = new Set<string>();
  const skipped = new Map<string, string>();

  for (const target of rule.targets) {
    const match = matchTarget(target, universe, true);
    if (match.error) errors.push(diagnostic('error', match.error, rule, configFile, 'accounts'));
    if (match.warning) warnings.push(diagnostic('warning', match.warning, rule, configFile, 'accounts'));
    for (const id of match.ids) included.add(id);
    for (const s of match.skipped) if (!skipped.has(s.id)) skipped.set(s.id, s.why);
  }
  for (const target of rule.exclude) {
    const match = matchTarget(target, universe, false);
    if (match.error) errors.push(diagnostic('error', match.error, rule, configFile, 'exclude'));
    if (match.warning) warnings.push(diagnostic('warning', match.warning, rule, configFile, 'exclude'));
    for (const id of match.ids) {
      if (included.delete(id)) skipped.set(id, 'excluded');
    }
  }
  // Named explicitly by another target of the same rule: not skipped after all.
  for (const id of included) skipped.delete(id);

  const byId = new Map(universe.accounts.map((a) => [a.id, a]));
  for (const id of included) {
    const account = byId.get(id);
    if (account && account.state !== 'ACTIVE') {
      warnings.push(
        diagnostic(
          'warning',
          {
            code: 'inactive-account',
            message: `account ${account.name} (${id}) is ${account.state}: an assignment there cannot be used`,
          },
          rule,
          configFile,
          'accounts',
        ),
      );
    }
  }

  const resolution: RuleResolution = {
    rule: rule.index,
    principal: `${rule.principal.type}:${rule.principal.name}`,
    permissionSet: rule.permissionSet,
    targets: rule.targets.map(formatTarget),
    exclude: rule.exclude.map(formatTarget),
    accounts: [...included].sort(),
    skipped: [...skipped].map(([id, why]) => ({ id, why })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
  if (rule.source) resolution.source = rule.source;
  return { resolution, errors, warnings };
}
