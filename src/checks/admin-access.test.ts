import { describe, expect, test } from 'vitest';
import { ADMINISTRATOR_ACCESS_ARN } from '../model/desired.js';
import { grantsAdministratorAccess, inlinePolicyAllowsEverything } from './admin-access.js';
import { permissionSet } from './test-builders.test-helpers.js';

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });

describe('administrator access', () => {
  test('the AWS managed AdministratorAccess policy', () => {
    expect(grantsAdministratorAccess(permissionSet('A', { managedPolicies: [ADMINISTRATOR_ACCESS_ARN] }))).toBe(true);
    expect(
      grantsAdministratorAccess(permissionSet('P', { managedPolicies: ['arn:aws:iam::aws:policy/PowerUserAccess'] })),
    ).toBe(false);
  });

  test('an inline Allow of * (or *:*) on *, as a string or in a list, with or without conditions', () => {
    expect(inlinePolicyAllowsEverything(doc({ Effect: 'Allow', Action: '*', Resource: '*' }))).toBe(true);
    expect(inlinePolicyAllowsEverything(doc({ Effect: 'Allow', Action: ['s3:*', '*:*'], Resource: ['*'] }))).toBe(true);
    expect(
      inlinePolicyAllowsEverything(
        JSON.stringify({
          Statement: {
            Effect: 'Allow',
            Action: '*',
            Resource: '*',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        }),
      ),
    ).toBe(true);
  });

  test('not administrator: Deny, narrower actions or resources, NotAction, no policy, invalid JSON', () => {
    expect(inlinePolicyAllowsEverything(doc({ Effect: 'Deny', Action: '*', Resource: '*' }))).toBe(false);
    expect(inlinePolicyAllowsEverything(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }))).toBe(false);
    expect(inlinePolicyAllowsEverything(doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/*' }))).toBe(
      false,
    );
    expect(inlinePolicyAllowsEverything(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }))).toBe(false);
    expect(inlinePolicyAllowsEverything(null)).toBe(false);
    expect(inlinePolicyAllowsEverything('{not json')).toBe(false);
    expect(inlinePolicyAllowsEverything('"text"')).toBe(false);
  });

  test('customer managed policies are not visible, so they are not counted', () => {
    expect(
      grantsAdministratorAccess(permissionSet('C', { customerManagedPolicies: [{ name: 'FullAdmin', path: '/' }] })),
    ).toBe(false);
  });
});
