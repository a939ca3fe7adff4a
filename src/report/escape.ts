/** @module Escaping for the text formats the report is rendered into: XML/HTML and Markdown. */

/** Whether a code point may appear in XML 1.0 (tab, LF, CR and everything printable; no lone surrogates). */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Replaces characters XML cannot carry with U+FFFD (iterating by code point keeps valid surrogate pairs). */
function xmlSafe(text: string): string {
  let out = '';
  for (const ch of text) out += isXmlChar(ch.codePointAt(0) ?? 0) ? ch : '\uFFFD';
  return out;
}

/** Escapes text for XML and HTML element content and attribute values (both quote styles). */
export function escapeXml(text: string): string {
  return xmlSafe(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export const escapeHtml = escapeXml;

/**
 * Escapes text for inline Markdown (GitHub flavoured): characters that start emphasis, code, links,
 * HTML, entities, table cells or strike-through get a backslash, as does a leading heading or list
 * marker; line breaks become spaces. A reason can never open a link, an HTML tag or a new block.
 */
export function escapeMarkdown(text: string): string {
  return xmlSafe(text)
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[\\`*_[\]<>|~&]/g, (ch) => `\\${ch}`)
    .replace(/^(\s*)([#+-])/, '$1\\$2');
}
