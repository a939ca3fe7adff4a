/**
 * @module Control and invisible characters shown as visible escape text, so that text from AWS or a
 * config (a display name, a description) cannot add a line, move the cursor, recolour, ring the bell
 * or reorder what a terminal shows. One convention everywhere: `\n`, `\r`, `\t`, `\xNN` (other C0,
 * DEL, C1, ESC as `\x1b`) and `\u{XXXX}` (format characters: bidi overrides and isolates, zero-width
 * characters, U+2028/U+2029).
 */

/** C0 and DEL and C1 controls, line/paragraph separators, and format characters (Cf: bidi, zero-width, BOM). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE_KEEPING_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** `text` with every control and invisible format character (newlines and tabs included) shown as escape text. */
export function visible(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** Like `visible`, but line feeds and tabs stay: for text whose lines are gatehouse's own. */
export function visibleKeepingLines(text: string): string {
  return text.replace(UNSAFE_KEEPING_LINES, escapeChar);
}

/**
 * A copy of `value` (JSON-like data: plain objects, arrays, strings) in which every string and
 * every key has gone through `visible`. Text renderers call it on their input, so a newline inside
 * a name cannot make a line that looks like gatehouse's own. Other values are kept as they are.
 */
export function visibleData<T>(value: T): T {
  if (typeof value === 'string') return visible(value) as T;
  if (Array.isArray(value)) return value.map((item) => visibleData(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  // Own enumerable keys only, defined (not assigned) so that a key "__proto__" stays a plain key.
  const copy: Record<string, unknown> = Object.create(prototype) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(copy, visible(key), {
      value: visibleData(item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy as T;
}
