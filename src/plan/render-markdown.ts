/**
 * @module The plan as the body of a pull-request comment (`gatehouse plan --format markdown`): the
 * summary first, then the grants-access and removes-access banners, manual steps, what the rules
 * resolved to, and the full text plan in `<details>`. It fits GitHub's 65,536-character comment
 * limit by shortening the detailed list (never a banner entry) and says where the full plan is.
 */

import { escapeMarkdown } from '../report/escape.js';
import type { PlanAction, PlanDocument } from './actions.js';
import { renderPlan } from './render.js';

/** GitHub refuses an issue or PR comment body longer than this (characters). */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownPlanOptions {
  /** Upper bound on the body's length; default GITHUB_COMMENT_LIMIT. */
  maxLength?: number;
  /** Where readers find the full plan when the list is shortened (a run URL, an artifact name). */
  fullPlanAt?: string;
}

/** Accounts named in one banner or rule line before "and N more" when space is short. */
const ACCOUNTS_SHOWN_WHEN_SHORT = 10;

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

/** `3 to add, 1 to change, 0 to destroy, 1 manual` (plus provisioning when there is any). */
export function markdownSummaryLine(plan: PlanDocument): string {
  const s = plan.summary;
  const provision = s.provision > 0 ? `, ${s.provision} to provision` : '';
  return `${s.add} to add, ${s.change} to change, ${s.destroy} to destroy, ${s.manual} manual${provision}`;
}

function accountName(plan: PlanDocument, id: string): string {
  return plan.accountNames[id] ?? id;
}

function accountList(plan: PlanDocument, ids: readonly string[], short: boolean): string {
  const names = ids.map((id) => escapeMarkdown(accountName(plan, id)));
  if (!short || names.length <= ACCOUNTS_SHOWN_WHEN_SHORT) return names.join(', ');
  return `${names.slice(0, ACCOUNTS_SHOWN_WHEN_SHORT).join(', ')} and ${plural(names.length - ACCOUNTS_SHOWN_WHEN_SHORT, 'more account')}`;
}

const GLYPH: Record<PlanAction['kind'], string> = {
  create: '+',
  update: '~',
  delete: '-',
  replace: '-/+',
  provision: '↻',
};

/**
 * Banner entries: one per action, except assignments, which are one entry per (change, principal,
 * permission set) naming its accounts, so that thousands of assignments stay readable and whole.
 */
function bannerEntries(plan: PlanDocument, actions: readonly PlanAction[], short: boolean): string[] {
  const entries: string[] = [];
  const assignments = new Map<string, { verb: string; principal: string; permissionSet: string; accounts: string[] }>();
  for (const a of actions) {
    if (a.type === 'assignment') {
      const principal = `${a.principal.type}:${a.principal.name}`;
      const key = `${a.kind}\u0000${principal}\u0000${a.permissionSet.name}`;
      const entry = assignments.get(key) ?? {
        verb: a.kind === 'create' ? 'gets' : 'loses',
        principal,
        permissionSet: a.permissionSet.name,
        accounts: [],
      };
      entry.accounts.push(a.accountId);
      if (!assignments.has(key)) {
        assignments.set(key, entry);
        entries.push(key);
      }
    } else {
      entries.push(`- \`${GLYPH[a.kind]}\` \`${a.address.replace(/`/g, "'")}\`: ${escapeMarkdown(a.reason.message)}`);
    }
  }
  return entries.map((entry) => {
    const group = assignments.get(entry);
    if (!group) return entry;
    const glyph = group.verb === 'gets' ? '+' : '-';
    return `- \`${glyph}\` **${escapeMarkdown(group.principal)}** ${group.verb} **${escapeMarkdown(group.permissionSet)}** in ${plural(group.accounts.length, 'account')}: ${accountList(plan, group.accounts, short)}`;
  });
}

function banners(plan: PlanDocument, short: boolean): string[] {
  const lines: string[] = [];
  const broadening = plan.actions.filter((a) => a.risk === 'broadening');
  const destructive = plan.actions.filter((a) => a.risk === 'destructive');
  if (broadening.length > 0) {
    lines.push('', `### ⚠️ ${plural(broadening.length, 'change')} grant access`, '');
    lines.push(...bannerEntries(plan, broadening, short));
  }
  if (destructive.length > 0) {
    lines.push('', `### 🛑 ${plural(destructive.length, 'change')} delete or remove access`, '');
    lines.push(...bannerEntries(plan, destructive, short));
  }
  return lines;
}

function manualSteps(plan: PlanDocument): string[] {
  if (plan.manualSteps.length === 0) return [];
  const lines = [
    '',
    `### Manual steps (${plan.manualSteps.length})`,
    '',
    'AWS has no API for these, only the root user may do them, or gatehouse leaves them to a person.',
  ];
  plan.manualSteps.forEach((step, i) => {
    lines.push('', `${i + 1}. **${escapeMarkdown(step.title)}** (\`${step.address}\`)  `);
    lines.push(`   Why: ${escapeMarkdown(step.why)}`);
    step.consoleSteps.forEach((s, j) => {
      lines.push(`   ${j + 1}. ${escapeMarkdown(s)}`);
    });
    lines.push(`   Verify: ${escapeMarkdown(step.verify)}`);
  });
  return lines;
}

function resolution(plan: PlanDocument, short: boolean): string[] {
  if (plan.resolution.length === 0) return [];
  const lines = ['', '### What the assignment rules resolved to', ''];
  for (const r of plan.resolution) {
    const targets = [...r.targets, ...r.exclude.map((e) => `exclude ${e}`)].map(escapeMarkdown).join(', ');
    const accounts =
      r.accounts.length === 0
        ? 'no accounts'
        : `${plural(r.accounts.length, 'account')}: ${accountList(plan, r.accounts, short)}`;
    const skipped =
      r.skipped.length > 0
        ? `; skipped ${plural(r.skipped.length, 'account')} (${[...new Set(r.skipped.map((s) => s.why))].map(escapeMarkdown).join(', ')})`
        : '';
    lines.push(
      `- rule #${r.rule + 1}: **${escapeMarkdown(r.principal)}** → **${escapeMarkdown(r.permissionSet)}** (${targets}) → ${accounts}${skipped}`,
    );
  }
  return lines;
}

/** A fence longer than any backtick run in the text, so AWS names cannot close it. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

/**
 * The full text plan in a collapsed `diff` block, cut at a line boundary to `budget` characters.
 * The cut says how much is missing and where the whole plan is.
 */
function details(plan: PlanDocument, budget: number, fullPlanAt: string): string[] {
  const text = renderPlan(plan, { color: false }).trimEnd();
  // Diff highlighting colours lines that start with + or -: the action lines, without their indent.
  const lines = text.split('\n').map((l) => l.replace(/^ {2}(?=(?:[+~-]|-\/\+|↻) )/, ''));
  const fence = fenceFor(text);
  const title = `Full plan (${plural(plan.actions.length, 'action')})`;
  const open = ['', '<details>', `<summary>${title}</summary>`, '', `${fence}diff`];
  const close = [fence, '', '</details>'];
  const fixed = [...open, ...close].join('\n').length + 1;
  const whole = [...open, ...lines, ...close];
  if (whole.join('\n').length + 1 <= budget) return whole;

  const cut = (shown: number) =>
    `… ${plural(lines.length - shown, 'more line')} not shown (GitHub limits a comment to ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')} characters): the full plan is ${fullPlanAt}`;
  let used = fixed + cut(0).length + 1;
  let shown = 0;
  while (shown < lines.length && used + lines[shown]!.length + 1 <= budget) {
    used += lines[shown]!.length + 1;
    shown++;
  }
  if (shown === 0)
    return ['', `_The full plan (${plural(plan.actions.length, 'action')}) is ${escapeMarkdown(fullPlanAt)}._`];
  return [...open, ...lines.slice(0, shown), ...close.slice(0, 1), '', escapeMarkdown(cut(shown)), ...close.slice(1)];
}

/** The PR-comment body. Pure; `maxLength` bounds it (the banners are never cut). */
export function renderPlanMarkdown(plan: PlanDocument, options: MarkdownPlanOptions = {}): string {
  const maxLength = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const fullPlanAt = options.fullPlanAt ?? 'in the saved plan file (`gatehouse plan -o plan.json`)';
  const head = [`**gatehouse plan:** ${markdownSummaryLine(plan)}`];
  if (plan.actions.length === 0 && plan.manualSteps.length === 0)
    head.push('', 'No changes. AWS matches the configuration.');
  const where = plan.organizationId ? `organization ${plan.organizationId}` : `account ${plan.caller.accountId}`;
  head.push(
    '',
    `<sub>${escapeMarkdown(`${where} · config ${plan.configFile ?? '(built-in)'} ${plan.configHash.slice(0, 19)}… · observed ${plan.observedAt}`)}</sub>`,
  );

  // Long account lists are the only thing shortened outside <details>; every banner entry stays.
  const build = (short: boolean) =>
    [...head, ...banners(plan, short), ...manualSteps(plan), ...resolution(plan, short)].join('\n');
  const full = build(false);
  const top = full.length <= maxLength / 2 ? full : build(true);
  const rest = details(plan, maxLength - top.length - 1, fullPlanAt);
  return `${[top, ...rest].join('\n')}\n`;
}
