/** @module The JSON report: the document itself, validated, pretty-printed, keys in schema order. */

import { InternalError } from '../errors.js';
import { type ReportDocument, ReportDocumentSchema } from './document.js';

/**
 * The document as JSON (2-space indent, trailing newline). Keys follow the schema's order, so the
 * output is stable for equal documents. A document that does not satisfy the schema is a bug.
 */
export function renderJson(report: ReportDocument): string {
  const parsed = ReportDocumentSchema.safeParse(report);
  if (!parsed.success) {
    throw new InternalError(`the report does not match its schema: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return `${JSON.stringify(parsed.data, null, 2)}\n`;
}
