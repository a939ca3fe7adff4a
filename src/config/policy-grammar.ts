/**
 * @module The structural grammar of an IAM identity policy (a permission set's inline policy): our own
 * zod schema, because no maintained offline validator exists (reference stack.md §2). It checks shape,
 * not meaning: IAM Access Analyzer is the authority on whether actions and keys exist.
 */

import { z } from 'zod';
import { INLINE_POLICY_MAX_CHARS, INLINE_POLICY_MAX_NON_WHITESPACE } from './limits.js';

/** `service:Action` with `*`/`?` wildcards (`*:*` included), or `*`. */
export const ACTION_PATTERN = /^(\*|[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]+)$/;
/** `*` or an ARN with at least partition, service, region, account and resource parts (wildcards allowed). */
export const RESOURCE_PATTERN = /^(\*|arn:[^:\s]+:[^:\s]*:[^:\s]*:[^:\s]*:\S.*)$/;

const CONDITION_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
] as const;

/** Condition operators with the optional set prefix and `IfExists` suffix; `Null` takes neither suffix. */
export const CONDITION_OPERATOR = new RegExp(
  `^(?:(?:ForAllValues:|ForAnyValue:)?(?:${CONDITION_OPERATORS.join('|')})(?:IfExists)?|(?:ForAllValues:|ForAnyValue:)?Null)$`,
);

function stringOrList(item: z.ZodString, what: string, description: string) {
  return z
    .union([item, z.array(item).min(1, { error: `${what} must not be an empty list` })], {
      error: `${what} must be a string or a non-empty list of strings`,
    })
    .describe(description);
}

const action = z.string().regex(ACTION_PATTERN, { error: 'an action is `service:Action` (wildcards allowed) or `*`' });
const resource = z.string().regex(RESOURCE_PATTERN, { error: 'a resource is `*` or an ARN (`arn:aws:s3:::bucket/*`)' });
const conditionScalar = z.union([z.string(), z.number(), z.boolean()]);
const conditionValue = z
  .union([conditionScalar, z.array(conditionScalar).min(1)], {
    error: 'a condition value is a string, number, boolean or a non-empty list of them',
  })
  .describe('The value(s) the condition key is compared with.');

const identityPolicyHasNoPrincipal =
  'an identity policy (a permission set’s inline policy) has no Principal: the principal is whoever holds the permission set';

export const policyStatementSchema = z
  .strictObject({
    Sid: z
      .string()
      .regex(/^[A-Za-z0-9]*$/, { error: 'a Sid may contain only letters and digits' })
      .optional()
      .describe('Statement id: letters and digits, unique within the policy.'),
    Effect: z.enum(['Allow', 'Deny']).describe('Allow or Deny.'),
    Action: stringOrList(
      action,
      'Action',
      'Actions the statement applies to (`service:Action`, wildcards allowed).',
    ).optional(),
    NotAction: stringOrList(action, 'NotAction', 'Actions the statement does not apply to.').optional(),
    Resource: stringOrList(resource, 'Resource', 'Resources (`*` or ARNs) the statement applies to.').optional(),
    NotResource: stringOrList(resource, 'NotResource', 'Resources the statement does not apply to.').optional(),
    Condition: z
      .record(
        z.string().regex(CONDITION_OPERATOR, {
          error:
            'is not an IAM condition operator (e.g. StringEquals, ArnLike, Bool, ForAnyValue:StringLike, …IfExists)',
        }),
        z.record(z.string().min(1), conditionValue),
      )
      .optional()
      .describe('Condition operator → condition key → value(s).'),
    Principal: z
      .never({ error: identityPolicyHasNoPrincipal })
      .optional()
      .describe('Not allowed in an identity policy.'),
    NotPrincipal: z
      .never({ error: identityPolicyHasNoPrincipal })
      .optional()
      .describe('Not allowed in an identity policy.'),
  })
  .superRefine((statement, ctx) => {
    const hasAction = statement.Action !== undefined;
    const hasNotAction = statement.NotAction !== undefined;
    if (hasAction === hasNotAction) {
      ctx.addIssue({
        code: 'custom',
        message: hasAction
          ? 'a statement has either Action or NotAction, not both'
          : 'a statement needs Action (or NotAction)',
        params: { code: 'policy-statement' },
      });
    }
    const hasResource = statement.Resource !== undefined;
    const hasNotResource = statement.NotResource !== undefined;
    if (hasResource === hasNotResource) {
      ctx.addIssue({
        code: 'custom',
        message: hasResource
          ? 'a statement has either Resource or NotResource, not both'
          : 'a statement needs Resource (or NotResource)',
        params: { code: 'policy-statement' },
      });
    }
  })
  .describe('One policy statement.');

export const policyDocumentSchema = z
  .strictObject({
    Version: z
      .enum(['2012-10-17', '2008-10-17'], { error: 'Version must be "2012-10-17" (or the legacy "2008-10-17")' })
      .describe('Policy language version: "2012-10-17".'),
    Id: z.string().optional().describe('Optional policy id.'),
    Statement: z
      .union([policyStatementSchema, z.array(policyStatementSchema).min(1, { error: 'Statement must not be empty' })], {
        error: 'Statement must be a statement or a non-empty list of statements',
      })
      .describe('The statements: one, or a list.'),
  })
  .superRefine((document, ctx) => {
    if (!Array.isArray(document.Statement)) return;
    const seen = new Map<string, number>();
    document.Statement.forEach((statement, index) => {
      if (statement.Sid === undefined || statement.Sid === '') return;
      const first = seen.get(statement.Sid);
      if (first === undefined) seen.set(statement.Sid, index);
      else {
        ctx.addIssue({
          code: 'custom',
          message: `Sid \`${statement.Sid}\` is already used by statement ${first + 1}; Sids must be unique`,
          path: ['Statement', index, 'Sid'],
          params: { code: 'policy-duplicate-sid' },
        });
      }
    });
  })
  .describe('An IAM identity policy document (JSON policy grammar), at most 10,240 non-whitespace characters.');

export type PolicyDocument = z.output<typeof policyDocumentSchema>;

/** Sizes AWS counts: the minified JSON's length and its characters other than whitespace. */
export function measurePolicy(document: unknown): { chars: number; nonWhitespace: number } {
  const minified = JSON.stringify(document);
  return { chars: minified.length, nonWhitespace: minified.replace(/\s/g, '').length };
}

/** Why a policy is too large for a permission set, or undefined. */
export function policySizeProblem(document: unknown): string | undefined {
  const { chars, nonWhitespace } = measurePolicy(document);
  const format = (n: number) => n.toLocaleString('en-US');
  if (nonWhitespace > INLINE_POLICY_MAX_NON_WHITESPACE) {
    return `the inline policy has ${format(nonWhitespace)} characters without whitespace; AWS allows ${format(INLINE_POLICY_MAX_NON_WHITESPACE)}`;
  }
  if (chars > INLINE_POLICY_MAX_CHARS) {
    return `the inline policy has ${format(chars)} characters; AWS allows ${format(INLINE_POLICY_MAX_CHARS)}`;
  }
  return undefined;
}
