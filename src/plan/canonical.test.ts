import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  canonicalPolicy,
  canonicalPolicyOf,
  canonicalPolicyText,
  policyGrants,
  policyStatements,
  prettyPolicy,
} from './canonical.js';

describe('canonicalJson', () => {
  it('sorts keys recursively and drops undefined, keeping array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: undefined } })).toBe('{"a":{"d":[3,1]},"b":1}');
  });
});

describe('canonical policies', () => {
  const scalar = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } };
  const listed = {
    Statement: [{ Resource: ['*'], Action: ['s3:GetObject', 's3:GetObject'], Effect: 'Allow' }],
    Version: '2012-10-17',
  };

  it('treats a scalar Action/Resource/Statement like a one-element list', () => {
    expect(canonicalPolicyOf(scalar)).toBe(canonicalPolicyOf(listed));
    expect(canonicalPolicy(scalar)).toEqual({
      Statement: [{ Action: ['s3:GetObject'], Effect: 'Allow', Resource: ['*'] }],
      Version: '2012-10-17',
    });
  });

  it('sorts action lists so reordering is not a change', () => {
    const a = { Statement: [{ Effect: 'Allow', Action: ['s3:B', 's3:A'], Resource: '*' }] };
    const b = { Statement: [{ Effect: 'Allow', Action: ['s3:A', 's3:B'], Resource: '*' }] };
    expect(canonicalPolicyOf(a)).toBe(canonicalPolicyOf(b));
  });

  it('parses live text, URL-encoded or not, and treats "" as no policy', () => {
    const text = JSON.stringify(scalar, null, 4);
    expect(canonicalPolicyText(text)).toBe(canonicalPolicyOf(scalar));
    expect(canonicalPolicyText(encodeURIComponent(JSON.stringify(scalar)))).toBe(canonicalPolicyOf(scalar));
    expect(canonicalPolicyText('')).toBeNull();
    expect(canonicalPolicyText(null)).toBeNull();
  });

  it('keeps text that is not JSON as it is, so it never equals a real policy', () => {
    expect(canonicalPolicyText('{not json')).toBe('{not json');
    expect(prettyPolicy('{not json')).toBe('{not json');
  });

  it('pretty-prints canonical text with two spaces', () => {
    expect(prettyPolicy('{"a":[1]}')).toBe('{\n  "a": [\n    1\n  ]\n}');
  });

  it('lists statements and grants', () => {
    const text = canonicalPolicyOf({
      Statement: [
        { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' },
        { Effect: 'Deny', Action: 'iam:*', Resource: '*' },
        {
          Effect: 'Allow',
          Action: 'ec2:*',
          Resource: '*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    });
    expect(policyStatements(text)).toHaveLength(3);
    const grants = policyGrants(text);
    expect([...grants.allow]).toEqual([
      's3:GetObject *',
      's3:ListBucket *',
      '{"Action":["ec2:*"],"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}},"Resource":["*"]}',
    ]);
    expect([...grants.deny]).toEqual(['iam:* *']);
    expect(policyStatements(null)).toEqual([]);
  });
});
