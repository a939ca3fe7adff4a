/**
 * @module JSON text with a useful error: where the first syntax error is (line and column), and a
 * message that does not echo the file's content. Used for inline policy files.
 */

export type JsonResult = { ok: true; value: unknown } | { ok: false; line: number; column: number; problem: string };

export function parseJsonText(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const { offset, problem } = findJsonError(text);
    let line = 1;
    let column = 1;
    for (let i = 0; i < offset && i < text.length; i++) {
      if (text[i] === '\n') {
        line++;
        column = 1;
      } else column++;
    }
    return { ok: false, line, column, problem };
  }
}

/** An iterative scan for the first JSON syntax error (only called after JSON.parse failed). */
export function findJsonError(text: string): { offset: number; problem: string } {
  let i = 0;
  const n = text.length;
  // Each frame: the container and what is expected next in it.
  const stack: {
    kind: 'object' | 'array';
    expect: 'key-or-end' | 'key' | 'colon' | 'value' | 'value-or-end' | 'comma-or-end';
  }[] = [];
  let done = false;
  const ws = () => {
    while (i < n && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (problem: string) => ({ offset: i, problem });

  const scanString = (): string | undefined => {
    i++; // opening quote
    while (i < n) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return undefined;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return 'a \\u escape needs four hex digits';
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return 'an invalid escape in a string';
      } else if (c < ' ') return 'a control character (e.g. a raw line break) inside a string';
      else i++;
    }
    return 'a string is not closed';
  };

  const scanScalar = (): string | undefined => {
    const c = text[i]!;
    if (c === '"') return scanString();
    const rest = text.slice(i);
    const literal = /^(true|false|null)/.exec(rest);
    if (literal) {
      i += literal[0].length;
      return undefined;
    }
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (number && number[0] !== '-' && number[0] !== '') {
      i += number[0].length;
      return undefined;
    }
    if (c === "'") return 'strings need double quotes in JSON';
    return `unexpected character \`${c}\``;
  };

  const afterValue = () => {
    const top = stack[stack.length - 1];
    if (top) top.expect = 'comma-or-end';
    else done = true;
  };

  ws();
  if (i >= n) return fail('the file is empty');
  while (i < n) {
    ws();
    if (i >= n) break;
    const c = text[i]!;
    const top = stack[stack.length - 1];
    if (done) return fail('unexpected text after the JSON value');
    if (!top || top.expect === 'value' || top.expect === 'value-or-end') {
      if (top?.expect === 'value-or-end' && c === ']') {
        stack.pop();
        i++;
        afterValue();
        continue;
      }
      if (c === '{') {
        stack.push({ kind: 'object', expect: 'key-or-end' });
        i++;
      } else if (c === '[') {
        stack.push({ kind: 'array', expect: 'value-or-end' });
        i++;
      } else {
        const problem = scanScalar();
        if (problem) return fail(problem);
        afterValue();
      }
      continue;
    }
    if (top.expect === 'key-or-end' || top.expect === 'key') {
      if (c === '}' && top.expect === 'key-or-end') {
        stack.pop();
        i++;
        afterValue();
      } else if (c === '"') {
        const problem = scanString();
        if (problem) return fail(problem);
        top.expect = 'colon';
      } else
        return fail(
          top.expect === 'key'
            ? 'a trailing comma or a key without double quotes'
            : 'a key must be a double-quoted string',
        );
      continue;
    }
    if (top.expect === 'colon') {
      if (c !== ':') return fail('expected `:` after the key');
      i++;
      top.expect = 'value';
      continue;
    }
    // comma-or-end
    if (c === ',') {
      top.expect = top.kind === 'object' ? 'key' : 'value';
      i++;
    } else if ((c === '}' && top.kind === 'object') || (c === ']' && top.kind === 'array')) {
      stack.pop();
      i++;
      afterValue();
    } else return fail(top.kind === 'object' ? 'expected `,` or `}`' : 'expected `,` or `]`');
  }
  if (stack.length > 0) return fail('the JSON ends before every `{` or `[` is closed');
  return fail('not valid JSON');
}
