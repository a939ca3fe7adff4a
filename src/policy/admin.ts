/**
 * @module What "administrative" means: the one definition used by the lockout guard, the plan's risk
 * labels, `access` and the admin checks.
 *
 * A set of policies is administrative when it can give itself every permission in the account, by
 * any one of these paths (each step allowed on a representative resource; a step lists alternatives):
 *
 * - iam-user: iam:CreateUser, then iam:AttachUserPolicy or iam:PutUserPolicy, then
 *   iam:CreateAccessKey or iam:CreateLoginProfile — a new user with any policy, and its credentials.
 * - iam-role: iam:CreateRole, then iam:AttachRolePolicy or iam:PutRolePolicy, then sts:AssumeRole.
 * - identity-center: sso:AttachManagedPolicyToPermissionSet or sso:PutInlinePolicyToPermissionSet,
 *   and sso:CreateAccountAssignment, with the IAM actions Identity Center needs from its caller to
 *   create the role in the management account (iam:CreateRole, iam:AttachRolePolicy or iam:PutRolePolicy).
 *
 * `*` on `*` allows every path, and so does anything close to it: `NotAction` of one action (the
 * paths share no action, so one missing action leaves another path), `*` with a `NotResource`,
 * `iam:*`, `*:*`, `*` on `arn:aws:*:*:*:*`. PowerUserAccess (no iam:* beyond service-linked roles)
 * and the read-only policies allow none. Escalation through existing resources (editing a policy
 * version, passing a role to a service) is not modelled.
 *
 * The answer is three-valued like the evaluator: `maybe` when a condition (or a boundary or
 * distrusted policy gatehouse cannot read) decides. Callers choose how to read `maybe`: the lockout
 * guard needs `yes` to trust that a path survives; counting admins counts `maybe` too.
 */

import type { CustomerManagedPolicyRef, PermissionsBoundary } from '../model/types.js';
import { awsManagedPolicy } from './aws-managed.js';
import { type Policy, policyFromText } from './document.js';
import { allows, type PermissionInputs, type Tri, triMax, triMin } from './evaluate.js';

const ACCOUNT = '999999999999';
const USER = `arn:aws:iam::${ACCOUNT}:user/gatehouse-probe`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/gatehouse-probe`;
const PERMISSION_SET = 'arn:aws:sso:::permissionSet/ssoins-0000000000000000/ps-0000000000000000';
const TARGET_ACCOUNT = `arn:aws:sso:::account/${ACCOUNT}`;

/** One step: any of these actions on the resource. */
type Step = { actions: string[]; resource: string };

export const ADMIN_PATHS: Readonly<Record<string, readonly Step[]>> = {
  'iam-user': [
    { actions: ['iam:CreateUser'], resource: USER },
    { actions: ['iam:AttachUserPolicy', 'iam:PutUserPolicy'], resource: USER },
    { actions: ['iam:CreateAccessKey', 'iam:CreateLoginProfile'], resource: USER },
  ],
  'iam-role': [
    { actions: ['iam:CreateRole'], resource: ROLE },
    { actions: ['iam:AttachRolePolicy', 'iam:PutRolePolicy'], resource: ROLE },
    { actions: ['sts:AssumeRole'], resource: ROLE },
  ],
  'identity-center': [
    {
      actions: ['sso:AttachManagedPolicyToPermissionSet', 'sso:PutInlinePolicyToPermissionSet'],
      resource: PERMISSION_SET,
    },
    { actions: ['sso:CreateAccountAssignment'], resource: TARGET_ACCOUNT },
    { actions: ['iam:CreateRole'], resource: ROLE },
    { actions: ['iam:AttachRolePolicy', 'iam:PutRolePolicy'], resource: ROLE },
  ],
};

export interface AdminJudgement {
  admin: Tri;
  /** The first path that reaches `admin` (empty when `no`). */
  path: string;
}

/** Whether `inputs` are administrative, and through which path. */
export function judgeAdmin(inputs: PermissionInputs): AdminJudgement {
  let best: AdminJudgement = { admin: 'no', path: '' };
  for (const [path, steps] of Object.entries(ADMIN_PATHS)) {
    let reach: Tri = 'yes';
    for (const step of steps) {
      let any: Tri = 'no';
      for (const action of step.actions) any = triMax(any, allows(inputs, action, step.resource));
      reach = triMin(reach, any);
    }
    if (triMax(best.admin, reach) !== best.admin) best = { admin: reach, path };
  }
  return best;
}

/** What a permission set (live or desired) contributes to the evaluator. */
export interface PermissionSetPolicies {
  managedPolicies: readonly string[];
  customerManagedPolicies: readonly CustomerManagedPolicyRef[];
  /** JSON text (canonical, as AWS returned it, or URL-encoded), or null. */
  inlinePolicy: string | null;
  permissionsBoundary: PermissionsBoundary | null;
}

/** The name a customer managed policy is known by (for `distrust`). */
export function customerPolicyName(ref: CustomerManagedPolicyRef): string {
  return `customer:${ref.path}${ref.name}`;
}

function boundaryPolicy(b: PermissionsBoundary): Policy {
  if ('managedPolicyArn' in b) return awsManagedPolicy(b.managedPolicyArn);
  return {
    kind: 'unknown',
    name: customerPolicyName(b.customerManagedPolicy),
    why: 'a customer managed policy (its document lives in each account)',
  };
}

/** The evaluator's inputs for a permission set. */
export function permissionSetInputs(ps: PermissionSetPolicies, distrust?: ReadonlySet<string>): PermissionInputs {
  const identity: Policy[] = [
    ...ps.managedPolicies.map(awsManagedPolicy),
    ...ps.customerManagedPolicies.map(
      (c): Policy => ({ kind: 'unknown', name: customerPolicyName(c), why: 'a customer managed policy' }),
    ),
  ];
  if (ps.inlinePolicy !== null && ps.inlinePolicy.trim() !== '') {
    identity.push(policyFromText('inline', ps.inlinePolicy));
  }
  return {
    identity,
    boundary: ps.permissionsBoundary ? boundaryPolicy(ps.permissionsBoundary) : null,
    ...(distrust ? { distrust } : {}),
  };
}

/** Whether a permission set is administrative (three-valued). */
export function permissionSetAdmin(ps: PermissionSetPolicies, distrust?: ReadonlySet<string>): AdminJudgement {
  return judgeAdmin(permissionSetInputs(ps, distrust));
}

/** One-line definition for docs and check notes. */
export const ADMIN_DEFINITION =
  '"Administrator access" means the permission set\'s policies let it give itself every permission: create an IAM user with any policy and credentials for it, create and assume an IAM role with any policy, or attach any policy to a permission set and assign it. They are evaluated as IAM does: AWS managed policies by their known documents, the inline policy, Deny statements (an explicit Deny wins) and the permissions boundary (effective = policies ∩ boundary). `*` on `*`, `NotAction` of a few actions, `*` with a `NotResource`, `iam:*` and `*:*` all qualify. A statement with a condition, or a customer managed boundary, may or may not apply, so a set that is an administrator under some conditions is counted. Customer managed policies and AWS managed policies gatehouse has no document for cannot be read, so they add nothing.';
