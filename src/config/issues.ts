/**
 * @module Turns zod issues into config problems a person can act on: one per mistake, with the
 * dotted path, plain words instead of zod's defaults, "did you mean" for unknown keys and enum
 * values, and the most plausible branch of a union instead of "Invalid input".
 */

import type { z } from 'zod';
import { suggest } from './did-you-mean.js';
import { findInvisibleCharacter } from './unicode.js';
import type { Path } from './yaml-source.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

export interface SchemaProblem {
  code: string;
  message: string;
  path: Path;
  /** Point at the key of the last path segment rather than its value. */
  target: 'value' | 'key';
  /** For unknown keys: the key it probably should have been. */
  suggestion?: string;
}

/** `permissionSets.Admin.policies[0]`, `attestations["root.mfa-enabled"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else {
      const key = String(segment);
      if (/^[A-Za-z_$][\w$-]*$/.test(key)) text += text === '' ? key : `.${key}`;
      else text += `[${escapeInvisible(JSON.stringify(key))}]`;
    }
  }
  return text;
}

/** Invisible characters as `\\u200b` escapes, so a path shows what is really there. */
function escapeInvisible(text: string): string {
  return Array.from(text)
    .map((char) => (findInvisibleCharacter(char) ? `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}` : char))
    .join('');
}

/** What a value is, in words: `"PT13H"`, `the number 5`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string')
    return escapeInvisible(JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value));
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `\`${value}\``;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return typeof value;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: '`true` or `false`',
  object: 'a map',
  record: 'a map',
  array: 'a list',
  null: 'nothing',
};

/** zod's own messages start like this; ours never do. */
const ZOD_DEFAULT = /^(Invalid|Too (big|small)|Unrecognized key)/;

export function translateIssues(issues: readonly Issue[], schema: AnySchema, data: unknown): SchemaProblem[] {
  const problems = issues.flatMap((issue) => translate(issue, [], schema, data, { suggestions: 0 }));
  // `firstName` instead of `givenName` is one mistake, not also a missing `givenName`.
  const meant = new Set(
    problems.filter((p) => p.suggestion).map((p) => JSON.stringify([...p.path.slice(0, -1), p.suggestion])),
  );
  return problems.filter((p) => p.code !== 'missing-key' || !meant.has(JSON.stringify(p.path)));
}

/** Work shared by one translation: suggestions are computed for the first few hundred unknown keys only. */
interface Budget {
  suggestions: number;
}

/** Beyond this many unknown keys the file is not a config with typos; plain messages are enough. */
const MAX_SUGGESTIONS = 200;

function translate(issue: Issue, prefix: Path, schema: AnySchema, data: unknown, budget: Budget): SchemaProblem[] {
  const path = [...prefix, ...(issue.path as Path)];
  const at = (text: string) => (path.length === 0 ? `the config ${text}` : `${formatPath(path)}: ${text}`);
  const custom = ZOD_DEFAULT.test(issue.message) ? undefined : issue.message;
  if (
    issue.code !== 'unrecognized_keys' &&
    issue.code !== 'invalid_key' &&
    path.length > 0 &&
    valueAt(data, path) === undefined &&
    issue.input === undefined
  ) {
    const parent = path.slice(0, -1);
    const key = String(path[path.length - 1]);
    const where = parent.length === 0 ? ' at the top level' : ` in \`${formatPath(parent)}\``;
    const hint = path.length === 1 && key === 'version' ? '; start the file with `version: 1`' : '';
    return [{ code: 'missing-key', message: `missing required key \`${key}\`${where}${hint}`, path, target: 'key' }];
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownKey(key, path, schema, budget));
    case 'invalid_type': {
      const input = valueAt(data, path);
      if (issue.expected === 'never') return [problem('forbidden-key', at(custom ?? 'is not allowed here'))];
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      if (path.length === 0) {
        return [
          problem(
            'invalid-type',
            `the config must be a map of settings starting with \`version: 1\`, not ${describeValue(input)}`,
          ),
        ];
      }
      const empty =
        input === null && (issue.expected === 'object' || issue.expected === 'record' || issue.expected === 'array')
          ? `; write \`${issue.expected === 'array' ? '[]' : '{}'}\` or remove the key`
          : '';
      return [
        problem('invalid-type', custom ? at(custom) : at(`expected ${expected}, got ${describeValue(input)}${empty}`)),
      ];
    }
    case 'invalid_value': {
      if (custom) return [problem('invalid-value', at(`${custom}${gotSuffix(issue.input)}`))];
      const values = issue.values.map((v) => `\`${String(v)}\``);
      const hint = typeof issue.input === 'string' ? suggest(issue.input, issue.values.map(String)) : undefined;
      const oneOf = values.length === 1 ? values[0] : `one of ${values.join(', ')}`;
      return [
        problem(
          'invalid-value',
          at(`must be ${oneOf}, not ${describeValue(issue.input)}${hint ? `; did you mean \`${hint}\`?` : ''}`),
        ),
      ];
    }
    case 'too_small':
    case 'too_big':
      return [
        problem(
          issue.origin === 'number' || issue.origin === 'int' ? 'out-of-range' : sizeCode(issue),
          at(sizeText(issue)),
        ),
      ];
    case 'invalid_format':
      return [problem('invalid-format', at(`${custom ?? 'has the wrong format'}${gotSuffix(issue.input)}`))];
    case 'invalid_union':
      return union(issue, path, schema, data, custom, budget);
    case 'invalid_key':
      return issue.issues.flatMap((inner) =>
        translate({ ...inner, path: [] } as Issue, path, schema, data, budget).map((p) => ({
          ...p,
          target: 'key' as const,
        })),
      );
    case 'custom': {
      const code = typeof issue.params?.code === 'string' ? issue.params.code : 'invalid-value';
      return [problem(code, at(issue.message))];
    }
    default:
      return [problem('invalid-value', at(custom ?? 'is not valid'))];
  }

  function problem(code: string, message: string): SchemaProblem {
    return { code, message, path, target: 'value' };
  }
}

function gotSuffix(input: unknown): string {
  return typeof input === 'string' || typeof input === 'number' ? ` (got ${describeValue(input)})` : '';
}

function sizeCode(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  return issue.code === 'too_small' ? 'too-short' : 'too-long';
}

function sizeText(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  const input = issue.input;
  if (issue.origin === 'string') {
    const length = typeof input === 'string' ? ` (it has ${Array.from(input).length})` : '';
    if (issue.code === 'too_small') return limit === 1 ? 'must not be empty' : `must be at least ${limit} characters`;
    return `must be at most ${limit} characters${length}`;
  }
  if (issue.origin === 'array' || issue.origin === 'set') {
    if (issue.code === 'too_small')
      return limit === 1 ? 'must list at least one item' : `must list at least ${limit} items`;
    const length = Array.isArray(input) ? ` (it has ${input.length})` : '';
    return `must list at most ${limit} items${length}`;
  }
  const got = typeof input === 'number' ? ` (got ${input})` : '';
  return issue.code === 'too_small' ? `must be at least ${limit}${got}` : `must be at most ${limit}${got}`;
}

function unknownKey(key: string, parent: Path, schema: AnySchema, budget: Budget): SchemaProblem {
  const path = [...parent, key];
  if (++budget.suggestions > MAX_SUGGESTIONS) {
    const where = parent.length === 0 ? ' at the top level' : ` in \`${formatPath(parent)}\``;
    return { code: 'unknown-key', message: `unknown key \`${key}\`${where}`, path, target: 'key' };
  }
  const where = parent.length === 0 ? ' at the top level' : ` in \`${formatPath(parent)}\``;
  if (key === '<<') {
    return {
      code: 'unknown-key',
      message: `YAML merge keys (\`<<\`)${where} are not supported; write the settings out`,
      path,
      target: 'key',
    };
  }
  const known = knownKeysAt(schema, parent);
  if (known.includes(key)) {
    // The key exists in another form of this setting (a union): the two forms were mixed.
    return {
      code: 'unknown-key',
      message: `\`${key}\` cannot be combined with the other keys of \`${formatPath(parent)}\`: they belong to two different forms of this setting`,
      path,
      target: 'key',
    };
  }
  const synonym = KEY_SYNONYMS[key.toLowerCase()];
  const hint = synonym && known.includes(synonym) ? synonym : suggest(key, known);
  const tail = hint
    ? `; did you mean \`${hint}\`?`
    : known.length > 0 && known.length <= 8
      ? `; expected ${known.map((k) => `\`${k}\``).join(', ')}`
      : '';
  const result: SchemaProblem = {
    code: 'unknown-key',
    message: `unknown key \`${key}\`${where}${tail}`,
    path,
    target: 'key',
  };
  if (hint) result.suggestion = hint;
  return result;
}

/** Words people write for our keys (Terraform, SCIM, habit), beyond what edit distance catches. */
const KEY_SYNONYMS: Record<string, string> = {
  firstname: 'givenName',
  first_name: 'givenName',
  given_name: 'givenName',
  lastname: 'familyName',
  last_name: 'familyName',
  surname: 'familyName',
  family_name: 'familyName',
  user_name: 'userName',
  display_name: 'displayName',
  mail: 'email',
  policy: 'policies',
  managedpolicies: 'policies',
  managed_policies: 'policies',
  managed_policy_arns: 'policies',
  customermanagedpolicies: 'customerPolicies',
  customer_managed_policies: 'customerPolicies',
  inline_policy: 'inlinePolicy',
  session_duration: 'sessionDuration',
  duration: 'sessionDuration',
  relay_state: 'relayState',
  boundary: 'permissionsBoundary',
  permissions_boundary: 'permissionsBoundary',
  targets: 'accounts',
  account: 'accounts',
  excludes: 'exclude',
  member: 'members',
  permission_set: 'permissionSet',
  permissionsets: 'permissionSets',
  permission_sets: 'permissionSets',
  identity_center: 'identityCenter',
  sso: 'identityCenter',
};

/**
 * Picks the union branch the author most plausibly meant: the one whose problems are deepest (it got
 * furthest), then the one with the fewest. A tie means the value fits no branch at all: one message.
 */
function union(
  issue: Issue & { code: 'invalid_union' },
  path: Path,
  schema: AnySchema,
  data: unknown,
  custom: string | undefined,
  budget: Budget,
): SchemaProblem[] {
  const branches = issue.errors.map((branch) => ({
    issues: branch,
    depth: Math.max(0, ...branch.map(issueDepth)),
    // Keys of the value this branch does not know: the branch that knows more of them was meant.
    unknown: branch.reduce(
      (n, i) => n + (i.code === 'unrecognized_keys' && i.path.length === 0 ? i.keys.length : 0),
      0,
    ),
    count: branch.length,
  }));
  const order = (a: (typeof branches)[number], b: (typeof branches)[number]) =>
    b.depth - a.depth || a.unknown - b.unknown || a.count - b.count;
  const ranked = [...branches].sort(order);
  const [best, second] = ranked;
  const clearWinner = best && best.depth > 0 && (!second || order(best, second) < 0);
  if (best && clearWinner) return best.issues.flatMap((inner) => translate(inner, path, schema, data, budget));
  const message = custom ?? 'does not match any accepted form';
  return [
    {
      code: 'invalid-value',
      message: `${formatPath(path)}: ${message} (got ${describeValue(valueAt(data, path))})`,
      path,
      target: 'value',
    },
  ];
}

/** How far into the value an issue is: its path, plus one for key problems, plus nested union depth. */
function issueDepth(issue: Issue): number {
  const own = issue.path.length;
  if (issue.code === 'unrecognized_keys') return own + 1;
  if (issue.code === 'invalid_type' && issue.input === undefined) return own + 1;
  if (issue.code === 'invalid_union') {
    return own + Math.max(0, ...issue.errors.map((branch) => Math.max(0, ...branch.map(issueDepth))));
  }
  return own;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.hasOwn(node, segment as PropertyKey)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment as PropertyKey];
  }
  return node;
}

// -- walking the schema to list the keys an object accepts (for "did you mean") --------------------

interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  valueType?: AnySchema;
  element?: AnySchema;
  innerType?: AnySchema;
  options?: AnySchema[];
  in?: AnySchema;
  getter?: () => AnySchema;
}

function defOf(schema: AnySchema): Def {
  return schema._zod.def as unknown as Def;
}

/** The object/record/array schemas a schema stands for, wrappers removed and unions spread. */
function concrete(schema: AnySchema, depth = 0): AnySchema[] {
  if (depth > 20) return [];
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return def.innerType ? concrete(def.innerType, depth + 1) : [];
    case 'pipe':
      return def.in ? concrete(def.in, depth + 1) : [];
    case 'lazy':
      return def.getter ? concrete(def.getter(), depth + 1) : [];
    case 'union':
      return (def.options ?? []).flatMap((o) => concrete(o, depth + 1));
    default:
      return [schema];
  }
}

/** Keys accepted by the object schema at `path` (union branches merged). */
export function knownKeysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  let current = concrete(schema);
  for (const segment of path) {
    current = current.flatMap((s) => {
      const def = defOf(s);
      if (def.type === 'object' && def.shape && typeof segment === 'string' && def.shape[segment]) {
        return concrete(def.shape[segment]);
      }
      if (def.type === 'record' && def.valueType) return concrete(def.valueType);
      if (def.type === 'array' && def.element && typeof segment === 'number') return concrete(def.element);
      return [];
    });
  }
  const keys = new Set<string>();
  for (const s of current) {
    const def = defOf(s);
    if (def.type === 'object' && def.shape) for (const key of Object.keys(def.shape)) keys.add(key);
  }
  return [...keys];
}
