/** @module identity-center.region: the instance is in the region the config names. */

import { defineCheck, fail, inAccount, pass, skipped } from '../define-check.js';

export const identityCenterRegion = defineCheck({
  id: 'identity-center.region',
  title: 'The IAM Identity Center instance is in the configured region',
  severity: 'medium',
  scope: 'organization',
  rationale:
    'The Identity Center region is chosen once: the access-portal URL, the identity store and every assignment live there, and moving it means deleting the instance and recreating everything. A mismatch means the config and reality disagree about where people sign in.',
  notes: 'Skipped when the config names no region (gatehouse then uses whichever region has the instance).',
  remediation: {
    console:
      'Usually the config is what should change: set identityCenter.region to the region the instance is in. Moving the instance means IAM Identity Center console → Settings → Management → Delete, then enabling it in the new region and recreating permission sets, users, groups and assignments (gatehouse apply does the last part).',
    config: 'identityCenter:\n  region: eu-west-1   # where the instance actually is',
  },
  references: {
    docs: ['https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html'],
  },
  requires: ['identity-center.instance'],
  evaluate(input) {
    const wanted = input.desired.identityCenter.region;
    const { instance } = input.fact('identity-center.instance');
    if (!instance)
      return [skipped('identity-center', 'No IAM Identity Center instance exists (see identity-center.enabled).')];
    const at = (f: ReturnType<typeof pass>) => inAccount(f, instance.ownerAccountId);
    if (!wanted) {
      return [
        at(skipped(instance.arn, `The config names no Identity Center region; the instance is in ${instance.region}.`)),
      ];
    }
    if (instance.region === wanted) return [at(pass(instance.arn, `The instance is in ${wanted}, as configured.`))];
    return [at(fail(instance.arn, `The instance is in ${instance.region}, but the config names ${wanted}.`))];
  },
});
