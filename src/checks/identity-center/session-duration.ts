/** @module identity-center.session-duration: administrator permission sets have short sessions. */

import { ADMIN_ACCESS_NOTE, administratorAccessSource, grantsAdministratorAccess } from '../admin-access.js';
import { defineCheck, EvidenceError, fail, pass } from '../define-check.js';
import { DEFAULT_SESSION_DURATION, durationHours } from '../iso-duration.js';

const hours = (h: number) => (Number.isInteger(h) ? `${h} h` : `${h.toFixed(2)} h`);

export const identityCenterSessionDuration = defineCheck({
  id: 'identity-center.session-duration',
  title: 'No permission set that grants administrator access allows long sessions',
  severity: 'medium',
  scope: 'organization',
  rationale:
    'An administrator session outlives the moment it was needed: a laptop left open or a token copied from a terminal keeps full control of the account until it expires. Short admin sessions limit that window.',
  notes: `Long means more than \`audit.thresholds.adminSessionHours\` hours (default 4). A permission set without a session duration gets AWS's default of 1 hour. ${ADMIN_ACCESS_NOTE}`,
  remediation: {
    console:
      'IAM Identity Center console → Multi-account permissions → Permission sets → select the set → Edit → Session duration → 4 hours or less → Save, then re-provision it.',
    config: 'permissionSets:\n  Admin:\n    policies: [AdministratorAccess]\n    sessionDuration: PT4H',
    cli: 'gatehouse plan\ngatehouse apply',
  },
  references: {
    docs: ['https://docs.aws.amazon.com/singlesignon/latest/userguide/howtosessionduration.html'],
  },
  requires: ['identity-center.permission-sets'],
  evaluate(input) {
    const limit = input.desired.audit.thresholds.adminSessionHours;
    const admins = input.fact('identity-center.permission-sets').filter(grantsAdministratorAccess);
    if (admins.length === 0) return [pass('identity-center', 'No permission set grants administrator access.')];
    return admins.map((ps) => {
      const duration = ps.sessionDuration ?? DEFAULT_SESSION_DURATION;
      const h = durationHours(duration);
      if (h === undefined)
        throw new EvidenceError(`permission set ${ps.name} has an unreadable session duration "${duration}"`);
      const resource = `permission-set/${ps.name}`;
      const what = `Permission set ${ps.name} (administrator access through ${administratorAccessSource(ps)}) allows ${hours(h)} sessions`;
      return h > limit ? fail(resource, `${what}, more than ${hours(limit)}.`) : pass(resource, `${what}.`);
    });
  },
});
