import { describe, expect, test } from 'vitest';
import { permissionSet } from './org.test-helpers.js';
import { importPermissionSet, policyReference } from './permission-sets.js';

describe('policyReference', () => {
  test('short names for top-level AWS managed policies; ARNs for paths and other partitions', () => {
    expect(policyReference('arn:aws:iam::aws:policy/AdministratorAccess')).toBe('AdministratorAccess');
    expect(policyReference('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess')).toBe(
      'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
    );
    expect(policyReference('arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess')).toBe(
      'arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess',
    );
  });
});

describe('importPermissionSet', () => {
  test('every attribute; the ownership tag is left out of tags and keeps the set managed', () => {
    const imported = importPermissionSet(
      permissionSet('Deploy', {
        description: 'CI deploys',
        sessionDuration: 'PT2H',
        relayState: 'https://console.aws.amazon.com/',
        managedPolicies: [
          'arn:aws:iam::aws:policy/PowerUserAccess',
          'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
        ],
        customerManagedPolicies: [
          { name: 'Team', path: '/' },
          { name: 'Ci', path: '/ci/' },
        ],
        inlinePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}',
        permissionsBoundary: { customerManagedPolicy: { name: 'Boundary', path: '/b/' } },
        tags: { 'managed-by': 'gatehouse', team: 'ci', 'cost-center': '42' },
      }),
    );
    expect(imported.managed).toBe(true);
    expect(imported.omitted).toEqual([]);
    expect(imported.spec).toEqual({
      description: 'CI deploys',
      sessionDuration: 'PT2H',
      relayState: 'https://console.aws.amazon.com/',
      policies: ['PowerUserAccess', 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
      customerPolicies: [{ name: 'Team' }, { name: 'Ci', path: '/ci/' }],
      inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }] },
      permissionsBoundary: { customerPolicy: { name: 'Boundary', path: '/b/' } },
      tags: { 'cost-center': '42', team: 'ci' },
    });
  });

  test('a set without the managed-by=gatehouse tag is a reference (managed: false)', () => {
    const imported = importPermissionSet(
      permissionSet('Legacy', {
        tags: {},
        permissionsBoundary: { managedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
      }),
    );
    expect(imported).toMatchObject({ managed: false, ownedByGatehouse: false, omitted: [] });
    expect(imported.spec).toEqual({
      sessionDuration: 'PT1H',
      permissionsBoundary: { policy: 'PowerUserAccess' },
      managed: false,
    });
  });

  test('another tool’s managed-by tag cannot be written: reported, and the set stays a reference', () => {
    const imported = importPermissionSet(permissionSet('Tf', { tags: { 'managed-by': 'terraform', team: 'x' } }));
    expect(imported.managed).toBe(false);
    expect(imported.spec).toEqual({ sessionDuration: 'PT1H', tags: { team: 'x' }, managed: false });
    expect(imported.omitted.map((o) => o.attribute)).toEqual(['tags.managed-by']);
  });

  test('an inline policy the config grammar refuses is left out, and a managed set becomes a reference', () => {
    const withPrincipal =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}';
    const imported = importPermissionSet(permissionSet('Odd', { inlinePolicy: withPrincipal }));
    expect(imported.managed).toBe(false);
    expect(imported.ownedByGatehouse).toBe(true);
    expect(imported.spec).toEqual({ sessionDuration: 'PT1H', managed: false });
    expect(imported.omitted).toHaveLength(1);
    expect(imported.omitted[0]).toMatchObject({ attribute: 'inlinePolicy' });
    expect(imported.omitted[0]!.why).toMatch(/Principal/);
  });

  test('an inline policy that is not JSON is left out with the reason', () => {
    const imported = importPermissionSet(permissionSet('Broken', { inlinePolicy: '{not json' }));
    expect(imported.managed).toBe(false);
    expect(imported.omitted).toEqual([{ attribute: 'inlinePolicy', why: 'it is not valid JSON' }]);
  });

  test('one tag the config refuses (an aws: key) is left out alone; the others stay', () => {
    const imported = importPermissionSet(
      permissionSet('Tagged', { tags: { 'managed-by': 'gatehouse', 'aws:origin': 'x', team: 'a' } }),
    );
    expect(imported.spec).toEqual({ sessionDuration: 'PT1H', tags: { team: 'a' }, managed: false });
    expect(imported.omitted.map((o) => o.attribute)).toEqual(['tags.aws:origin']);
  });
});
