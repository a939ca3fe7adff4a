/** @module One line per config diagnostic: `file:line:col: error: message [code]` (the format editors and CI parse). */

import type { Diagnostic } from '../errors.js';

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const message = d.message.replace(/\s*\n\s*/g, ' ');
  return `${where}: ${d.severity}: ${message} [${d.code}]`;
}
