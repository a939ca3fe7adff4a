/**
 * @module AWS managed policy references: a bare name (`AdministratorAccess`), a name with its path
 * (`job-function/ViewOnlyAccess`) or a full AWS managed ARN. Customer managed ARNs are refused with a
 * pointer to `customerPolicies`, because sso-admin attaches those by name and path, not by ARN.
 */

import { AWS_MANAGED_POLICY_ARN, CUSTOMER_POLICY_ARN, POLICY_NAME } from './limits.js';

const AWS_MANAGED_PREFIX = 'arn:aws:iam::aws:policy/';
/** A path-qualified AWS managed policy name: `job-function/ViewOnlyAccess`, `service-role/…`. */
const PATH_AND_NAME = /^(?:[A-Za-z0-9.,+@=_-]+\/)+[\w+=,.@-]{1,128}$/;

/**
 * AWS's job-function policies live under `job-function/`: a bare `ViewOnlyAccess` would name an ARN
 * that does not exist (and AWS would reject the attach at apply time), so these bare names resolve
 * to their real path.
 */
const JOB_FUNCTION_POLICIES: ReadonlySet<string> = new Set([
  'Billing',
  'DataScientist',
  'DatabaseAdministrator',
  'NetworkAdministrator',
  'SupportUser',
  'SystemAdministrator',
  'ViewOnlyAccess',
]);

export type ManagedPolicyResult = { ok: true; arn: string } | { ok: false; problem: string };

/**
 * The ARN of an AWS managed policy reference.
 *
 * @example resolveManagedPolicy('ReadOnlyAccess') // { ok: true, arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }
 */
export function resolveManagedPolicy(reference: string): ManagedPolicyResult {
  if (reference.startsWith('arn:')) {
    if (AWS_MANAGED_POLICY_ARN.test(reference)) return { ok: true, arn: reference };
    const customer = CUSTOMER_POLICY_ARN.exec(reference);
    if (customer) {
      const [, , , path, name] = customer;
      const pathPart = path === '/' ? '' : `, path: ${path}`;
      return {
        ok: false,
        problem: `\`${reference}\` is a customer managed policy; sso-admin attaches those by name: put \`{ name: ${name}${pathPart} }\` under \`customerPolicies\``,
      };
    }
    return { ok: false, problem: `\`${reference}\` is not an AWS managed policy ARN (arn:aws:iam::aws:policy/NAME)` };
  }
  if (JOB_FUNCTION_POLICIES.has(reference)) return { ok: true, arn: `${AWS_MANAGED_PREFIX}job-function/${reference}` };
  if (POLICY_NAME.test(reference) || PATH_AND_NAME.test(reference)) {
    return { ok: true, arn: `${AWS_MANAGED_PREFIX}${reference}` };
  }
  return {
    ok: false,
    problem: `\`${reference}\` is not an AWS managed policy name (letters, digits and _+=,.@-, e.g. ReadOnlyAccess)`,
  };
}
