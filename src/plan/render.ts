/**
 * @module The text plan, in Terraform's spirit, rendered from the plan document alone: a header, the
 * summary by kind (and, given the config's `maxDestroy`, whether apply refuses the plan), a banner
 * listing what grants and what removes access or deletes, manual steps with their console steps, what
 * each assignment rule resolved to, the actions grouped by resource (`+` create, `~` update,
 * `-` delete, `-/+` replace, `↻` provision) with attribute-level changes and canonical JSON diffs of
 * inline policies, drift, warnings, the estimate and the summary line. Colour only when asked.
 */

import pc from 'picocolors';
import { visibleData } from '../util/visible-text.js';
import {
  type ActionType,
  PERMISSION_SET_ATTRIBUTES,
  type PlanAction,
  type PlanDocument,
  type RuleResolution,
} from './actions.js';
import { byString } from './context.js';
import { deletionCount, destroyLimitMessage } from './destroy-guard.js';
import { attributeLines, differs, presentAttributes } from './render-changes.js';
import { permissionSetChangeRisk } from './risk.js';

type Colors = ReturnType<typeof pc.createColors>;

export interface RenderOptions {
  color: boolean;
  /** The config's `safety.maxDestroy`: when given, the plan says at its top if apply will refuse it. */
  maxDestroy?: number;
}

const GROUP_TITLES: [ActionType, string][] = [
  ['organization', 'organization'],
  ['service-access', 'trusted access'],
  ['root-feature', 'centralized root access'],
  ['alternate-contact', 'alternate contacts'],
  ['instance-encryption', 'Identity Center instance'],
  ['user', 'users'],
  ['group', 'groups'],
  ['permission-set', 'permission sets'],
  ['permission-set-provision', 'provisioning'],
  ['membership', 'group memberships'],
  ['assignment', 'account assignments'],
];

/** Drift items shown per code before "… and N more". */
const DRIFT_SHOWN_PER_CODE = 20;
/** Actions listed per banner before "… and N more (listed below)"; the full list follows anyway. */
const BANNER_SHOWN = 20;
/** A resource group longer than this gets a sub-heading per reason (per assignment rule). */
const GROUP_BY_REASON_OVER = 20;

const KIND_ORDER: PlanAction['kind'][] = ['create', 'replace', 'update', 'provision', 'delete'];

function glyph(a: PlanAction, c: Colors): string {
  switch (a.kind) {
    case 'create':
      return c.green('+');
    case 'update':
      return c.yellow('~');
    case 'delete':
      return c.red('-');
    case 'replace':
      return c.magenta('-/+');
    case 'provision':
      return c.cyan('↻');
  }
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) {
    const s = seconds % 60;
    return `${Math.floor(seconds / 60)} min${s ? ` ${s} s` : ''}`;
  }
  const m = Math.round((seconds % 3600) / 60);
  return `${Math.floor(seconds / 3600)} h${m ? ` ${m} min` : ''}`;
}

function accountLabel(plan: PlanDocument, id: string): string {
  const name = plan.accountNames[id];
  return name ? `${name} (${id})` : id;
}

function accountShort(plan: PlanDocument, id: string): string {
  return plan.accountNames[id] ?? id;
}

/** The one-line summary: "Plan: 3 to add, 1 to change, 0 to destroy, 1 to provision; 2 manual steps." */
export function summaryLine(plan: PlanDocument): string {
  const s = plan.summary;
  if (plan.actions.length === 0 && plan.manualSteps.length === 0) return 'No changes. AWS matches the configuration.';
  const manual = s.manual > 0 ? `; ${plural(s.manual, 'manual step')}` : '';
  return `Plan: ${s.add} to add, ${s.change} to change, ${s.destroy} to destroy, ${s.provision} to provision${manual}.`;
}

const SUMMARY_KINDS: [string, (a: PlanAction) => boolean][] = [
  ['add', (a) => a.kind === 'create' || a.kind === 'replace'],
  ['change', (a) => a.kind === 'update'],
  ['destroy', (a) => a.kind === 'delete'],
  ['provision', (a) => a.kind === 'provision'],
];

function hasAnything(plan: PlanDocument): boolean {
  return plan.actions.length > 0 || plan.manualSteps.length > 0;
}

/** The summary the plan starts with: totals, then per kind how many of each resource. */
function summarySection(plan: PlanDocument, c: Colors, maxDestroy: number | undefined): string[] {
  const lines = [c.bold(summaryLine(plan))];
  for (const [word, matches] of SUMMARY_KINDS) {
    const counts = GROUP_TITLES.map(([type, title]) => {
      const n = plan.actions.filter((a) => a.type === type && matches(a)).length;
      return n > 0 ? `${title} ${n}` : '';
    }).filter((x) => x !== '');
    if (counts.length > 0) {
      const line = `  ${word.padEnd(9)} ${counts.join(', ')}`;
      lines.push(word === 'destroy' ? c.red(line) : line);
    }
  }
  if (plan.manualSteps.length > 0)
    lines.push(`  ${'manual'.padEnd(9)} ${plural(plan.manualSteps.length, 'step')} (listed below)`);
  // As apply counts them: actions waiting for a manual step are not applied by this run.
  const deletions = deletionCount({ actions: plan.actions.filter((a) => a.applyable) });
  if (maxDestroy !== undefined && deletions > maxDestroy) {
    lines.push(c.red(c.bold(`! Refused by default: ${destroyLimitMessage(deletions, maxDestroy)}.`)));
  }
  return lines;
}

/** What a broadening or destructive action does, in a few words (for the banner). */
function riskNote(a: PlanAction): string {
  if (a.type === 'permission-set' && a.kind === 'update') {
    const r = permissionSetChangeRisk(a.before, a.after);
    const restricts = r.destructive.length > 0 ? [`restricts access: ${r.destructive.join(', ')}`] : [];
    return [...r.broadening, ...restricts].join('; ');
  }
  return a.reason.message;
}

function moreLine(total: number, paint: (s: string) => string): string[] {
  return total > BANNER_SHOWN ? [paint(`!   … and ${total - BANNER_SHOWN} more (all listed below)`)] : [];
}

function banner(plan: PlanDocument, c: Colors): string[] {
  const lines: string[] = [];
  const broadening = plan.actions.filter((a) => a.risk === 'broadening');
  const destructive = plan.actions.filter((a) => a.risk === 'destructive');
  if (broadening.length > 0) {
    lines.push(
      c.yellow(c.bold(`! ${plural(broadening.length, 'change')} grant${broadening.length === 1 ? 's' : ''} access:`)),
    );
    for (const a of broadening.slice(0, BANNER_SHOWN))
      lines.push(c.yellow(`!   ${glyph(a, c)} ${a.address}: ${riskNote(a)}`));
    lines.push(...moreLine(broadening.length, c.yellow));
  }
  if (destructive.length > 0) {
    lines.push(
      c.red(
        c.bold(
          `! ${plural(destructive.length, 'change')} remove${destructive.length === 1 ? 's' : ''} access or delete${destructive.length === 1 ? 's' : ''}:`,
        ),
      ),
    );
    for (const a of destructive.slice(0, BANNER_SHOWN))
      lines.push(c.red(`!   ${glyph(a, c)} ${a.address}: ${riskNote(a)}`));
    lines.push(...moreLine(destructive.length, c.red));
  }
  return lines;
}

function header(plan: PlanDocument, c: Colors): string[] {
  const where = plan.organizationId
    ? `organization ${plan.organizationId}, management account ${accountLabel(plan, plan.managementAccountId)}`
    : 'no organization';
  const lines = [c.bold(`gatehouse plan for account ${plan.caller.accountId} (${where})`)];
  lines.push(
    plan.identityCenter
      ? `Identity Center: ${plan.identityCenter.instanceArn} in ${plan.identityCenter.region}`
      : 'Identity Center: no instance yet',
  );
  lines.push(
    c.dim(
      `Config ${plan.configFile ?? '(built-in)'} ${plan.configHash.slice(0, 19)}… · observed ${plan.observedAt}${plan.options.prune ? ' · --prune' : ''}`,
    ),
  );
  return lines;
}

function manualStepLines(plan: PlanDocument, c: Colors): string[] {
  if (plan.manualSteps.length === 0) return [];
  const lines = [
    c.bold(
      `Manual steps (${plan.manualSteps.length}) — AWS has no API for these, only the root user may do them, or gatehouse leaves them to a person:`,
    ),
  ];
  plan.manualSteps.forEach((step, i) => {
    lines.push('', `  [${i + 1}] ${c.bold(step.title)} ${c.dim(`(${step.address})`)}`);
    lines.push(`      Why: ${step.why}`);
    step.consoleSteps.forEach((s, j) => {
      lines.push(`      ${j + 1}. ${s}`);
    });
    lines.push(`      Verify: ${step.verify}`);
    if (step.after.length > 0) lines.push(`      Do this after applying: ${step.after.join(', ')}`);
    if (step.blocks.length > 0) {
      lines.push(
        `      Until then ${plural(step.blocks.length, 'action')} below ${step.blocks.length === 1 ? 'waits' : 'wait'} (marked "waits for ${step.address}").`,
      );
    }
  });
  return lines;
}

function ruleLine(plan: PlanDocument, r: RuleResolution): string {
  const targets = r.targets.join(', ') + (r.exclude.length > 0 ? `, exclude: ${r.exclude.join(', ')}` : '');
  const accounts =
    r.accounts.length === 0
      ? 'no accounts'
      : `${plural(r.accounts.length, 'account')}: ${r.accounts.map((id) => accountShort(plan, id)).join(', ')}`;
  const skipped =
    r.skipped.length > 0
      ? `; skipped ${r.skipped.map((s) => `${accountShort(plan, s.id)} (${s.why})`).join(', ')}`
      : '';
  return `  assignment rule #${r.rule + 1} (${r.principal} → ${r.permissionSet}, ${targets}) → ${accounts}${skipped}`;
}

function actionLines(plan: PlanDocument, a: PlanAction, c: Colors): string[] {
  const waits = a.applyable ? '' : c.dim(`  [waits for ${a.blockedBy.map((id) => `manual/${id}`).join(', ')}]`);
  const head = (suffix = '') => `  ${glyph(a, c)} ${a.address}${suffix}  ${c.dim(`# ${a.reason.message}`)}${waits}`;
  const body = (lines: string[]) => lines.map((l) => `      ${l}`);
  switch (a.type) {
    case 'organization':
      return [head(), ...body([`featureSet: "${a.after.featureSet}"`])];
    case 'service-access':
      return [head(), ...body([`servicePrincipal: "${a.servicePrincipal}"`])];
    case 'root-feature':
      return [head()];
    case 'alternate-contact': {
      const fields = ['name', 'title', 'email', 'phone'] as const;
      return [
        head(` (${accountShort(plan, a.accountId)})`),
        ...body(
          fields
            .filter((f) => a.before?.[f] !== a.after[f])
            .map((f) => (a.before ? `${f}: "${a.before[f]}" → "${a.after[f]}"` : `${f}: "${a.after[f]}"`)),
        ),
      ];
    }
    case 'instance-encryption': {
      const label = (e: typeof a.before) => (e.kmsKeyArn ? `${e.keyType} ${e.kmsKeyArn}` : e.keyType);
      return [head(), ...body([`encryption: ${label(a.before)} → ${label(a.after)}`])];
    }
    case 'permission-set':
      switch (a.kind) {
        case 'create':
          return [head(), ...body(presentAttributes(a.after).flatMap((x) => attributeLines(x, null, a.after, c)))];
        case 'update':
          return [head(), ...body(a.changes.flatMap((x) => attributeLines(x, a.before, a.after, c)))];
        case 'replace': {
          const changed = PERMISSION_SET_ATTRIBUTES.filter((x) => differs(x, a.before, a.after));
          return [
            head(` (replaces permission-set/${a.replaces.name})`),
            ...body([
              `name: "${a.before.name}" → "${a.after.name}"`,
              ...changed.flatMap((x) => attributeLines(x, a.before, a.after, c)),
            ]),
          ];
        }
        case 'delete':
          return [head()];
      }
      break;
    case 'permission-set-provision': {
      const where =
        a.target === 'ALL_PROVISIONED_ACCOUNTS'
          ? `all provisioned accounts (${a.accountIds.length})`
          : plural(a.accountIds.length, 'account');
      return [head(), ...body([`→ ${where}: ${a.accountIds.map((id) => accountShort(plan, id)).join(', ')}`])];
    }
    case 'user':
      if (a.kind === 'create') {
        return [
          head(),
          ...body([
            `displayName: "${a.after.displayName}"`,
            `email: "${a.after.email}"`,
            `name: "${a.after.givenName}" "${a.after.familyName}"`,
          ]),
        ];
      }
      if (a.kind === 'update')
        return [head(), ...body(a.changes.map((x) => `${x}: "${a.before[x]}" → "${a.after[x]}"`))];
      return [head()];
    case 'group':
      if (a.kind === 'update') {
        return [
          head(),
          ...body([`description: ${JSON.stringify(a.before.description)} → ${JSON.stringify(a.after.description)}`]),
        ];
      }
      if (a.kind === 'create' && a.after.description !== null)
        return [head(), ...body([`description: "${a.after.description}"`])];
      return [head()];
    case 'membership':
      return [head()];
    case 'assignment':
      return [head(plan.accountNames[a.accountId] ? ` (${plan.accountNames[a.accountId]})` : '')];
  }
  return [head()];
}

function principalOf(a: PlanAction): string {
  return a.type === 'assignment' ? `${a.principal.type}:${a.principal.name}` : '';
}

/** Display order within a resource group: kind, then account name, then principal, then address. */
function displayOrder(plan: PlanDocument, actions: PlanAction[]): PlanAction[] {
  const account = (a: PlanAction) => ('accountId' in a ? accountShort(plan, a.accountId) : '');
  return [...actions].sort(
    (x, y) =>
      KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) ||
      byString(account(x), account(y)) ||
      byString(principalOf(x), principalOf(y)) ||
      byString(x.address, y.address),
  );
}

/** One resource group's lines; a long group gets a sub-heading per reason (for assignments: per rule). */
function groupLines(plan: PlanDocument, actions: PlanAction[], c: Colors): string[] {
  const sorted = displayOrder(plan, actions);
  if (sorted.length <= GROUP_BY_REASON_OVER) return sorted.flatMap((a) => actionLines(plan, a, c));
  const byReason = new Map<string, PlanAction[]>();
  for (const a of sorted) {
    const key = `${a.kind}\u0000${a.reason.message}`;
    const list = byReason.get(key);
    if (list) list.push(a);
    else byReason.set(key, [a]);
  }
  return [...byReason.values()].flatMap((list) => {
    const first = list[0] as PlanAction;
    return [
      `    ${c.dim(`## ${glyph(first, c)} ${list.length} × ${first.reason.message}`)}`,
      ...list.flatMap((a) => actionLines(plan, a, c)),
    ];
  });
}

function driftLines(plan: PlanDocument, c: Colors): string[] {
  if (plan.drift.length === 0) return [];
  const lines = [c.bold(`Drift (${plan.drift.length}) — reported, not changed by this plan:`)];
  const codes = [...new Set(plan.drift.map((d) => d.code))].sort(byString);
  for (const code of codes) {
    const items = plan.drift.filter((d) => d.code === code);
    for (const d of items.slice(0, DRIFT_SHOWN_PER_CODE)) lines.push(`  ${code}: ${d.address} — ${d.message}`);
    if (items.length > DRIFT_SHOWN_PER_CODE)
      lines.push(c.dim(`  … and ${items.length - DRIFT_SHOWN_PER_CODE} more ${code}`));
  }
  return lines;
}

/** The human plan. Plain text unless `color`. */
export function renderPlan(input: PlanDocument, options: RenderOptions): string {
  // Names, descriptions and messages come from AWS and the config: no control character of theirs
  // reaches the text (a newline in a display name must not make a line of its own; see visible-text.ts).
  const plan = visibleData(input);
  const c = pc.createColors(options.color);
  const out: string[] = [...header(plan, c)];
  const section = (lines: string[]) => {
    if (lines.length > 0) out.push('', ...lines);
  };

  if (hasAnything(plan)) section(summarySection(plan, c, options.maxDestroy));
  section(banner(plan, c));
  section(
    plan.warnings.length > 0
      ? [
          c.bold('Warnings:'),
          ...plan.warnings.map((w) => `  ${w.file}${w.line > 0 ? `:${w.line}:${w.column}` : ''}: ${w.message}`),
        ]
      : [],
  );
  section(manualStepLines(plan, c));
  section(
    plan.resolution.length > 0
      ? [c.bold('What the assignment rules resolved to:'), ...plan.resolution.map((r) => ruleLine(plan, r))]
      : [],
  );

  if (plan.actions.length > 0) {
    const groups: string[] = [
      c.bold('gatehouse will perform these actions (sorted by kind, account and principal; apply orders them itself):'),
    ];
    for (const [type, title] of GROUP_TITLES) {
      const actions = plan.actions.filter((a) => a.type === type);
      if (actions.length === 0) continue;
      groups.push('', `  ${c.dim(`# ${title}`)}`);
      groups.push(...groupLines(plan, actions, c));
    }
    section(groups);
  }
  section(driftLines(plan, c));

  if (plan.actions.length > 0) {
    const e = plan.estimate;
    section([
      `Estimate: ${plural(e.apiCalls, 'API call')}, about ${formatDuration(e.seconds)} (assuming ${e.assumptions.completionSeconds} s per asynchronous request).`,
    ]);
  }
  section([c.bold(summaryLine(plan))]);
  return `${out.join('\n')}\n`;
}
