/**
 * @module Plan-time refusals for a plan made from an IAM Identity Center delegated administrator
 * account (pure). AWS does not let a delegated administrator manage the management account's access:
 * it refuses assignments in the management account, and every change, provisioning, assignment or
 * deletion of a permission set provisioned to the management account, in any account (IAM Identity
 * Center user guide, "Delegated administration"; fivexl/terraform-aws-sso-elevator#101,
 * awslabs/landing-zone-accelerator-on-aws#274 and #293). Apply would fail part-way with
 * AccessDeniedException; the plan names each such permission set instead, before anything changes.
 */

import type { Diagnostic } from '../errors.js';
import type { DraftAction, RuleResolution } from './actions.js';
import { configDiagnostic, type DiffContext } from './context.js';

/** Whether the plan is made from a member account of an organization (not its management account). */
export function plansFromMemberAccount(ctx: Pick<DiffContext, 'facts' | 'managementAccountId'>): boolean {
  return ctx.facts.organization !== null && ctx.facts.caller.accountId !== ctx.managementAccountId;
}

/** Names of the permission sets an action changes, provisions, assigns or deletes. */
function setsTouched(action: DraftAction): string[] {
  switch (action.type) {
    case 'permission-set':
      return action.kind === 'replace' ? [action.permissionSet.name, action.before.name] : [action.permissionSet.name];
    case 'permission-set-provision':
    case 'assignment':
      return [action.permissionSet.name];
    default:
      return [];
  }
}

/** Permission sets that are (live) or will be (planned assignments) provisioned to the management account. */
function managementSets(ctx: DiffContext): Set<string> {
  const names = new Map(ctx.facts.permissionSets.map((ps) => [ps.arn, ps.name]));
  const sets = new Set<string>();
  for (const p of ctx.facts.provisioning) {
    const name = names.get(p.permissionSetArn);
    if (name !== undefined && p.accounts.includes(ctx.managementAccountId)) sets.add(name);
  }
  for (const a of ctx.actions) {
    if (a.type === 'assignment' && a.accountId === ctx.managementAccountId) sets.add(a.permissionSet.name);
  }
  return sets;
}

/**
 * One error per permission set the plan would touch although a delegated administrator may not,
 * placed at the assignment rule that puts it in the management account (else at the set's entry).
 */
export function delegatedAdministratorRefusals(ctx: DiffContext, resolution: RuleResolution[]): Diagnostic[] {
  if (!plansFromMemberAccount(ctx)) return [];
  const forbidden = managementSets(ctx);
  const touched = new Map<string, string[]>();
  for (const action of ctx.actions) {
    for (const name of setsTouched(action)) {
      if (!forbidden.has(name)) continue;
      const list = touched.get(name) ?? [];
      list.push(action.address);
      touched.set(name, list);
    }
  }
  const management = ctx.managementAccountId;
  const here = ctx.facts.caller.accountId;
  return [...touched.keys()].sort().map((name) => {
    const rule = resolution.find((r) => r.permissionSet === name && r.accounts.includes(management));
    const set = ctx.desired.permissionSets.find((ps) => ps.name === name);
    const changes = touched.get(name)?.length ?? 0;
    return configDiagnostic(
      ctx,
      'error',
      'delegated-admin-management-permission-set',
      `permission set ${name} is provisioned to the management account ${management}; AWS refuses to change, provision, assign or delete it from ${here}, a delegated administrator account (${changes} planned change(s)). Run this plan with credentials of the management account, or stop assigning ${name} in the management account and give that account its own permission set`,
      rule?.source ?? set?.source,
      rule ? `assignments.${rule.rule}` : `permissionSets.${name}`,
    );
  });
}
