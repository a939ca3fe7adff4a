/** @module The report's JSON Schema (draft-07), generated from the zod schema: the committed copy is schema/report.schema.json. */

import { z } from 'zod';
import { ReportDocumentSchema } from './document.js';

/** The JSON Schema of the report document, as the text committed to `schema/report.schema.json`. */
export function reportJsonSchema(): string {
  const schema = z.toJSONSchema(ReportDocumentSchema, { target: 'draft-7', io: 'output' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
