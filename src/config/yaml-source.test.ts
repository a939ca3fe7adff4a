import { describe, expect, test } from 'vitest';
import { readYaml, scanStructure } from './yaml-source.js';

const problems = (text: string) =>
  readYaml(text).problems.map((p) => {
    const source = readYaml(text);
    const { line, column } = source.position(p.offset);
    return `${line}:${column} ${p.code}`;
  });

describe('readYaml', () => {
  test('plain data with every value kept as written', () => {
    const source = readYaml('a: 1\nb: [x, "y", true, null, 1.5]\nc: {d: e}\non: 2026-11-20\n');
    expect(source.problems).toEqual([]);
    expect(source.data).toEqual({ a: 1, b: ['x', 'y', true, null, 1.5], c: { d: 'e' }, on: '2026-11-20' });
  });

  test('an empty document is null', () => {
    expect(readYaml('').data).toBeNull();
    expect(readYaml('# nothing\n').data).toBeNull();
  });

  test('unquoted 12-digit ids keep their digits but are reported where an id is expected', () => {
    const source = readYaml('accounts:\n  prod: 012345678901\nx: 012345678901\n');
    expect(source.data).toEqual({ accounts: { prod: '012345678901' }, x: '012345678901' });
    expect(source.problems.map((p) => p.code)).toEqual(['unquoted-account-id']);
    expect(source.reportedPaths.has(JSON.stringify(['accounts', 'prod']))).toBe(true);
  });

  test('quoted ids are fine', () => {
    expect(readYaml('accounts:\n  prod: \'012345678901\'\n  dev: "123456789012"\n').problems).toEqual([]);
  });

  test('duplicate keys are reported at the second occurrence; the first value stays', () => {
    const source = readYaml('a: 1\nb: 2\na: 3\n');
    expect(source.data).toEqual({ a: 1, b: 2 });
    expect(problems('a: 1\nb: 2\na: 3\n')).toEqual(['3:1 duplicate-key']);
    expect(source.problems[0]?.message).toBe('duplicate key `a` (first defined on line 1); a key may appear only once');
  });

  test('duplicate detection is linear: 50,000 keys are read quickly', () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `k${i}: ${i}`).join('\n');
    const source = readYaml(`${text}\nk7: again\n`);
    expect(source.problems.map((p) => p.code)).toEqual(['duplicate-key']);
  });

  test('only core tags', () => {
    expect(problems('a: !!str 5\nb: !!int "7"\nc: !!bool true\n')).toEqual([]);
    expect(readYaml('a: !!str 5\n').data).toEqual({ a: '5' });
    expect(problems('a: !include x.yaml\nb: !!js/undefined ""\nc: !!set {x}\nd: !!timestamp 2001-12-14\n')).toEqual([
      '1:4 yaml-tag',
      '2:4 yaml-tag',
      '3:4 yaml-tag',
      '4:4 yaml-tag',
    ]);
  });

  test('aliases are expanded, within limits', () => {
    expect(readYaml('a: &x [1, 2]\nb: *x\n').data).toEqual({ a: [1, 2], b: [1, 2] });
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 7; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      bomb.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    expect(readYaml(bomb.join('\n')).problems.map((p) => p.code)).toEqual(['yaml-alias-limit']);
  });

  test('few aliases of a large anchor hit the expanded-values limit', () => {
    const anchor = `a: &a [${Array(5_000).fill('x').join(', ')}]`;
    const uses = Array.from({ length: 25 }, (_, i) => `b${i}: *a`).join('\n');
    const source = readYaml(`${anchor}\n${uses}\n`);
    expect(source.problems.map((p) => p.message)).toEqual([
      "the YAML's aliases (*name) expand to more than 100,000 values (an alias bomb?); refusing to read it",
    ]);
  });

  test('CRLF line endings read like LF', () => {
    const source = readYaml('a: 1\r\nb:\r\n  c: "x"\r\n');
    expect(source.problems).toEqual([]);
    expect(source.data).toEqual({ a: 1, b: { c: 'x' } });
    expect(source.locate(['b', 'c'])).toEqual({ line: 3, column: 6 });
  });

  test('a key named __proto__ is reported where it is written (the schema would drop it), and pollutes nothing', () => {
    const data = readYaml('__proto__:\n  polluted: true\n').data as Record<string, unknown>;
    expect(Object.keys(data)).toEqual([]);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(problems('users:\n  __proto__: {}\n')).toEqual(['2:3 reserved-key']);
  });

  test('invisible characters are located exactly', () => {
    expect(problems('users:\n  ad\u200ba: {}\n')).toEqual(['2:5 invisible-character']);
    expect(problems('a: "x\\u200by"\n')).toEqual(['1:4 invisible-character']);
  });

  test('syntax errors stop reading; one per line', () => {
    const source = readYaml('a: [1, 2\nb: c\n');
    expect(source.data).toBeUndefined();
    expect(problems('a: [1, 2\nb: c\n')).toEqual(['2:1 yaml-syntax']);
    expect(problems('a:\n\tb: 1\n')).toEqual(['2:1 yaml-tab']);
  });

  test('locate finds values, keys and the nearest existing ancestor', () => {
    const source = readYaml(
      'permissionSets:\n  Admin:\n    sessionDuration: PT4H\n    policies: [a, b]\nlist:\n  - x: 1\n',
    );
    expect(source.locate(['permissionSets', 'Admin', 'sessionDuration'])).toEqual({ line: 3, column: 22 });
    expect(source.locate(['permissionSets', 'Admin', 'sessionDuration'], 'key')).toEqual({ line: 3, column: 5 });
    expect(source.locate(['permissionSets', 'Admin', 'policies', 1])).toEqual({ line: 4, column: 19 });
    expect(source.locate(['permissionSets', 'Admin', 'missing'])).toEqual({ line: 2, column: 3 });
    expect(source.locate(['list', 0, 'x'])).toEqual({ line: 6, column: 8 });
    expect(source.locate(['nothing', 'here'])).toEqual({ line: 1, column: 1 });
  });
});

describe('scanStructure', () => {
  const depth = (text: string, max: number) => scanStructure(text, max, 1_000_000);

  test('finds deep flow and block nesting without parsing', () => {
    expect(depth(`a: ${'['.repeat(100)}${']'.repeat(100)}`, 64)).toEqual({ kind: 'depth', offset: 3 + 63 });
    const block = Array.from({ length: 80 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(depth(block, 64)?.kind).toBe('depth');
    expect(depth(`${'- '.repeat(70)}x`, 64)).toEqual({ kind: 'depth', offset: 0 });
  });

  test('ordinary configs, quotes and comments are not nesting', () => {
    const text = 'a:\n  b: "[[[[[[[["\n  c: \'{{{{\' # [[[[\n  d: [1, [2, [3]]]\n';
    expect(depth(text, 5)).toBeUndefined();
    expect(depth(text, 4)).toEqual({ kind: 'depth', offset: text.indexOf('[3') });
  });

  test('counts lines, flow values, quoted values and keyless values', () => {
    expect(scanStructure('a: 1\nb: 2\n\n# comment\nc: 3\n', 64, 3)).toBeUndefined();
    expect(scanStructure('a: 1\nb: 2\nc: 3\nd: 4\n', 64, 3)).toEqual({ kind: 'items', offset: 15 });
    expect(scanStructure('a: [1, 2, 3, 4]\n', 64, 3)).toEqual({ kind: 'items', offset: 11 });
    expect(scanStructure('"'.repeat(7), 64, 3)).toEqual({ kind: 'items', offset: 4 });
    expect(scanStructure(': : : :', 64, 3)).toEqual({ kind: 'items', offset: 4 });
  });
});
