import { describe, expect, test } from 'vitest';
import { findJsonError, parseJsonText } from './json-text.js';

describe('JSON with positions', () => {
  test('valid JSON parses', () => {
    expect(parseJsonText('{"a": [1, true, null, "x"]}')).toEqual({ ok: true, value: { a: [1, true, null, 'x'] } });
  });

  test.each([
    ['{"a": 1,}', 1, 9, 'a trailing comma or a key without double quotes'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, 'expected `,` or `}`'],
    ["{'a': 1}", 1, 2, 'a key must be a double-quoted string'],
    ['{"a": \'x\'}', 1, 7, 'strings need double quotes in JSON'],
    ['[1, 2', 1, 6, 'the JSON ends before every `{` or `[` is closed'],
    ['{"a": 1} x', 1, 10, 'unexpected text after the JSON value'],
    ['', 1, 1, 'the file is empty'],
    ['{"a": "x\ny"}', 1, 9, 'a control character (e.g. a raw line break) inside a string'],
    ['{"a": "\\q"}', 1, 8, 'an invalid escape in a string'],
    ['{"a" 1}', 1, 6, 'expected `:` after the key'],
    ['{"a": tru}', 1, 7, 'unexpected character `t`'],
  ])('%j: line %i column %i', (text, line, column, problem) => {
    expect(parseJsonText(text)).toEqual({ ok: false, line, column, problem });
  });

  test('the message never quotes the content', () => {
    const result = findJsonError('{"secret": "hunter2" "x"}');
    expect(result.problem).not.toContain('hunter2');
  });
});
