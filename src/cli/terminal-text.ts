/**
 * @module The last step of everything the CLI writes to stdout or stderr: secrets redacted, then
 * every control and invisible character shown as escape text (src/util/visible-text.ts), except the
 * line feeds, tabs and SGR colour sequences that gatehouse's own renderers produce. Data cannot use
 * those: the text renderers pass their input through `visibleData`, and the host escapes event and
 * error messages with `visibleKeepingLines` before colouring them.
 */

import { redact } from '../util/redact.js';
import { visibleKeepingLines } from '../util/visible-text.js';

/** An SGR (colour/style) sequence, the only escape sequence gatehouse's renderers emit (picocolors). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point
const SGR = /\u001b\[[0-9;]{0,32}m/g;

/** `text` safe for a terminal: redacted, controls shown as escape text, colours and line structure kept. */
export function terminalText(text: string): string {
  const redacted = redact(text);
  let result = '';
  let last = 0;
  for (const match of redacted.matchAll(SGR)) {
    result += visibleKeepingLines(redacted.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return result + visibleKeepingLines(redacted.slice(last));
}
