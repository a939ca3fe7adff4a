/**
 * @module Where each use of gatehouse can run, and what changes there (`gatehouse permissions --for`
 * prints it next to the policy). The same policies work in the management account and in IAM
 * Identity Center's delegated administrator account; AWS limits the latter.
 */

import type { PermissionUse } from './registry.js';

/** One line per place the policy of `use` can be used from. */
export function placesFor(use: PermissionUse): string[] {
  const common = [
    'the management account: everything',
    'the IAM Identity Center delegated administrator account (AWS recommends it): the same policy; gatehouse reads assignments per account and permission set there (ListAccountAssignmentsForPrincipal works only from the management account)',
  ];
  return use === 'audit'
    ? [
        ...common,
        'from the delegated administrator, centralized root access (iam:ListOrganizationsFeatures) and the management account’s root user cannot be read: those checks say manual and name the management account',
      ]
    : [
        ...common,
        'from the delegated administrator, AWS refuses assignments in the management account and any change to a permission set provisioned there: the plan refuses them first and names each set; apply those from the management account',
      ];
}
