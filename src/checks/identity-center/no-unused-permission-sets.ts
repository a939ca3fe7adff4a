/** @module identity-center.no-unused-permission-sets: every permission set is assigned somewhere. */

import { defineCheck, fail, pass } from '../define-check.js';

export const identityCenterNoUnusedPermissionSets = defineCheck({
  id: 'identity-center.no-unused-permission-sets',
  title: 'Every permission set is assigned somewhere',
  severity: 'low',
  scope: 'organization',
  rationale:
    'An unassigned permission set is access waiting to be handed out without review: someone assigns it months later without anyone checking what it grants. Unused sets also make the catalogue of roles harder to understand.',
  remediation: {
    console:
      'IAM Identity Center console → Multi-account permissions → Permission sets → select the set → Delete (after checking nobody needs it), or assign it.',
    cli: 'gatehouse plan --prune\ngatehouse apply --prune',
  },
  references: {
    docs: ['https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html'],
  },
  requires: ['identity-center.permission-sets', 'identity-center.assignments'],
  evaluate(input) {
    const sets = input.fact('identity-center.permission-sets');
    if (sets.length === 0) return [pass('identity-center', 'No permission sets exist.')];
    const used = new Set(input.fact('identity-center.assignments').map((a) => a.permissionSetArn));
    const unused = sets.filter((ps) => !used.has(ps.arn));
    if (unused.length === 0) return [pass('identity-center', `Every permission set (${sets.length}) is assigned.`)];
    return unused.map((ps) =>
      fail(`permission-set/${ps.name}`, `Permission set ${ps.name} is not assigned to anyone.`),
    );
  },
});
