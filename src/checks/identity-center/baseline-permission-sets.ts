/** @module identity-center.baseline-permission-sets: the permission sets the config declares exist with the declared policies. */

import type { DesiredPermissionSet } from '../../model/desired.js';
import type { CustomerManagedPolicyRef, PermissionSetState, PermissionsBoundary } from '../../model/types.js';
import { defineCheck, fail, pass, skipped } from '../define-check.js';

const policyName = (arn: string) => arn.replace(/^arn:aws[\w-]*:iam::aws:policy\//, '');
const refKey = (r: CustomerManagedPolicyRef) => `${r.path}${r.name}`;
const boundaryKey = (b: PermissionsBoundary | null) =>
  b === null ? 'none' : 'managedPolicyArn' in b ? b.managedPolicyArn : `customer:${refKey(b.customerManagedPolicy)}`;

function differences(want: DesiredPermissionSet, live: PermissionSetState): string[] {
  const problems: string[] = [];
  const missing = want.managedPolicies.filter((p) => !live.managedPolicies.includes(p));
  const extra = live.managedPolicies.filter((p) => !want.managedPolicies.includes(p));
  if (missing.length > 0) problems.push(`missing ${missing.map(policyName).join(', ')}`);
  if (extra.length > 0) problems.push(`has undeclared ${extra.map(policyName).join(', ')}`);
  const wantRefs = want.customerManagedPolicies.map(refKey);
  const liveRefs = live.customerManagedPolicies.map(refKey);
  const missingRefs = wantRefs.filter((r) => !liveRefs.includes(r));
  const extraRefs = liveRefs.filter((r) => !wantRefs.includes(r));
  if (missingRefs.length > 0) problems.push(`missing customer managed ${missingRefs.join(', ')}`);
  if (extraRefs.length > 0) problems.push(`has undeclared customer managed ${extraRefs.join(', ')}`);
  if ((want.inlinePolicy !== null) !== (live.inlinePolicy !== null)) {
    problems.push(want.inlinePolicy !== null ? 'has no inline policy' : 'has an undeclared inline policy');
  }
  if (boundaryKey(want.permissionsBoundary) !== boundaryKey(live.permissionsBoundary)) {
    problems.push(
      want.permissionsBoundary === null
        ? 'has an undeclared permissions boundary'
        : 'does not have the declared permissions boundary',
    );
  }
  return problems;
}

export const identityCenterBaselinePermissionSets = defineCheck({
  id: 'identity-center.baseline-permission-sets',
  title: 'The permission sets the config declares exist with the declared policies',
  severity: 'high',
  scope: 'organization',
  rationale:
    'Permission sets are the role templates people receive in every account. A missing set means people fall back to broader access; a set with different policies grants something nobody reviewed.',
  notes:
    'For each permission set in the config: it exists (by name), its AWS managed and customer managed policies are exactly the declared ones, and it has an inline policy and a permissions boundary exactly when the config declares them. Inline policy contents are compared by `identity-center.matches-config`. Skipped when the config declares no permission sets.',
  remediation: {
    console:
      'IAM Identity Center console → Multi-account permissions → Permission sets → Create permission set (or select the set → Permissions tab → attach or detach policies), then re-provision it.',
    config:
      'permissionSets:\n  Admin:     { policies: [AdministratorAccess], sessionDuration: PT4H, description: Founders / infra }\n  PowerUser: { policies: [PowerUserAccess], sessionDuration: PT8H, description: DevOps / engineers }',
    cli: 'gatehouse plan\ngatehouse apply',
  },
  references: {
    docs: ['https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html'],
  },
  requires: ['identity-center.permission-sets'],
  evaluate(input) {
    const declared = input.desired.permissionSets;
    if (declared.length === 0) return [skipped('identity-center', 'The config declares no permission sets.')];
    const live = input.fact('identity-center.permission-sets');
    return declared.map((want) => {
      const resource = `permission-set/${want.name}`;
      const found = live.find((ps) => ps.name === want.name);
      if (!found) {
        const former = live.find((ps) => want.formerNames.includes(ps.name));
        return fail(
          resource,
          former
            ? `Permission set ${want.name} still has its former name ${former.name}.`
            : `Permission set ${want.name} does not exist.`,
        );
      }
      const problems = differences(want, found);
      return problems.length === 0
        ? pass(resource, `Permission set ${want.name} exists with the declared policies.`)
        : fail(resource, `Permission set ${want.name} ${problems.join('; ')}.`);
    });
  },
});
