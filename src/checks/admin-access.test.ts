import { describe, expect, test } from 'vitest';
import { ADMINISTRATOR_ACCESS_ARN } from '../model/desired.js';
import { administratorAccessSource, grantsAdministratorAccess } from './admin-access.js';
import { permissionSet } from './test-builders.test-helpers.js';

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const inline = (...statements: unknown[]) =>
  grantsAdministratorAccess(permissionSet('I', { inlinePolicy: doc(...statements) }));

describe('administrator access', () => {
  test('the AWS managed AdministratorAccess policy; PowerUserAccess and ReadOnlyAccess are not', () => {
    expect(grantsAdministratorAccess(permissionSet('A', { managedPolicies: [ADMINISTRATOR_ACCESS_ARN] }))).toBe(true);
    expect(
      grantsAdministratorAccess(permissionSet('P', { managedPolicies: ['arn:aws:iam::aws:policy/PowerUserAccess'] })),
    ).toBe(false);
    expect(
      grantsAdministratorAccess(permissionSet('R', { managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] })),
    ).toBe(false);
  });

  test('an inline Allow of * (or *:*) on *, as a string or in a list, with or without conditions', () => {
    expect(inline({ Effect: 'Allow', Action: '*', Resource: '*' })).toBe(true);
    expect(inline({ Effect: 'Allow', Action: ['s3:*', '*:*'], Resource: ['*'] })).toBe(true);
    expect(
      grantsAdministratorAccess(
        permissionSet('C', {
          inlinePolicy: JSON.stringify({
            Statement: {
              Effect: 'Allow',
              Action: '*',
              Resource: '*',
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            },
          }),
        }),
      ),
    ).toBe(true);
  });

  test('admin in all but name (finding 4): NotAction of one action, NotResource, iam:*, arn:aws:*:*:*:*', () => {
    expect(inline({ Effect: 'Allow', NotAction: 'iam:GetUser', Resource: '*' })).toBe(true);
    expect(inline({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::secrets/*' })).toBe(true);
    expect(inline({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })).toBe(true);
    expect(inline({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:*:*:*:*' })).toBe(true);
  });

  test('not administrator: Deny, narrower actions or resources, NotAction iam:*, no policy, invalid JSON', () => {
    expect(inline({ Effect: 'Deny', Action: '*', Resource: '*' })).toBe(false);
    expect(inline({ Effect: 'Allow', Action: 's3:*', Resource: '*' })).toBe(false);
    expect(inline({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/*' })).toBe(false);
    expect(inline({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })).toBe(false);
    expect(grantsAdministratorAccess(permissionSet('N'))).toBe(false);
    expect(grantsAdministratorAccess(permissionSet('J', { inlinePolicy: '{not json' }))).toBe(false);
    expect(grantsAdministratorAccess(permissionSet('T', { inlinePolicy: '"text"' }))).toBe(false);
  });

  test('an unconditional Deny beside AdministratorAccess takes admin away; a conditional one does not (it may not apply)', () => {
    const withDeny = (statement: unknown) =>
      grantsAdministratorAccess(
        permissionSet('D', { managedPolicies: [ADMINISTRATOR_ACCESS_ARN], inlinePolicy: doc(statement) }),
      );
    expect(withDeny({ Effect: 'Deny', NotAction: 'iam:GetUser', Resource: '*' })).toBe(false);
    expect(
      withDeny({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:ViaAWSService': 'false' } } }),
    ).toBe(true);
  });

  test('customer managed policies are not visible, so they are not counted', () => {
    expect(
      grantsAdministratorAccess(permissionSet('C', { customerManagedPolicies: [{ name: 'FullAdmin', path: '/' }] })),
    ).toBe(false);
  });

  test('the reason names the path', () => {
    expect(administratorAccessSource(permissionSet('A', { managedPolicies: [ADMINISTRATOR_ACCESS_ARN] }))).toBe(
      'AdministratorAccess',
    );
    expect(
      administratorAccessSource(
        permissionSet('I', { inlinePolicy: doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }) }),
      ),
    ).toBe('policies that let it create an IAM user with any policy');
  });
});
