import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { judgeAdmin } from './admin.js';
import { policyFromDocument } from './document.js';
import { allows, type PermissionInputs, type Tri } from './evaluate.js';

const RANK: Record<Tri, number> = { no: 0, maybe: 1, yes: 2 };
const SEED = { numRuns: 300, seed: 20261208 };

const actionPatterns = [
  '*',
  '*:*',
  'iam:*',
  'iam:Create*',
  'iam:CreateUser',
  'IAM:createuser',
  's3:Get?bject',
  'sts:*',
  'sso:*',
];
const resourcePatterns = [
  '*',
  'arn:aws:*:*:*:*',
  'arn:aws:iam::*:user/*',
  'arn:aws:iam::999999999999:role/*',
  'arn:aws:s3:::b/*',
];
const requests = fc.record({
  action: fc.constantFrom(
    'iam:CreateUser',
    'iam:AttachRolePolicy',
    'sts:AssumeRole',
    's3:GetObject',
    'sso:CreateAccountAssignment',
  ),
  resource: fc.constantFrom(
    'arn:aws:iam::999999999999:user/u',
    'arn:aws:iam::999999999999:role/r',
    'arn:aws:s3:::b/k',
    '*',
  ),
});

const statement = (effect: fc.Arbitrary<'Allow' | 'Deny'>) =>
  fc
    .record({
      Effect: effect,
      not: fc.boolean(),
      notResource: fc.boolean(),
      actions: fc.subarray(actionPatterns, { minLength: 1, maxLength: 3 }),
      resources: fc.subarray(resourcePatterns, { minLength: 1, maxLength: 2 }),
      conditional: fc.boolean(),
    })
    .map((s) => ({
      Effect: s.Effect,
      [s.not ? 'NotAction' : 'Action']: s.actions,
      [s.notResource ? 'NotResource' : 'Resource']: s.resources,
      ...(s.conditional ? { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } } : {}),
    }));
const statements = fc.array(statement(fc.constantFrom('Allow', 'Deny')), { maxLength: 4 });
const inputsOf = (list: unknown[]): PermissionInputs => ({
  identity: [policyFromDocument('p', { Version: '2012-10-17', Statement: list })],
  boundary: null,
});

describe('evaluator properties (seeded)', () => {
  fcTest.prop([statements, statement(fc.constant('Deny')), requests], SEED)(
    'adding a Deny never allows more, for any request and for the admin judgement',
    (base, deny, { action, resource }) => {
      const before = inputsOf(base);
      const after = inputsOf([...base, deny]);
      expect(RANK[allows(after, action, resource)]).toBeLessThanOrEqual(RANK[allows(before, action, resource)]);
      expect(RANK[judgeAdmin(after).admin]).toBeLessThanOrEqual(RANK[judgeAdmin(before).admin]);
    },
  );

  fcTest.prop([statements, statement(fc.constant('Allow')), requests], SEED)(
    'adding an Allow never allows less',
    (base, allow, { action, resource }) => {
      expect(RANK[allows(inputsOf([...base, allow]), action, resource)]).toBeGreaterThanOrEqual(
        RANK[allows(inputsOf(base), action, resource)],
      );
    },
  );

  fcTest.prop([fc.array(statement(fc.constant('Allow')), { maxLength: 4 })], SEED)(
    'Allow * on * is admin whatever other Allows sit beside it',
    (others) => {
      expect(judgeAdmin(inputsOf([{ Effect: 'Allow', Action: '*', Resource: '*' }, ...others])).admin).toBe('yes');
    },
  );

  fcTest.prop([statements, requests], SEED)(
    'an unconditional Deny * on * makes anything non-admin and denies every request',
    (base, { action, resource }) => {
      const denied = inputsOf([...base, { Effect: 'Deny', Action: '*', Resource: '*' }]);
      expect(allows(denied, action, resource)).toBe('no');
      expect(judgeAdmin(denied).admin).toBe('no');
    },
  );

  fcTest.prop([fc.subarray(actionPatterns, { minLength: 1 }), requests], SEED)(
    'Allow NotAction L allows exactly what Allow Action L does not',
    (list, { action, resource }) => {
      const by = allows(inputsOf([{ Effect: 'Allow', Action: list, Resource: '*' }]), action, resource);
      const notBy = allows(inputsOf([{ Effect: 'Allow', NotAction: list, Resource: '*' }]), action, resource);
      expect(notBy === 'yes').toBe(by === 'no');
    },
  );

  fcTest.prop([statements, statements, requests], SEED)(
    'a boundary never allows more than the identity policies or the boundary alone',
    (identity, cap, { action, resource }) => {
      const capped: PermissionInputs = {
        identity: inputsOf(identity).identity,
        boundary: policyFromDocument('b', {
          Statement: cap.length > 0 ? cap : [{ Effect: 'Deny', Action: '*', Resource: '*' }],
        }),
      };
      const got = RANK[allows(capped, action, resource)];
      expect(got).toBeLessThanOrEqual(RANK[allows(inputsOf(identity), action, resource)]);
      expect(got).toBeLessThanOrEqual(RANK[allows({ identity: [capped.boundary!], boundary: null }, action, resource)]);
    },
  );
});
