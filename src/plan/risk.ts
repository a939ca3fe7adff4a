/**
 * @module Risk: the one place that decides which changes broaden access (need confirmation), which
 * destroy or remove access, and which are neutral. Most actions have a fixed risk (the table); a
 * permission-set update is judged by what it changes.
 */

import type { PermissionsBoundary } from '../model/types.js';
import { type PermissionSetPolicies, permissionSetAdmin, policyFromText } from '../policy/index.js';
import type { ActionKind, ActionType, PermissionSetAttributes, Risk } from './actions.js';
import { policyGrants } from './canonical.js';

/**
 * Fixed risk per (type, kind); `by-content` = decided by `permissionSetChangeRisk`.
 * Creating a user, a group or a permission set grants nothing by itself: only assignments and
 * memberships do. Enabling centralized root access, contacts and encryption change no one's access.
 */
export const RISK_TABLE: Record<ActionType, Partial<Record<ActionKind, Risk | 'by-content'>>> = {
  organization: { create: 'neutral' },
  'service-access': { create: 'neutral' },
  'root-feature': { create: 'neutral' },
  'alternate-contact': { create: 'neutral', update: 'neutral' },
  'instance-encryption': { update: 'neutral' },
  'permission-set': { create: 'neutral', update: 'by-content', replace: 'destructive', delete: 'destructive' },
  'permission-set-provision': { provision: 'neutral' },
  user: { create: 'neutral', update: 'neutral', delete: 'destructive' },
  group: { create: 'neutral', update: 'neutral', delete: 'destructive' },
  membership: { create: 'broadening', delete: 'destructive' },
  assignment: { create: 'broadening', delete: 'destructive' },
};

/** The fixed risk of an action type and kind; throws for `by-content` pairs (use `permissionSetChangeRisk`). */
export function fixedRisk(type: ActionType, kind: ActionKind): Risk {
  const risk = RISK_TABLE[type][kind];
  if (risk === undefined || risk === 'by-content') throw new Error(`no fixed risk for ${type} ${kind}`);
  return risk;
}

/** `PT4H` → 240, `PT1H30M` → 90; unparsable → NaN. */
export function durationMinutes(duration: string): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(duration);
  if (!m || (!m[1] && !m[2] && !m[3])) return Number.NaN;
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) + Number(m[3] ?? 0) / 60;
}

function policyName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

function boundaryText(b: PermissionsBoundary): string {
  return 'managedPolicyArn' in b
    ? policyName(b.managedPolicyArn)
    : `${b.customerManagedPolicy.path}${b.customerManagedPolicy.name}`;
}

export interface ChangeRisk {
  risk: Risk;
  /** Short phrases: what the change grants. */
  broadening: string[];
  /** Short phrases: what the change takes away. */
  destructive: string[];
}

/**
 * Judges a permission-set update: added policies, a new or wider inline policy (new allowed
 * action × resource pairs, or lifted denies — `policyGrants`), a removed or changed boundary and a
 * longer session broaden; removed policies, a narrower or removed inline policy, new Deny statements
 * (even in a policy that also allows) and a new boundary take access away ("restricts access"). Broadening wins over destructive (it is the one that needs a second look),
 * destructive over neutral.
 */
export function permissionSetChangeRisk(before: PermissionSetAttributes, after: PermissionSetAttributes): ChangeRisk {
  const broadening: string[] = [];
  const destructive: string[] = [];

  const added = after.managedPolicies.filter((p) => !before.managedPolicies.includes(p));
  const removed = before.managedPolicies.filter((p) => !after.managedPolicies.includes(p));
  for (const p of added) broadening.push(`attaches ${policyName(p)}`);
  for (const p of removed) destructive.push(`detaches ${policyName(p)}`);

  const key = (c: { name: string; path: string }) => `${c.path}${c.name}`;
  const beforeCustomer = new Set(before.customerManagedPolicies.map(key));
  const afterCustomer = new Set(after.customerManagedPolicies.map(key));
  for (const c of afterCustomer) if (!beforeCustomer.has(c)) broadening.push(`attaches customer policy ${c}`);
  for (const c of beforeCustomer) if (!afterCustomer.has(c)) destructive.push(`detaches customer policy ${c}`);

  if (before.inlinePolicy !== after.inlinePolicy) {
    if (before.inlinePolicy === null) {
      const added = statementEffects(after.inlinePolicy);
      if (added.allow) broadening.push('adds an inline policy');
      if (added.deny) destructive.push('adds an inline policy with Deny statements');
    } else if (after.inlinePolicy === null) {
      const removedEffects = statementEffects(before.inlinePolicy);
      if (removedEffects.allow) destructive.push('removes the inline policy');
      if (removedEffects.deny) broadening.push("removes the inline policy's Deny statements");
    } else {
      const old = policyGrants(before.inlinePolicy);
      const now = policyGrants(after.inlinePolicy);
      const gained = [...now.allow].filter((g) => !old.allow.has(g)).length;
      const liftedDenies = [...old.deny].filter((g) => !now.deny.has(g)).length;
      const lost = [...old.allow].filter((g) => !now.allow.has(g)).length;
      const newDenies = [...now.deny].filter((g) => !old.deny.has(g)).length;
      if (gained + liftedDenies > 0) broadening.push('widens the inline policy');
      if (newDenies > 0) destructive.push('adds Deny statements to the inline policy');
      if (lost > 0) destructive.push('narrows the inline policy');
    }
  }

  const b0 = before.permissionsBoundary;
  const b1 = after.permissionsBoundary;
  if (b0 && !b1) broadening.push(`removes the permissions boundary ${boundaryText(b0)}`);
  else if (!b0 && b1) destructive.push(`adds the permissions boundary ${boundaryText(b1)}`);
  else if (b0 && b1 && boundaryText(b0) !== boundaryText(b1)) {
    broadening.push(`changes the permissions boundary ${boundaryText(b0)} → ${boundaryText(b1)}`);
  }

  const m0 = durationMinutes(before.sessionDuration);
  const m1 = durationMinutes(after.sessionDuration);
  if (m1 > m0) broadening.push(`longer sessions ${before.sessionDuration} → ${after.sessionDuration}`);

  const risk: Risk = broadening.length > 0 ? 'broadening' : destructive.length > 0 ? 'destructive' : 'neutral';
  return { risk, broadening, destructive };
}

/**
 * Whether a permission set certainly grants administrator access, as the policy evaluator defines it
 * (src/policy/admin.ts): Deny statements, boundaries and conditions included, a conditional statement
 * read against the set (a conditional Deny may apply, a conditional Allow may not). `distrust` names
 * unknown policies to read as "may deny everything" (see `permissionSetInputs`).
 */
export function isAdministrator(attributes: PermissionSetPolicies, distrust?: ReadonlySet<string>): boolean {
  return permissionSetAdmin(attributes, distrust).admin === 'yes';
}

/** Whether a policy text has Allow and Deny statements; text the evaluator cannot read counts as Allow. */
function statementEffects(text: string | null): { allow: boolean; deny: boolean } {
  if (text === null) return { allow: false, deny: false };
  const policy = policyFromText('inline', text);
  if (policy.kind === 'unknown') return { allow: true, deny: false };
  return {
    allow: policy.statements.some((st) => st.effect === 'Allow'),
    deny: policy.statements.some((st) => st.effect === 'Deny'),
  };
}
