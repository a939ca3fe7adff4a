/**
 * @module What counts as "administrator access" for the Identity Center checks (checks.md): the AWS
 * managed policy AdministratorAccess, or an inline policy with a statement that allows `*` on `*`.
 * Customer managed policies live in each account and are not visible here, so they are not counted
 * (documented on the checks that use this).
 */

import { ADMINISTRATOR_ACCESS_ARN } from '../model/desired.js';
import type { PermissionSetState } from '../model/types.js';

const WILDCARD_ACTIONS = new Set(['*', '*:*']);

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * True when an inline policy document has an Allow statement whose Action covers `*` and whose
 * Resource covers `*`. Conditions are not evaluated (a conditional `*` on `*` still counts).
 * A document that is not valid JSON grants nothing we can see.
 */
export function inlinePolicyAllowsEverything(document: string | null): boolean {
  if (!document) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null) return false;
  const statements = asList((parsed as { Statement?: unknown }).Statement);
  return statements.some((s) => {
    if (typeof s !== 'object' || s === null) return false;
    const st = s as { Effect?: unknown; Action?: unknown; Resource?: unknown };
    if (st.Effect !== 'Allow') return false;
    const actions = asList(st.Action);
    const resources = asList(st.Resource);
    return actions.some((a) => typeof a === 'string' && WILDCARD_ACTIONS.has(a)) && resources.includes('*');
  });
}

export function grantsAdministratorAccess(ps: PermissionSetState): boolean {
  return ps.managedPolicies.includes(ADMINISTRATOR_ACCESS_ARN) || inlinePolicyAllowsEverything(ps.inlinePolicy);
}

/** Why a permission set counts as administrator access, for reasons. */
export function administratorAccessSource(ps: PermissionSetState): string {
  return ps.managedPolicies.includes(ADMINISTRATOR_ACCESS_ARN)
    ? 'AdministratorAccess'
    : 'an inline policy allowing * on *';
}

export const ADMIN_ACCESS_NOTE =
  '"Administrator access" means the AWS managed policy AdministratorAccess, or an inline policy with a statement that allows `*` on `*` (conditions are not evaluated). Customer managed policies are defined in each account and cannot be read from Identity Center, so a permission set that grants admin only through one is not counted.';
