/**
 * @module Plan-time quota check (pure): the role IAM Identity Center creates for a permission set in
 * each account carries the set's AWS managed and customer managed policies, and IAM allows 10
 * managed policies per role by default (quota L-0DA4ABF3, "Managed policies per role", adjustable up
 * to 20). Provisioning a set with more fails in every account that has not raised the quota, after
 * apply has already changed other things, so the plan refuses it first.
 */

import type { Diagnostic } from '../errors.js';
import { configDiagnostic, type DiffContext } from './context.js';

/** IAM's default quota of managed policies attached to one role. */
export const DEFAULT_ROLE_MANAGED_POLICY_QUOTA = 10;

/** Names of permission sets the plan creates, changes or provisions. */
function setsWritten(ctx: DiffContext): Set<string> {
  const names = new Set<string>();
  for (const a of ctx.actions) {
    if (a.type === 'permission-set' && a.kind !== 'delete') names.add(a.permissionSet.name);
    if (a.type === 'permission-set-provision' || (a.type === 'assignment' && a.kind === 'create'))
      names.add(a.permissionSet.name);
  }
  return names;
}

/** One error per permission set the plan would write with more managed policies than a role may carry. */
export function roleQuotaRefusals(ctx: DiffContext): Diagnostic[] {
  const written = setsWritten(ctx);
  const errors: Diagnostic[] = [];
  for (const ps of ctx.desired.permissionSets) {
    const count = ps.managedPolicies.length + ps.customerManagedPolicies.length;
    if (!ps.managed || count <= DEFAULT_ROLE_MANAGED_POLICY_QUOTA || !written.has(ps.name)) continue;
    errors.push(
      configDiagnostic(
        ctx,
        'error',
        'role-managed-policy-quota',
        `permission set ${ps.name} has ${count} managed policies (AWS managed + customer managed), more than the ${DEFAULT_ROLE_MANAGED_POLICY_QUOTA} IAM allows on one role by default (quota L-0DA4ABF3); provisioning it would fail in every account. Merge policies into fewer customer managed policies or into the inline policy`,
        ps.source,
        `permissionSets.${ps.name}`,
      ),
    );
  }
  return errors;
}
