/**
 * @module What counts as "administrator access" for the Identity Center checks: the policy
 * evaluator's one definition (src/policy/admin.ts), read generously — a set that is an administrator
 * under some conditions is counted, because a check that counts admins must not miss one.
 */

import { ADMINISTRATOR_ACCESS_ARN } from '../model/desired.js';
import type { PermissionSetState } from '../model/types.js';
import { ADMIN_DEFINITION, allows, permissionSetAdmin, permissionSetInputs } from '../policy/index.js';

/** Whether a live permission set could be an administrator (the evaluator says `yes` or `maybe`). */
export function grantsAdministratorAccess(
  ps: Pick<PermissionSetState, 'managedPolicies' | 'customerManagedPolicies' | 'inlinePolicy' | 'permissionsBoundary'>,
): boolean {
  return permissionSetAdmin(ps).admin !== 'no';
}

const PATH_TEXT: Record<string, string> = {
  'iam-user': 'policies that let it create an IAM user with any policy',
  'iam-role': 'policies that let it create and assume an IAM role with any policy',
  'identity-center': 'policies that let it assign itself any permission set',
};

/** Why a permission set counts as administrator access, for reasons. */
export function administratorAccessSource(ps: PermissionSetState): string {
  if (ps.managedPolicies.includes(ADMINISTRATOR_ACCESS_ARN) && ps.permissionsBoundary === null) {
    return 'AdministratorAccess';
  }
  const { admin, path } = permissionSetAdmin(ps);
  // An action and resource no real policy names: only `*`-like patterns allow it.
  const everything = allows(permissionSetInputs(ps), 'gatehouse-probe:AnyAction', 'arn:aws:gatehouse-probe:::any');
  const text =
    everything !== 'no' ? 'policies that allow every action on every resource' : (PATH_TEXT[path] ?? 'its policies');
  return admin === 'maybe' ? `${text}, under conditions` : text;
}

export const ADMIN_ACCESS_NOTE = ADMIN_DEFINITION;
