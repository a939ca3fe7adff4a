/**
 * @module Canonical forms: key-sorted JSON (for hashes and checksums) and canonical IAM policy
 * documents (so that `"Action": "s3:*"` and `"Action": ["s3:*"]` compare equal and diffs are stable).
 */

import { createHash } from 'node:crypto';
import { setOwn } from '../util/own-property.js';

/** A JSON value with object keys sorted recursively (arrays keep their order). */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) setOwn(out, key, sortKeysDeep(v));
    }
    return out;
  }
  return value;
}

/** Compact JSON with sorted keys: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value));
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Policy statement keys whose value may be a scalar or a list; canonical form is a sorted, de-duplicated list. */
const LIST_KEYS = new Set(['Action', 'NotAction', 'Resource', 'NotResource']);

function canonicalStatement(statement: unknown): unknown {
  if (statement === null || typeof statement !== 'object' || Array.isArray(statement)) return statement;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(statement)) {
    if (LIST_KEYS.has(key) && (typeof value === 'string' || Array.isArray(value))) {
      const items = (Array.isArray(value) ? value : [value]).map(String);
      setOwn(out, key, [...new Set(items)].sort());
    } else {
      setOwn(out, key, value);
    }
  }
  return out;
}

/**
 * The canonical form of a parsed policy document: keys sorted, `Statement` always a list, and
 * Action/NotAction/Resource/NotResource always sorted lists. Statement order is kept (it carries no
 * meaning, but reordering would make diffs harder to read).
 */
export function canonicalPolicy(document: unknown): unknown {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return sortKeysDeep(document);
  const doc = { ...(document as Record<string, unknown>) };
  if (doc.Statement !== undefined) {
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    doc.Statement = statements.map(canonicalStatement);
  }
  return sortKeysDeep(doc);
}

/**
 * Parses a policy document as AWS returned it (URL-encoded or not) and returns its canonical compact
 * JSON, or the text unchanged when it is not JSON (so it still compares unequal to any real policy).
 * An empty string means "no inline policy" (GetInlinePolicyForPermissionSet returns "" for none).
 */
export function canonicalPolicyText(text: string | null): string | null {
  if (text === null || text.trim() === '') return null;
  let source = text.trim();
  if (source.startsWith('%7B') || source.startsWith('%7b')) {
    try {
      source = decodeURIComponent(source);
    } catch {
      return text;
    }
  }
  try {
    return canonicalJson(canonicalPolicy(JSON.parse(source)));
  } catch {
    return text;
  }
}

/** Canonical compact JSON of a policy document given as parsed data (the desired model's form). */
export function canonicalPolicyOf(document: Record<string, unknown> | null): string | null {
  return document === null ? null : canonicalJson(canonicalPolicy(document));
}

/** Pretty (2-space) canonical JSON of a canonical policy text, for human diffs. Non-JSON text is returned as is. */
export function prettyPolicy(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * What a policy grants and denies, as comparable items: a plain statement (Effect, Action, Resource
 * and an optional Sid) becomes one `action resource` item per pair; any other statement (conditions,
 * NotAction, NotResource) is one opaque item, its canonical JSON without the Sid. Used to judge
 * whether a change adds permissions; not a policy evaluator.
 */
export function policyGrants(text: string | null): { allow: Set<string>; deny: Set<string> } {
  const allow = new Set<string>();
  const deny = new Set<string>();
  for (const statementText of policyStatements(text)) {
    let statement: Record<string, unknown>;
    try {
      statement = JSON.parse(statementText) as Record<string, unknown>;
    } catch {
      allow.add(statementText);
      continue;
    }
    const target = statement.Effect === 'Deny' ? deny : allow;
    const { Sid: _sid, Effect: _effect, ...rest } = statement;
    const keys = Object.keys(rest).sort();
    if (keys.join(',') === 'Action,Resource' && Array.isArray(rest.Action) && Array.isArray(rest.Resource)) {
      for (const action of rest.Action) for (const resource of rest.Resource) target.add(`${action} ${resource}`);
    } else {
      target.add(canonicalJson(rest));
    }
  }
  return { allow, deny };
}

/** The statements of a canonical policy text, each as canonical JSON (for "what does this change add"). */
export function policyStatements(text: string | null): string[] {
  if (text === null) return [];
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    const statements = Array.isArray(doc.Statement)
      ? doc.Statement
      : doc.Statement === undefined
        ? []
        : [doc.Statement];
    return statements.map((s) => canonicalJson(canonicalStatement(s)));
  } catch {
    return [text];
  }
}
