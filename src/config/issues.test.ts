import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { describeValue, formatPath, knownKeysAt, translateIssues } from './issues.js';
import { configSchema } from './schema.js';

function problems(schema: z.ZodType, data: unknown) {
  const result = schema.safeParse(data, { reportInput: true });
  return result.success ? [] : translateIssues(result.error.issues, schema as unknown as z.core.$ZodType, data);
}

describe('formatPath', () => {
  test('dots for identifiers, brackets for the rest', () => {
    expect(formatPath(['permissionSets', 'Admin', 'policies', 0])).toBe('permissionSets.Admin.policies[0]');
    expect(formatPath(['attestations', 'root.mfa-enabled', 'on'])).toBe('attestations["root.mfa-enabled"].on');
    expect(formatPath(['groups', 'Dev Ops'])).toBe('groups["Dev Ops"]');
    expect(formatPath(['users', 'ad\u200ba'])).toBe('users["ad\\u200ba"]');
    expect(formatPath([])).toBe('');
  });
});

describe('describeValue', () => {
  test.each([
    ['x', '"x"'],
    [5, 'the number 5'],
    [true, '`true`'],
    [null, 'nothing'],
    [[1], 'a list'],
    [{ a: 1 }, 'a map'],
  ])('%j → %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});

describe('translateIssues', () => {
  const schema = z.strictObject({
    name: z.string().min(2).max(4),
    size: z.number().int().min(1).max(9).optional(),
    kind: z.enum(['small', 'large']).optional(),
    items: z.array(z.string()).min(1).optional(),
    nested: z.strictObject({ alpha: z.string().optional(), beta: z.string().optional() }).optional(),
    choice: z
      .union([z.literal('auto'), z.strictObject({ manual: z.string().regex(/^m/, { error: 'starts with m' }) })], {
        error: 'is `auto` or `{ manual: m… }`',
      })
      .optional(),
  });

  test('one plain-words problem per mistake', () => {
    expect(
      problems(schema, { name: 'x', size: 10, kind: 'smal', items: [], nested: { alpah: 'a' }, extra: 1 }).map(
        (p) => `${p.code} ${JSON.stringify(p.path)} ${p.target}: ${p.message}`,
      ),
    ).toEqual([
      'too-short ["name"] value: name: must be at least 2 characters',
      'out-of-range ["size"] value: size: must be at most 9 (got 10)',
      'invalid-value ["kind"] value: kind: must be one of `small`, `large`, not "smal"; did you mean `small`?',
      'too-short ["items"] value: items: must list at least one item',
      'unknown-key ["nested","alpah"] key: unknown key `alpah` in `nested`; did you mean `alpha`?',
      'unknown-key ["extra"] key: unknown key `extra` at the top level; expected `name`, `size`, `kind`, `items`, `nested`, `choice`',
    ]);
  });

  test('a missing key points at its parent and names it', () => {
    expect(problems(schema, {})).toEqual([
      { code: 'missing-key', message: 'missing required key `name` at the top level', path: ['name'], target: 'key' },
    ]);
  });

  test('a union reports the branch the author meant', () => {
    expect(problems(schema, { name: 'ab', choice: { manual: 'x' } }).map((p) => p.message)).toEqual([
      'choice.manual: starts with m (got "x")',
    ]);
    expect(problems(schema, { name: 'ab', choice: 'automatic' }).map((p) => p.message)).toEqual([
      'choice: is `auto` or `{ manual: m… }` (got "automatic")',
    ]);
  });

  test('a misspelled key is one problem, not also a missing one', () => {
    const required = z.strictObject({ givenName: z.string(), familyName: z.string() });
    expect(problems(required, { firstName: 'Ada', familyName: 'L' }).map((p) => p.message)).toEqual([
      'unknown key `firstName` at the top level; did you mean `givenName`?',
    ]);
  });

  test('the root of the config must be a map', () => {
    expect(problems(configSchema, ['version: 1']).map((p) => p.message)).toEqual([
      'the config must be a map of settings starting with `version: 1`, not a list',
    ]);
  });
});

describe('knownKeysAt', () => {
  const root = configSchema as unknown as z.core.$ZodType;
  test('walks objects, records, arrays and unions', () => {
    expect(knownKeysAt(root, ['root'])).toEqual(['mfa', 'accessKeys', 'maxDaysSinceLastUse', 'centralizedManagement']);
    expect(knownKeysAt(root, ['users', 'anyone'])).toEqual([
      'userName',
      'email',
      'givenName',
      'familyName',
      'displayName',
    ]);
    expect(knownKeysAt(root, ['assignments', 3])).toEqual(['principal', 'permissionSet', 'accounts', 'exclude']);
    expect(knownKeysAt(root, ['permissionSets', 'X', 'inlinePolicy'])).toEqual(['Version', 'Id', 'Statement', 'file']);
    expect(knownKeysAt(root, ['permissionSets', 'X', 'inlinePolicy', 'Statement', 0])).toContain('NotResource');
    expect(knownKeysAt(root, ['nothing'])).toEqual([]);
  });
});
