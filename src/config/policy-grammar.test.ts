import { describe, expect, test } from 'vitest';
import { translateIssues } from './issues.js';
import { measurePolicy, policyDocumentSchema, policySizeProblem } from './policy-grammar.js';

const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' };
const doc = (statements: unknown) => ({ Version: '2012-10-17', Statement: statements });
/** What a user reads: the translated messages. */
const messages = (value: unknown) => {
  const result = policyDocumentSchema.safeParse(value, { reportInput: true });
  return result.success ? [] : translateIssues(result.error.issues, policyDocumentSchema, value).map((p) => p.message);
};

describe('the identity policy grammar', () => {
  test.each([
    ['one statement object', doc(statement)],
    [
      'a list of statements',
      doc([statement, { ...statement, Effect: 'Deny', Sid: 'NoDelete', Action: ['s3:Delete*'] }]),
    ],
    ['NotAction and NotResource', doc({ Effect: 'Deny', NotAction: 'iam:*', NotResource: '*' })],
    ['wildcards', doc({ Effect: 'Allow', Action: ['*', 's3:Get*', 'ec2:Describe?nstances', '*:*'], Resource: '*' })],
    [
      'conditions',
      doc({
        ...statement,
        Condition: {
          StringEquals: { 'aws:PrincipalTag/team': ['a', 'b'] },
          'ForAnyValue:StringLike': { 'aws:TagKeys': 'x*' },
          BoolIfExists: { 'aws:MultiFactorAuthPresent': true },
          NumericLessThan: { 's3:max-keys': 10 },
          Null: { 'aws:TokenIssueTime': 'false' },
        },
      }),
    ],
    ['the legacy version and an Id', { Version: '2008-10-17', Id: 'x', Statement: statement }],
  ])('accepts %s', (_, value) => {
    expect(messages(value)).toEqual([]);
  });

  test.each<[string, unknown, string[]]>([
    ['no Version', { Statement: statement }, ['missing required key `Version` at the top level']],
    [
      'a wrong Version',
      { ...doc(statement), Version: '2012-10-18' },
      ['Version: Version must be "2012-10-17" (or the legacy "2008-10-17") (got "2012-10-18")'],
    ],
    ['an empty Statement list', doc([]), ['Statement: must list at least one item']],
    [
      'a wrong Effect',
      doc({ ...statement, Effect: 'allow' }),
      ['Statement.Effect: must be one of `Allow`, `Deny`, not "allow"; did you mean `Allow`?'],
    ],
    [
      'Action and NotAction',
      doc({ ...statement, NotAction: 's3:*' }),
      ['Statement: a statement has either Action or NotAction, not both'],
    ],
    ['no Action', doc({ Effect: 'Allow', Resource: '*' }), ['Statement: a statement needs Action (or NotAction)']],
    ['no Resource', doc({ Effect: 'Allow', Action: '*' }), ['Statement: a statement needs Resource (or NotResource)']],
    [
      'a Principal',
      doc({ ...statement, Principal: '*' }),
      [
        'Statement.Principal: an identity policy (a permission set’s inline policy) has no Principal: the principal is whoever holds the permission set',
      ],
    ],
    [
      'a bad action',
      doc({ ...statement, Action: 's3 GetObject' }),
      ['Statement.Action: an action is `service:Action` (wildcards allowed) or `*` (got "s3 GetObject")'],
    ],
    [
      'a bad action in a list',
      doc({ ...statement, Action: ['s3:GetObject', 5] }),
      ['Statement.Action[1]: expected a string, got the number 5'],
    ],
    [
      'an Action of the wrong type',
      doc({ ...statement, Action: 5 }),
      ['Statement.Action: Action must be a string or a non-empty list of strings (got the number 5)'],
    ],
    [
      'a bad Sid',
      doc({ ...statement, Sid: 'not-alnum' }),
      ['Statement.Sid: a Sid may contain only letters and digits (got "not-alnum")'],
    ],
    [
      'an unknown condition operator',
      doc({ ...statement, Condition: { StringEqualz: { 'aws:username': 'a' } } }),
      [
        'Statement.Condition.StringEqualz: is not an IAM condition operator (e.g. StringEquals, ArnLike, Bool, ForAnyValue:StringLike, …IfExists) (got "StringEqualz")',
      ],
    ],
    [
      'NullIfExists',
      doc({ ...statement, Condition: { NullIfExists: { k: 'true' } } }),
      [
        'Statement.Condition.NullIfExists: is not an IAM condition operator (e.g. StringEquals, ArnLike, Bool, ForAnyValue:StringLike, …IfExists) (got "NullIfExists")',
      ],
    ],
    [
      'an unknown statement key',
      doc({ ...statement, Actions: 'x' }),
      ['unknown key `Actions` in `Statement`; did you mean `Action`?'],
    ],
    [
      'duplicate Sids',
      doc([
        { ...statement, Sid: 'A' },
        { ...statement, Sid: 'A' },
      ]),
      ['Statement[1].Sid: Sid `A` is already used by statement 1; Sids must be unique'],
    ],
  ])('refuses %s', (_, value, expected) => {
    expect(messages(value)).toEqual(expected);
  });
});

describe('policy sizes', () => {
  test('counts the minified JSON, with and without whitespace', () => {
    expect(measurePolicy({ a: 'b c' })).toEqual({ chars: 11, nonWhitespace: 10 });
  });

  test('10,240 non-whitespace characters is the limit', () => {
    const atLimit = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*', Sid: '' } };
    const base = measurePolicy(atLimit).nonWhitespace;
    atLimit.Statement.Sid = 'x'.repeat(10_240 - base);
    expect(measurePolicy(atLimit).nonWhitespace).toBe(10_240);
    expect(policySizeProblem(atLimit)).toBeUndefined();
    atLimit.Statement.Sid += 'x';
    expect(policySizeProblem(atLimit)).toBe(
      'the inline policy has 10,241 characters without whitespace; AWS allows 10,240',
    );
  });

  test('32,768 characters in all is the other limit', () => {
    const spaced = {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: '*', Resource: '*', Sid: ' '.repeat(32_768) },
    };
    expect(policySizeProblem(spaced)).toMatch(/^the inline policy has 32,8\d\d characters; AWS allows 32,768$/);
  });
});
