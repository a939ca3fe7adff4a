import { describe, expect, test } from 'vitest';
import { ADMIN_PATHS, judgeAdmin, permissionSetAdmin } from './admin.js';
import { KNOWN_AWS_MANAGED_POLICIES } from './aws-managed.js';
import { policyFromDocument } from './document.js';

const AWS = 'arn:aws:iam::aws:policy/';
const inline = (...Statement: unknown[]) =>
  permissionSetAdmin({
    managedPolicies: [],
    customerManagedPolicies: [],
    inlinePolicy: JSON.stringify({ Version: '2012-10-17', Statement }),
    permissionsBoundary: null,
  }).admin;
const managed = (...arns: string[]) =>
  permissionSetAdmin({
    managedPolicies: arns,
    customerManagedPolicies: [],
    inlinePolicy: null,
    permissionsBoundary: null,
  }).admin;

describe('the admin definition', () => {
  test('admin in all but name (issue 11 finding 4) is admin', () => {
    expect(inline({ Effect: 'Allow', Action: '*', Resource: '*' })).toBe('yes');
    expect(inline({ Effect: 'Allow', NotAction: 'iam:GetUser', Resource: '*' })).toBe('yes');
    expect(inline({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::private/*' })).toBe('yes');
    expect(inline({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })).toBe('yes');
    expect(inline({ Effect: 'Allow', Action: '*:*', Resource: '*' })).toBe('yes');
    expect(inline({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:*:*:*:*' })).toBe('yes');
  });

  test('any single action left out of * still leaves a path (the paths share no action)', () => {
    const every = Object.values(ADMIN_PATHS).flatMap((steps) => steps.flatMap((s) => s.actions));
    for (const action of every) expect(inline({ Effect: 'Allow', NotAction: action, Resource: '*' })).toBe('yes');
  });

  test('AWS managed policies by their documents: only AdministratorAccess and IAMFullAccess are admin', () => {
    expect(managed(`${AWS}AdministratorAccess`)).toBe('yes');
    expect(managed(`${AWS}IAMFullAccess`)).toBe('yes');
    for (const name of ['PowerUserAccess', 'ReadOnlyAccess', 'SecurityAudit', 'job-function/ViewOnlyAccess']) {
      expect(KNOWN_AWS_MANAGED_POLICIES).toContain(`${AWS}${name}`);
      expect(managed(`${AWS}${name}`)).toBe('no');
    }
    expect(managed(`${AWS}AmazonS3FullAccess`)).toBe('no');
  });

  test('Deny takes admin away; a conditional Deny leaves maybe', () => {
    const all = { Effect: 'Allow', Action: '*', Resource: '*' };
    expect(inline(all, { Effect: 'Deny', NotAction: 'iam:GetUser', Resource: '*' })).toBe('no');
    expect(
      inline(all, {
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    ).toBe('maybe');
    expect(inline(all, { Effect: 'Deny', Action: ['iam:*', 'sso:*'], Resource: '*' })).toBe('no');
    // Denying the IAM-user path alone leaves the role path.
    expect(inline(all, { Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' })).toBe('yes');
  });

  test('a boundary caps: AdministratorAccess under ReadOnlyAccess is not admin; under a customer boundary maybe', () => {
    const set = (permissionsBoundary: Parameters<typeof permissionSetAdmin>[0]['permissionsBoundary']) =>
      permissionSetAdmin({
        managedPolicies: [`${AWS}AdministratorAccess`],
        customerManagedPolicies: [],
        inlinePolicy: null,
        permissionsBoundary,
      }).admin;
    expect(set({ managedPolicyArn: `${AWS}ReadOnlyAccess` })).toBe('no');
    expect(set({ managedPolicyArn: `${AWS}AdministratorAccess` })).toBe('yes');
    expect(set({ customerManagedPolicy: { name: 'Cap', path: '/' } })).toBe('maybe');
  });

  test('judgeAdmin names the path', () => {
    const iam = policyFromDocument('p', { Statement: { Effect: 'Allow', Action: 'iam:*', Resource: '*' } });
    expect(judgeAdmin({ identity: [iam], boundary: null })).toEqual({ admin: 'yes', path: 'iam-user' });
  });
});
