/** @module identity-center.few-admins: at most N people hold administrator access in the management account. */

import { ADMIN_ACCESS_NOTE, grantsAdministratorAccess } from '../admin-access.js';
import { accountResource, defineCheck, fail, inAccount, pass, skipped } from '../define-check.js';

const MAX_NAMES = 10;

export const identityCenterFewAdmins = defineCheck({
  id: 'identity-center.few-admins',
  title: 'Only a few people hold administrator access in the management account',
  severity: 'medium',
  scope: 'organization',
  rationale:
    'Administrator access to the management account controls every account of the organization: its policies, its billing and its Identity Center. Every extra person who holds it is another password, device and inbox an attacker can target.',
  notes: `Few means at most \`audit.thresholds.maxAdmins\` distinct people (default 3), counting direct user assignments and the members of assigned groups. Outside an organization the account itself is judged. ${ADMIN_ACCESS_NOTE}`,
  remediation: {
    console:
      'IAM Identity Center console → Multi-account permissions → AWS accounts → select the management account → review the users and groups with an administrator permission set → Remove access, or remove people from the admin group (Groups → the group → Remove users).',
    config:
      'groups:\n  Founders: { members: [alice, bob] }\nassignments:\n  - { principal: group:Founders, permissionSet: Admin, accounts: [management] }',
    cli: 'gatehouse plan\ngatehouse apply',
  },
  references: {
    docs: ['https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html'],
  },
  requires: [
    'identity-center.permission-sets',
    'identity-center.assignments',
    'identity-store.memberships',
    'organizations.organization',
  ],
  handlesNotApplicable: ['organizations.organization'],
  alsoReads: ['identity-store.users'],
  evaluate(input) {
    const org = input.evidence('organizations.organization');
    const management = org?.status === 'ok' ? org.value.managementAccountId : input.snapshot.callerAccountId;
    if (!management) return [skipped('identity-center', 'There is no management account to judge.')];
    const limit = input.desired.audit.thresholds.maxAdmins;
    const admin = new Set(
      input
        .fact('identity-center.permission-sets')
        .filter(grantsAdministratorAccess)
        .map((ps) => ps.arn),
    );
    const memberships = input.fact('identity-store.memberships');
    const people = new Set<string>();
    for (const a of input.fact('identity-center.assignments')) {
      if (a.accountId !== management || !admin.has(a.permissionSetArn)) continue;
      if (a.principalType === 'USER') people.add(a.principalId);
      else for (const m of memberships) if (m.groupId === a.principalId) people.add(m.userId);
    }
    const names = new Map((input.optional('identity-store.users') ?? []).map((u) => [u.id, u.userName]));
    const listed = [...people].map((id) => names.get(id) ?? id).sort();
    const shown = listed.length > MAX_NAMES ? `${listed.slice(0, MAX_NAMES).join(', ')}, …` : listed.join(', ');
    const count = people.size;
    const subject = count === 0 ? 'Nobody holds' : `${count} ${count === 1 ? 'person holds' : 'people hold'}`;
    const reason = `${subject} administrator access in management account ${management}${count > 0 ? ` (${shown})` : ''}; the limit is ${limit}.`;
    const resource = accountResource(management);
    const finding = count > limit ? fail(resource, reason) : pass(resource, reason);
    return [inAccount(finding, management)];
  },
});
