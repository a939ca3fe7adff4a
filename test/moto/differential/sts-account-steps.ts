/**
 * @module Differential steps for STS (caller identity, AssumeRole into a member account and calls
 * made with the session) and Account (alternate contacts).
 */

import type { Outcome } from './normalize.js';
import type { Side } from './sides.js';
import type { Step } from './steps.js';

const MEMBER_ROLE = 'OrganizationAccountAccessRole';
const memberRoleArn = (s: Side) => `arn:aws:iam::${s.ids.raw('acct:dev')}:role/${MEMBER_ROLE}`;

function keepSession(label: string) {
  return (s: Side, outcome: Outcome) => {
    if (!('ok' in outcome)) return;
    const c = (outcome.ok as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string } })
      .Credentials;
    s.sessions.set(label, {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    });
  };
}

const SECURITY_CONTACT = {
  AlternateContactType: 'SECURITY',
  Name: 'Security Team',
  Title: 'CISO',
  EmailAddress: 'security@example.com',
  PhoneNumber: '+1 555 0100',
};

export const stsAccountSteps: Step[] = [
  { name: 'who is calling', service: 'sts', op: 'GetCallerIdentity' },
  {
    name: `assume ${MEMBER_ROLE} in dev`,
    service: 'sts',
    op: 'AssumeRole',
    input: (s) => ({ RoleArn: memberRoleArn(s), RoleSessionName: 'gatehouse-audit' }),
    after: keepSession('dev'),
  },
  { name: 'who is calling with that session', service: 'sts', op: 'GetCallerIdentity', as: 'dev' },
  {
    name: 'the organization seen from a member account',
    service: 'organizations',
    op: 'DescribeOrganization',
    as: 'dev',
  },
  { name: 'the accounts seen from a member account', service: 'organizations', op: 'ListAccounts', as: 'dev' },
  {
    name: 'a session longer than the role allows (one hour)',
    service: 'sts',
    op: 'AssumeRole',
    input: (s) => ({ RoleArn: memberRoleArn(s), RoleSessionName: 'long', DurationSeconds: 7200 }),
  },
  {
    name: 'a role that does not exist',
    service: 'sts',
    op: 'AssumeRole',
    input: (s) => ({ RoleArn: `arn:aws:iam::${s.ids.raw('acct:dev')}:role/NoSuchRole`, RoleSessionName: 'nope' }),
  },
  {
    name: 'no security contact yet',
    service: 'account',
    op: 'GetAlternateContact',
    input: () => ({ AlternateContactType: 'SECURITY' }),
  },
  {
    name: 'register the security contact',
    service: 'account',
    op: 'PutAlternateContact',
    input: () => SECURITY_CONTACT,
  },
  {
    name: 'the security contact',
    service: 'account',
    op: 'GetAlternateContact',
    input: () => ({ AlternateContactType: 'SECURITY' }),
  },
  {
    name: "a member account's billing contact (none)",
    service: 'account',
    op: 'GetAlternateContact',
    input: (s) => ({ AccountId: s.ids.raw('acct:dev'), AlternateContactType: 'BILLING' }),
  },
  {
    name: 'a contact with an invalid e-mail address',
    service: 'account',
    op: 'PutAlternateContact',
    input: () => ({ ...SECURITY_CONTACT, AlternateContactType: 'OPERATIONS', EmailAddress: 'not an address' }),
  },
  { name: 'contact information', service: 'account', op: 'GetContactInformation' },
];
