import { describe, expect, test } from 'vitest';
import { policyFromDocument, policyFromText } from './document.js';
import { allows, type PermissionInputs } from './evaluate.js';
import { actionMatches, resourceMatches } from './match.js';

const policy = (...Statement: unknown[]) => policyFromDocument('p', { Version: '2012-10-17', Statement });
const inputs = (...Statement: unknown[]): PermissionInputs => ({ identity: [policy(...Statement)], boundary: null });
const ALL = { Effect: 'Allow', Action: '*', Resource: '*' };
const VARIABLE = ['$', '{aws:username}'].join('');
const BUCKET = 'arn:aws:s3:::bucket/key';

describe('wildcards', () => {
  test('actions: * and ? across the service prefix, case-insensitive', () => {
    expect(actionMatches('*:*', 'iam:CreateUser')).toBe(true);
    expect(actionMatches('iam:*', 'IAM:createuser')).toBe(true);
    expect(actionMatches('iam:Create?ser', 'iam:CreateUser')).toBe(true);
    expect(actionMatches('iam:Create?ser', 'iam:CreateUsers')).toBe(false);
    expect(actionMatches('iam:Get*', 'iam:CreateUser')).toBe(false);
    expect(actionMatches('s3.amazonaws:*', 's3xamazonaws:x')).toBe(false);
  });

  test('resources: * crosses colons and slashes, case-sensitive', () => {
    expect(resourceMatches('arn:aws:*:*:*:*', 'arn:aws:iam::1:user/x')).toBe(true);
    expect(resourceMatches('arn:aws:s3:::bucket/*', BUCKET)).toBe(true);
    expect(resourceMatches('arn:aws:s3:::Bucket/*', BUCKET)).toBe(false);
  });
});

describe('documents', () => {
  test('Statement as an object or a list; Action and Resource as a string or a list', () => {
    const one = policyFromDocument('a', { Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET } });
    const many = policyFromDocument('b', {
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [BUCKET] }],
    });
    expect(allows({ identity: [one], boundary: null }, 's3:GetObject', BUCKET)).toBe('yes');
    expect(allows({ identity: [many], boundary: null }, 's3:GetObject', BUCKET)).toBe('yes');
  });

  test('a document AWS would reject is unknown, never read as granting or denying', () => {
    expect(policyFromText('x', '{not json').kind).toBe('unknown');
    expect(policyFromDocument('x', { Statement: [{ Effect: 'Allow', Action: '*' }] }).kind).toBe('unknown');
    expect(policyFromDocument('x', { Statement: [{ Effect: 'Maybe', Action: '*', Resource: '*' }] }).kind).toBe(
      'unknown',
    );
    expect(
      policyFromDocument('x', { Statement: [{ Effect: 'Allow', Action: '*', NotAction: 'x:y', Resource: '*' }] }).kind,
    ).toBe('unknown');
    expect(policyFromText('x', encodeURIComponent(JSON.stringify({ Statement: ALL }))).kind).toBe('known');
  });
});

describe('allows', () => {
  test('an Allow is needed; an explicit Deny wins', () => {
    expect(allows(inputs(), 's3:GetObject', BUCKET)).toBe('no');
    expect(allows(inputs(ALL), 's3:GetObject', BUCKET)).toBe('yes');
    expect(allows(inputs(ALL, { Effect: 'Deny', Action: 's3:*', Resource: '*' }), 's3:GetObject', BUCKET)).toBe('no');
  });

  test('NotAction and NotResource cover everything but what they list', () => {
    const notAction = inputs({ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' });
    expect(allows(notAction, 's3:GetObject', BUCKET)).toBe('yes');
    expect(allows(notAction, 'iam:CreateUser', '*')).toBe('no');
    const denyAllBut = inputs(ALL, { Effect: 'Deny', NotAction: 'iam:GetUser', Resource: '*' });
    expect(allows(denyAllBut, 'iam:GetUser', '*')).toBe('yes');
    expect(allows(denyAllBut, 'iam:CreateUser', '*')).toBe('no');
    const notResource = inputs({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::bucket/*' });
    expect(allows(notResource, 's3:GetObject', BUCKET)).toBe('no');
    expect(allows(notResource, 's3:GetObject', 'arn:aws:s3:::other/key')).toBe('yes');
  });

  test('conditions make maybe: a conditional Deny may apply, a conditional Allow may not', () => {
    const condition = { Bool: { 'aws:MultiFactorAuthPresent': 'false' } };
    expect(allows(inputs(ALL, { Effect: 'Deny', Action: '*', Resource: '*', Condition: condition }), 'x:y', '*')).toBe(
      'maybe',
    );
    expect(allows(inputs({ ...ALL, Condition: condition }), 'x:y', '*')).toBe('maybe');
    expect(allows(inputs({ ...ALL, Condition: {} }), 'x:y', '*')).toBe('yes');
    expect(
      allows(
        inputs({ Effect: 'Allow', Action: '*', Resource: `arn:aws:iam::1:user/${VARIABLE}` }),
        'x:y',
        'arn:aws:iam::1:user/a',
      ),
    ).toBe('maybe');
  });

  test('a boundary caps: effective = identity ∩ boundary; an unknown boundary leaves maybe', () => {
    const readOnly = policy({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' });
    const capped: PermissionInputs = { identity: [policy(ALL)], boundary: readOnly };
    expect(allows(capped, 's3:GetObject', BUCKET)).toBe('yes');
    expect(allows(capped, 's3:PutObject', BUCKET)).toBe('no');
    const unknown: PermissionInputs = { identity: [policy(ALL)], boundary: { kind: 'unknown', name: 'b', why: 'x' } };
    expect(allows(unknown, 's3:PutObject', BUCKET)).toBe('maybe');
  });

  test('unknown identity policies add nothing, unless distrusted (then they may deny)', () => {
    const mystery = { kind: 'unknown' as const, name: 'customer:/Mystery', why: 'x' };
    expect(allows({ identity: [policy(ALL), mystery], boundary: null }, 'x:y', '*')).toBe('yes');
    expect(allows({ identity: [mystery], boundary: null }, 'x:y', '*')).toBe('no');
    expect(
      allows({ identity: [policy(ALL), mystery], boundary: null, distrust: new Set([mystery.name]) }, 'x:y', '*'),
    ).toBe('maybe');
  });
});
