import { describe, expect, test } from 'vitest';
import { escapeMarkdown, escapeXml } from './escape.js';

describe('escapeXml', () => {
  test('the five special characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  test('characters XML cannot carry become U+FFFD; valid astral characters survive', () => {
    expect(escapeXml('a\u0000b\u001Fc\tok\n')).toBe('a\uFFFDb\uFFFDc\tok\n');
    expect(escapeXml('lone \uD800 surrogate')).toBe('lone \uFFFD surrogate');
    expect(escapeXml('emoji 🔐')).toBe('emoji 🔐');
  });
});

describe('escapeMarkdown', () => {
  test('inline markup, HTML and table pipes are neutralised; newlines flattened', () => {
    expect(escapeMarkdown('**a** _b_ `c` [d](e) <f> g|h ~i~ &amp;\nnext')).toBe(
      '\\*\\*a\\*\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\> g\\|h \\~i\\~ \\&amp; next',
    );
  });

  test('a leading heading or list marker is escaped; the same characters inside text are left alone', () => {
    expect(escapeMarkdown('# title')).toBe('\\# title');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('eu-west-1 #1 +2')).toBe('eu-west-1 #1 +2');
  });
});
