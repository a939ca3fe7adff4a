import { describe, expect, test } from 'vitest';
import { resolveManagedPolicy } from './managed-policy.js';

describe('AWS managed policy references', () => {
  test.each([
    ['AdministratorAccess', 'arn:aws:iam::aws:policy/AdministratorAccess'],
    ['job-function/ViewOnlyAccess', 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
    // Job-function policies live under job-function/: the bare name resolves to the real ARN.
    ['ViewOnlyAccess', 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
    ['SystemAdministrator', 'arn:aws:iam::aws:policy/job-function/SystemAdministrator'],
    ['SecurityAudit', 'arn:aws:iam::aws:policy/SecurityAudit'],
    ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
    ['arn:aws:iam::aws:policy/service-role/AWSConfigRole', 'arn:aws:iam::aws:policy/service-role/AWSConfigRole'],
    ['arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess', 'arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess'],
  ])('%s → %s', (reference, arn) => {
    expect(resolveManagedPolicy(reference)).toEqual({ ok: true, arn });
  });

  test('a customer managed ARN points to customerPolicies, with its name and path', () => {
    expect(resolveManagedPolicy('arn:aws:iam::123456789012:policy/Boundary')).toEqual({
      ok: false,
      problem:
        '`arn:aws:iam::123456789012:policy/Boundary` is a customer managed policy; sso-admin attaches those by name: put `{ name: Boundary }` under `customerPolicies`',
    });
    expect(resolveManagedPolicy('arn:aws:iam::123456789012:policy/team/a/Boundary')).toMatchObject({
      problem: expect.stringContaining('`{ name: Boundary, path: /team/a/ }`'),
    });
  });

  test.each(['Administrator Access', 'arn:aws:iam::aws:role/Admin', 'arn:aws:s3:::bucket', ''])(
    '%s is refused',
    (reference) => {
      expect(resolveManagedPolicy(reference).ok).toBe(false);
    },
  );
});
