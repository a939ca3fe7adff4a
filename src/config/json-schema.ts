/**
 * @module The JSON Schema of the config, generated from the zod schema (input side: what people write,
 * with defaults and descriptions for editor completion). Committed as schema/gatehouse.schema.json and
 * kept in step by a file-snapshot test.
 */

import { z } from 'zod';
import { configSchema } from './schema.js';

/** The JSON Schema (draft-07) of a written config. */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, title: 'gatehouse configuration (version 1)', ...rest };
}

/** The committed file's exact text. */
export function renderConfigJsonSchema(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
