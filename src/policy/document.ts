/** @module IAM policy documents parsed into statements the evaluator reads (pure; no judgement here). */

/** One statement: exactly one of actions/notActions and one of resources/notResources is set. */
export interface Statement {
  effect: 'Allow' | 'Deny';
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  /** The statement has a Condition block: whether it applies depends on the request ("maybe"). */
  conditional: boolean;
}

/**
 * A policy gatehouse can read (`known`), or one whose document it cannot see or parse (`unknown`:
 * customer managed policies, AWS managed policies outside the table, unparsable text).
 */
export type Policy =
  | { kind: 'known'; name: string; statements: Statement[] }
  | { kind: 'unknown'; name: string; why: string };

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

function parseStatement(raw: unknown): Statement | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const s = raw as Record<string, unknown>;
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return undefined;
  const actions = stringList(s.Action);
  const notActions = stringList(s.NotAction);
  const resources = stringList(s.Resource);
  const notResources = stringList(s.NotResource);
  // AWS requires exactly one of each pair; anything else is a document AWS would reject.
  if ((actions === undefined) === (notActions === undefined)) return undefined;
  if ((resources === undefined) === (notResources === undefined)) return undefined;
  const hasCondition =
    s.Condition !== undefined &&
    !(typeof s.Condition === 'object' && s.Condition !== null && Object.keys(s.Condition).length === 0);
  // A policy variable (`${aws:username}`) makes the resource depend on the request, like a condition.
  const variable = [...(resources ?? []), ...(notResources ?? [])].some((r) => r.includes('${'));
  const conditional = hasCondition || variable;
  return {
    effect: s.Effect,
    conditional,
    ...(actions ? { actions } : { notActions: notActions! }),
    ...(resources ? { resources } : { notResources: notResources! }),
  };
}

/** A parsed document (object) as a policy; a shape AWS would reject makes it `unknown`, never "grants nothing". */
export function policyFromDocument(name: string, document: unknown): Policy {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    return { kind: 'unknown', name, why: 'not a JSON object' };
  }
  const raw = (document as Record<string, unknown>).Statement;
  if (raw === undefined) return { kind: 'unknown', name, why: 'no Statement' };
  const statements: Statement[] = [];
  for (const item of Array.isArray(raw) ? raw : [raw]) {
    const statement = parseStatement(item);
    if (!statement) return { kind: 'unknown', name, why: 'a statement AWS would not accept' };
    statements.push(statement);
  }
  return { kind: 'known', name, statements };
}

/** A policy document as text (JSON, or URL-encoded JSON as IAM returns it). */
export function policyFromText(name: string, text: string): Policy {
  let source = text.trim();
  if (/^%7b/i.test(source)) {
    try {
      source = decodeURIComponent(source);
    } catch {
      return { kind: 'unknown', name, why: 'not valid URL-encoded JSON' };
    }
  }
  try {
    return policyFromDocument(name, JSON.parse(source));
  } catch {
    return { kind: 'unknown', name, why: 'not valid JSON' };
  }
}
