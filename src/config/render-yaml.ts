/**
 * @module Writes a config (the written shape) as readable YAML: the yaml-language-server modeline,
 * keys in the schema's order, names in the order given, account ids quoted, optional comments.
 * What it writes reads back through `parseConfigText` to the same config (a tested property).
 */

import { Document, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { z } from 'zod';
import { formatPath } from './issues.js';
import { CONFIG_SCHEMA_URL, configSchema, type WrittenConfig } from './schema.js';

/**
 * Comments to write, keyed by the path of the element they precede, as formatPath writes it
 * (`permissionSets.Admin`, `assignments[0]`, `attestations["root.mfa-enabled"]`). The key `''` is a
 * header comment at the top of the file. Multi-line comments are fine.
 */
export type ConfigComments = Record<string, string>;

export interface RenderConfigOptions {
  /** The `$schema` in the modeline (default: the schema inside node_modules/gatehouse-aws). */
  schemaUrl?: string;
}

/**
 * Renders a written config as YAML text.
 *
 * @example renderConfigYaml({ version: 1, users: { ada: { email: 'ada@example.com', givenName: 'Ada', familyName: 'L' } } })
 */
export function renderConfigYaml(
  config: WrittenConfig,
  comments: ConfigComments = {},
  options: RenderConfigOptions = {},
): string {
  const ordered = orderLike(config, configSchema as unknown as z.core.$ZodType);
  const doc = new Document(ordered, { version: '1.2' });
  const header = comments[''];
  doc.commentBefore = [
    ` yaml-language-server: $schema=${options.schemaUrl ?? CONFIG_SCHEMA_URL}`,
    ...(header ? ['', ...commentLines(header)] : []),
  ].join('\n');
  attachComments(doc.contents, [], comments);
  return doc.toString({ indent: 2, lineWidth: 0, minContentWidth: 0 });
}

function commentLines(text: string): string[] {
  return text.split('\n').map((line) => (line === '' ? '' : ` ${line}`));
}

function attachComments(node: unknown, path: (string | number)[], comments: ConfigComments): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const childPath = [...path, String(pair.key.value)];
      const comment = comments[formatPath(childPath)];
      if (comment) pair.key.commentBefore = commentLines(comment).join('\n');
      attachComments(pair.value, childPath, comments);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const childPath = [...path, index];
      const comment = comments[formatPath(childPath)];
      if (comment && item && typeof item === 'object') {
        (item as { commentBefore?: string }).commentBefore = commentLines(comment).join('\n');
      }
      attachComments(item, childPath, comments);
    });
  }
}

// -- key order from the schema -----------------------------------------------------------------------

interface Def {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  valueType?: z.core.$ZodType;
  element?: z.core.$ZodType;
  innerType?: z.core.$ZodType;
  options?: z.core.$ZodType[];
  in?: z.core.$ZodType;
}

const defOf = (schema: z.core.$ZodType) => schema._zod.def as unknown as Def;

function unwrap(schema: z.core.$ZodType): z.core.$ZodType[] {
  const def = defOf(schema);
  if (def.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch'].includes(def.type)) {
    return unwrap(def.innerType);
  }
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  if (def.type === 'union') return (def.options ?? []).flatMap(unwrap);
  return [schema];
}

/** A copy of `value` with object keys in the order the schema declares them; undefined values dropped. */
function orderLike(value: unknown, schema: z.core.$ZodType | undefined): unknown {
  const candidates = schema ? unwrap(schema) : [];
  if (Array.isArray(value)) {
    const element = candidates.map(defOf).find((d) => d.type === 'array')?.element;
    return value.map((item) => orderLike(item, element));
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => record[k] !== undefined);
  const object = candidates
    .map(defOf)
    .filter((d) => d.type === 'object' && d.shape)
    .find((d) => keys.every((k) => k in d.shape!));
  const result: Record<string, unknown> = {};
  const define = (key: string, child: unknown) =>
    Object.defineProperty(result, key, { value: child, enumerable: true, writable: true, configurable: true });
  if (object?.shape) {
    for (const key of Object.keys(object.shape))
      if (keys.includes(key)) define(key, orderLike(record[key], object.shape[key]));
    return result;
  }
  const valueType = candidates.map(defOf).find((d) => d.type === 'record')?.valueType;
  for (const key of keys) define(key, orderLike(record[key], valueType));
  return result;
}
