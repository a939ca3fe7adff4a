/**
 * @module The documents of the AWS managed policies gatehouse judges (data). Customer managed policies
 * and AWS managed policies not listed here are `unknown` (their contents are not readable from
 * Identity Center, and a guessed document would be worse than an honest "unknown").
 *
 * AdministratorAccess, PowerUserAccess and IAMFullAccess are AWS's documents. The read-only ones
 * (ReadOnlyAccess, SecurityAudit, ViewOnlyAccess) list hundreds of per-service read actions; they are
 * abridged here to the read verbs they are made of, which keeps the one thing the evaluator is asked
 * about them: they allow no write, so nothing that could grant access.
 */

import { type Policy, policyFromDocument } from './document.js';

const AWS_POLICY = 'arn:aws:iam::aws:policy/';
const READ_VERBS = ['*:Get*', '*:List*', '*:Describe*', '*:BatchGet*', '*:Search*', '*:Lookup*', '*:View*'];

const DOCUMENTS: Readonly<Record<string, unknown>> = {
  AdministratorAccess: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  PowerUserAccess: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      {
        Effect: 'Allow',
        Action: [
          'account:GetAccountInformation',
          'account:GetPrimaryEmail',
          'account:ListRegions',
          'iam:CreateServiceLinkedRole',
          'iam:DeleteServiceLinkedRole',
          'iam:ListRoles',
          'organizations:DescribeOrganization',
        ],
        Resource: '*',
      },
    ],
  },
  IAMFullAccess: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'iam:*',
          'organizations:DescribeAccount',
          'organizations:DescribeOrganization',
          'organizations:DescribeOrganizationalUnit',
          'organizations:DescribePolicy',
          'organizations:ListChildren',
          'organizations:ListParents',
          'organizations:ListPoliciesForTarget',
          'organizations:ListRoots',
          'organizations:ListPolicies',
          'organizations:ListTargetsForPolicy',
        ],
        Resource: '*',
      },
    ],
  },
  ReadOnlyAccess: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: READ_VERBS, Resource: '*' }] },
  SecurityAudit: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: READ_VERBS, Resource: '*' }] },
  'job-function/ViewOnlyAccess': {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['*:List*', '*:Describe*', '*:Get*'], Resource: '*' }],
  },
};

const KNOWN = new Map<string, Policy>(
  Object.entries(DOCUMENTS).map(([name, doc]) => [`${AWS_POLICY}${name}`, policyFromDocument(name, doc)]),
);

/** The policy an AWS managed policy ARN names: its document when listed, else `unknown`. */
export function awsManagedPolicy(arn: string): Policy {
  return KNOWN.get(arn) ?? { kind: 'unknown', name: arn, why: 'an AWS managed policy gatehouse has no document for' };
}

/** The ARNs whose documents gatehouse knows (for docs and tests). */
export const KNOWN_AWS_MANAGED_POLICIES: readonly string[] = [...KNOWN.keys()];
