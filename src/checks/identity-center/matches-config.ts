/** @module identity-center.matches-config: live Identity Center matches the config (the plan is empty). */

import { describeEvidence } from '../../observe/evidence.js';
import { defineCheck, errored, fail, pass, skipped } from '../define-check.js';

const MAX_ADDRESSES = 10;
const RESOURCE = 'identity-center';

export const identityCenterMatchesConfig = defineCheck({
  id: 'identity-center.matches-config',
  title: 'Live IAM Identity Center matches the config',
  severity: 'high',
  scope: 'organization',
  rationale:
    'Changes made by hand in the console (drift) are invisible in review: access granted that way is not in the file people read and approve, and the next apply may undo or be blocked by it.',
  notes:
    'The audit computes the plan for the config (the same diff as `gatehouse plan`); the check passes when it has no actions. Skipped with the built-in baseline (no config to compare with); `error` when the plan could not be computed.',
  remediation: {
    console:
      'Run `gatehouse plan` to list the differences. Then either apply the config (it wins), or keep the live change by writing it into gatehouse.yaml (`gatehouse import` prints the live state as config). Hand-made changes are visible in IAM Identity Center console → Multi-account permissions → Permission sets and AWS accounts.',
    cli: 'gatehouse plan\ngatehouse apply',
  },
  references: {},
  requires: [],
  evaluate(input) {
    if (input.desired.file === undefined) {
      return [
        skipped(RESOURCE, 'No config file was given: the built-in baseline declares no Identity Center content.'),
      ];
    }
    const plan = input.plan;
    if (!plan) return [errored(RESOURCE, 'The plan was not computed, so drift could not be judged.')];
    if (plan.status === 'notApplicable') return [skipped(RESOURCE, plan.reason)];
    if (plan.status !== 'ok')
      return [errored(RESOURCE, `The plan could not be computed: ${describeEvidence(plan, 'plan')}.`)];
    const { actionCount, addresses } = plan.value;
    if (actionCount === 0) return [pass(RESOURCE, 'Live Identity Center matches the config: the plan is empty.')];
    const shown =
      addresses.length > MAX_ADDRESSES ? `${addresses.slice(0, MAX_ADDRESSES).join(', ')}, …` : addresses.join(', ');
    return [
      fail(
        RESOURCE,
        `The plan has ${actionCount} change${actionCount === 1 ? '' : 's'} to make live Identity Center match the config${shown ? `: ${shown}` : ''}.`,
      ),
    ];
  },
});
