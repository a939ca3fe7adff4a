/** @module identity-center.admin-through-groups: administrator access is granted to groups, not directly to users. */

import { ADMIN_ACCESS_NOTE, grantsAdministratorAccess } from '../admin-access.js';
import { defineCheck, fail, inAccount, pass } from '../define-check.js';

export const identityCenterAdminThroughGroups = defineCheck({
  id: 'identity-center.admin-through-groups',
  title: 'Administrator access is granted to groups, not directly to users',
  severity: 'medium',
  scope: 'organization',
  rationale:
    'Access granted to a group is visible in one place and removed with one membership change when someone leaves. Direct user assignments are scattered across accounts and are the ones forgotten at off-boarding.',
  notes: ADMIN_ACCESS_NOTE,
  remediation: {
    console:
      'IAM Identity Center console → Groups → Create group and add the users; then Multi-account permissions → AWS accounts → select the account → Assign users or groups → the group + the permission set; finally remove the direct user assignment (account → Assigned users and groups → Remove access).',
    config:
      'groups:\n  Admins: { members: [alice] }\nassignments:\n  - { principal: group:Admins, permissionSet: Admin, accounts: [management] }',
    cli: 'gatehouse plan\ngatehouse apply',
  },
  references: {
    docs: ['https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html'],
  },
  requires: ['identity-center.permission-sets', 'identity-center.assignments'],
  alsoReads: ['identity-store.users'],
  evaluate(input) {
    const admin = new Map(
      input
        .fact('identity-center.permission-sets')
        .filter(grantsAdministratorAccess)
        .map((ps) => [ps.arn, ps.name]),
    );
    const users = new Map((input.optional('identity-store.users') ?? []).map((u) => [u.id, u.userName]));
    const adminAssignments = input.fact('identity-center.assignments').filter((a) => admin.has(a.permissionSetArn));
    const direct = adminAssignments.filter((a) => a.principalType === 'USER');
    if (direct.length === 0) {
      return [
        pass(
          'identity-center',
          adminAssignments.length === 0
            ? 'No assignment grants administrator access.'
            : `Every administrator assignment (${adminAssignments.length}) goes to a group.`,
        ),
      ];
    }
    return direct.map((a) => {
      const user = users.get(a.principalId) ?? a.principalId;
      const ps = admin.get(a.permissionSetArn) ?? a.permissionSetArn;
      return inAccount(
        fail(
          `assignment/${ps}/user:${user}/${a.accountId}`,
          `User ${user} holds ${ps} (administrator access) in account ${a.accountId} directly, not through a group.`,
        ),
        a.accountId,
      );
    });
  },
});
