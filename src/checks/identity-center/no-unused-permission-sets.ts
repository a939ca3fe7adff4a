/** @module identity-center.no-unused-permission-sets: every permission set is assigned somewhere. */

import { MANAGED_TAG_KEY, MANAGED_TAG_VALUE } from '../../model/desired.js';
import type { PermissionSetState } from '../../model/types.js';
import { type CheckInput, defineCheck, fail, pass } from '../define-check.js';

/** The fix that works for this set: it depends on whether the config names it and who manages it. */
function advice(ps: PermissionSetState, input: Pick<CheckInput, 'desired'>): string {
  if (input.desired.permissionSets.some((d) => d.name === ps.name)) {
    return 'the config defines it: assign it under `assignments:`, or remove it from `permissionSets:`, then run `gatehouse apply`';
  }
  if (ps.tags[MANAGED_TAG_KEY] === MANAGED_TAG_VALUE) {
    return 'gatehouse manages it and the config no longer names it: `gatehouse apply` deletes it';
  }
  return 'gatehouse does not manage it: `gatehouse apply --prune` deletes it (or assign it in the console)';
}

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
    config:
      '# Either assign the set …\nassignments:\n  - { principal: group:Auditors, permissionSet: Audit, accounts: [management] }\n# … or remove it from permissionSets: (gatehouse deletes a set it manages once the config drops it).',
    cli: 'gatehouse apply           # after assigning the set, or removing it from the config\ngatehouse apply --prune   # for a set gatehouse does not manage',
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
      fail(`permission-set/${ps.name}`, `Permission set ${ps.name} is not assigned to anyone; ${advice(ps, input)}.`),
    );
  },
});
