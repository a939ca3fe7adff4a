/**
 * @module Reads config YAML into plain data while keeping a position for every node. Strict and
 * bounded: YAML 1.2 core tags only (the config is data: no custom tags), duplicate keys refused,
 * unquoted account ids reported (they keep their digits thanks to a 12-digit string tag, reference
 * stack.md §4.1), invisible characters located exactly, and nesting, alias expansion and size capped.
 */

import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  type Scalar,
  type ScalarTag,
  type YAMLMap,
} from 'yaml';
import { FILE_LIMITS, RESERVED_KEY, RESERVED_KEY_MESSAGE } from './limits.js';
import { isAccountIdPath } from './schema.js';
import { describeCodePoint, findInvisibleCharacter } from './unicode.js';

export type Path = (string | number)[];

/** A problem found while reading the YAML, before the schema sees the data. */
export interface SourceProblem {
  code: string;
  message: string;
  offset: number;
  path?: Path;
}

export interface YamlSource {
  /** The data (null when the document is empty); undefined when the YAML could not be read at all. */
  data: unknown;
  problems: SourceProblem[];
  /** Paths already reported here: schema issues at these paths would only repeat them. */
  reportedPaths: Set<string>;
  /** 1-based line and column of the node at `path` (or of its nearest existing ancestor). */
  locate(path: readonly (string | number)[], target?: 'value' | 'key'): { line: number; column: number };
  position(offset: number): { line: number; column: number };
}

/** Core-schema tags a config may use explicitly (`!!str 123`); anything else is refused. */
const ALLOWED_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);

/**
 * Unquoted 12-digit numbers stay strings (keeping leading zeros), so an account id written without
 * quotes is still the id the user meant; the loader reports it anyway so the file is fixed.
 */
const twelveDigitString: ScalarTag = {
  tag: 'tag:yaml.org,2002:str',
  default: true,
  test: /^\d{12}$/,
  resolve: (source: string) => source,
  identify: (value: unknown) => typeof value === 'string' && /^\d{12}$/.test(value),
};

export function pathKey(path: readonly (string | number)[]): string {
  return JSON.stringify(path);
}

/** Parses config text. Never throws for bad input: every problem becomes a SourceProblem. */
export function readYaml(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const problems: SourceProblem[] = [];
  const reportedPaths = new Set<string>();

  const excess = scanStructure(text, FILE_LIMITS.maxDepth, FILE_LIMITS.maxItems);
  if (excess !== undefined) {
    // Positions without parsing: count lines up to the offset.
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < excess.offset && i < text.length; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    const column = excess.offset - lineStart + 1;
    const message =
      excess.kind === 'depth'
        ? `the YAML is nested more than ${FILE_LIMITS.maxDepth} levels deep; a gatehouse config never needs that`
        : `the YAML has more than ${FILE_LIMITS.maxItems.toLocaleString('en-US')} lines and values; a gatehouse config is never that large`;
    return {
      data: undefined,
      problems: [
        { code: excess.kind === 'depth' ? 'nesting-too-deep' : 'too-many-values', message, offset: excess.offset },
      ],
      reportedPaths,
      locate: () => ({ line, column }),
      position: () => ({ line, column }),
    };
  }

  const doc = parseDocument(text, {
    lineCounter,
    version: '1.2',
    schema: 'core',
    customTags: (tags) => [twelveDigitString, ...tags],
    uniqueKeys: false, // checked below in linear time; yaml's own check is quadratic
    prettyErrors: false,
    strict: true,
    keepSourceTokens: false,
  });

  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const mapIndex = new WeakMap<YAMLMap, Map<string, Pair>>();
  const locate = (path: readonly (string | number)[], target: 'value' | 'key' = 'value') =>
    position(locateOffset(doc, path, target, mapIndex));

  const syntaxProblems = yamlErrors(doc, text, (offset) => lineCounter.linePos(offset).line);
  if (doc.directives?.yaml.explicit && doc.directives.yaml.version !== '1.2') {
    problems.push({
      code: 'yaml-version',
      message: `gatehouse reads YAML 1.2; remove the \`%YAML ${doc.directives.yaml.version}\` directive`,
      offset: 0,
    });
  }
  if (syntaxProblems.length > 0) {
    problems.push(...syntaxProblems);
    return { data: undefined, problems, reportedPaths, locate, position };
  }

  const converter = new Converter(doc, text, problems, reportedPaths);
  let data: unknown;
  try {
    data = doc.contents === null ? null : converter.convert(doc.contents, [], 0);
  } catch (error) {
    if (!(error instanceof LimitExceeded)) throw error;
    problems.push({ code: error.code, message: error.message, offset: error.offset });
    return { data: undefined, problems, reportedPaths, locate, position };
  }
  return { data, problems, reportedPaths, locate, position };
}

/** Where a line's text starts (after its indentation), given any offset in it. */
function firstCharOfLine(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let i = start;
  while (text[i] === ' ') i += 1;
  return text[i] === '\n' || i >= text.length ? offset : i;
}

/**
 * Where to point for a YAML error: the misindented line, not yaml's view of it. An over-indented
 * line reads to yaml as the previous key's value continuing (MULTILINE_IMPLICIT_KEY, ending on the
 * culprit line); an under-indented one is reported at its column 1. Either way: the first character
 * of the culprit line.
 */
function errorOffset(doc: Document, text: string, error: Document['errors'][number], lineAt: (o: number) => number) {
  const line = lineAt(error.pos[0]);
  const atLineStart = error.pos[0] === 0 || text[error.pos[0] - 1] === '\n';
  if (atLineStart) return firstCharOfLine(text, error.pos[0]);
  const multiline = doc.errors.find(
    (e) => e.code === 'MULTILINE_IMPLICIT_KEY' && lineAt(e.pos[0]) === line && lineAt(e.pos[1]) > line,
  );
  return multiline ? firstCharOfLine(text, multiline.pos[1] - 1) : error.pos[0];
}

/** YAML syntax errors, at most one per line (later ones on a line are usually echoes of the first). */
function yamlErrors(doc: Document, text: string, lineAt: (offset: number) => number): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const lines = new Set<number>();
  for (const error of doc.errors) {
    const offset = errorOffset(doc, text, error, lineAt);
    const line = lineAt(offset);
    const reportedAt = lineAt(error.pos[0]);
    if (lines.has(line) || lines.has(reportedAt)) continue;
    lines.add(line);
    lines.add(reportedAt);
    const code =
      error.code === 'TAB_AS_INDENT'
        ? 'yaml-tab'
        : error.code === 'MULTIPLE_DOCS'
          ? 'yaml-multiple-documents'
          : error.code === 'RESOURCE_EXHAUSTION'
            ? 'nesting-too-deep'
            : 'yaml-syntax';
    const message =
      code === 'yaml-tab'
        ? 'a tab is used for indentation; YAML allows only spaces'
        : code === 'yaml-multiple-documents'
          ? 'the file holds more than one YAML document (`---`); a config is one document'
          : reportedAt < line
            ? 'YAML syntax: this line is indented deeper than the key above it; align it with its siblings'
            : `YAML syntax: ${firstSentence(error.message)}`;
    problems.push({ code, message, offset });
  }
  return problems;
}

function firstSentence(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

class LimitExceeded extends Error {
  readonly code: string;
  readonly offset: number;
  constructor(code: string, message: string, offset: number) {
    super(message);
    this.code = code;
    this.offset = offset;
  }
}

/** AST → plain data, with the checks that need the AST (tags, keys, quoting, invisible characters). */
class Converter {
  /** Values produced inside alias expansions (the data an alias bomb multiplies). */
  private aliasValues = 0;
  private aliasDepth = 0;
  private aliases = 0;
  private readonly expanding = new Set<Node>();
  private readonly doc: Document;
  private readonly text: string;
  private readonly problems: SourceProblem[];
  private readonly reportedPaths: Set<string>;

  constructor(doc: Document, text: string, problems: SourceProblem[], reportedPaths: Set<string>) {
    this.doc = doc;
    this.text = text;
    this.problems = problems;
    this.reportedPaths = reportedPaths;
  }

  convert(node: unknown, path: Path, depth: number): unknown {
    const offset = rangeStart(node);
    if (depth > FILE_LIMITS.maxDepth) {
      throw new LimitExceeded(
        'nesting-too-deep',
        `the YAML is nested more than ${FILE_LIMITS.maxDepth} levels deep; a gatehouse config never needs that`,
        offset,
      );
    }
    if (this.aliasDepth > 0 && ++this.aliasValues > FILE_LIMITS.maxAliasValues) {
      throw new LimitExceeded(
        'yaml-alias-limit',
        `the YAML's aliases (*name) expand to more than ${FILE_LIMITS.maxAliasValues.toLocaleString('en-US')} values (an alias bomb?); refusing to read it`,
        offset,
      );
    }
    if (isAlias(node)) {
      if (++this.aliases > FILE_LIMITS.maxAliases) {
        throw new LimitExceeded(
          'yaml-alias-limit',
          `the YAML's aliases (*name) expand more than ${FILE_LIMITS.maxAliases.toLocaleString('en-US')} times (an alias bomb?); refusing to read it`,
          offset,
        );
      }
      const target = node.resolve(this.doc);
      if (!target) {
        this.problem('yaml-alias', `alias \`*${node.source}\` refers to no anchor`, offset, path);
        return null;
      }
      if (this.expanding.has(target)) {
        this.problem('yaml-alias', `alias \`*${node.source}\` refers to itself`, offset, path);
        return null;
      }
      this.expanding.add(target);
      this.aliasDepth++;
      try {
        return this.convert(target, path, depth);
      } finally {
        this.aliasDepth--;
        this.expanding.delete(target);
      }
    }
    if (!this.tagAllowed(node, path)) return null;
    if (isMap(node)) return this.convertMap(node, path, depth);
    if (isSeq(node)) return node.items.map((item, index) => this.convert(item, [...path, index], depth + 1));
    if (isScalar(node)) return this.convertScalar(node, path);
    return null;
  }

  private tagAllowed(node: unknown, path: Path): boolean {
    // A flow-map key without a value (`{ a: b c }`) yields a null node: nothing to check here.
    if (node === null || node === undefined) return true;
    const tag = (node as { tag?: string }).tag;
    if (tag === undefined || ALLOWED_TAGS.has(tag)) return true;
    const shown = tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
    this.problem(
      'yaml-tag',
      `the YAML tag \`${shown}\` is not allowed: a gatehouse config is plain data (only !!str, !!int, !!float, !!bool, !!null, !!map, !!seq)`,
      this.tagOffset(rangeStart(node)),
      path,
    );
    return false;
  }

  /** Where the tag written before a value starts (nodes only record where the value starts). */
  private tagOffset(valueStart: number): number {
    let start = this.text.lastIndexOf('!', valueStart - 1);
    if (start < 0) return valueStart;
    while (start > 0 && this.text[start - 1] === '!') start--;
    return /^!\S*\s*$/.test(this.text.slice(start, valueStart)) ? start : valueStart;
  }

  private convertMap(map: YAMLMap, path: Path, depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const firstKeyOffset = new Map<string, number>();
    for (const pair of map.items) {
      const key = this.keyOf(pair, path);
      if (key === undefined) continue;
      const keyOffset = rangeStart(pair.key);
      const first = firstKeyOffset.get(key);
      if (first !== undefined) {
        this.problem(
          'duplicate-key',
          `duplicate key \`${key}\` (first defined on line ${lineOf(this.text, first)}); a key may appear only once`,
          keyOffset,
        );
        continue;
      }
      firstKeyOffset.set(key, keyOffset);
      if (key === RESERVED_KEY) {
        // Reported, never dropped: zod's records would silently lose it (and take it as a prototype).
        this.problem('reserved-key', RESERVED_KEY_MESSAGE, keyOffset, [...path, key]);
        continue;
      }
      // defineProperty: a key named `__proto__` stays an ordinary key.
      Object.defineProperty(result, key, {
        value: this.convert(pair.value, [...path, key], depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  }

  private keyOf(pair: Pair, path: Path): string | undefined {
    const keyNode = isAlias(pair.key) ? pair.key.resolve(this.doc) : pair.key;
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
      this.problem(
        'yaml-key',
        isScalar(keyNode) || keyNode === null ? 'a key is empty' : 'a key must be a plain string, not a list or a map',
        rangeStart(pair.key ?? pair.value),
        path,
      );
      return undefined;
    }
    const key = String(keyNode.value);
    this.checkInvisible(key, keyNode, [...path, key]);
    return key;
  }

  private convertScalar(node: Scalar, path: Path): unknown {
    const value = node.value;
    if (typeof value === 'string') this.checkInvisible(value, node, path);
    if (
      isAccountIdPath(path) &&
      node.type === 'PLAIN' &&
      typeof node.source === 'string' &&
      /^[+-]?\d[\d_]*$/.test(node.source)
    ) {
      const digits = node.source;
      const message = /^\d{12}$/.test(digits)
        ? `account id ${digits} is not quoted; YAML turns unquoted digits into numbers (dropping leading zeros): write '${digits}'`
        : `${digits} is not an account id: an account id is a quoted string of exactly 12 digits, e.g. '012345678901'`;
      this.problem('unquoted-account-id', message, rangeStart(node), path);
    }
    return value;
  }

  private checkInvisible(value: string, node: Scalar, path: Path): void {
    const found = findInvisibleCharacter(value);
    if (!found) return;
    const [start, end] = node.range ?? [0, 0];
    const raw = this.text.slice(start, end);
    const char = String.fromCodePoint(found.codePoint);
    const at = raw.indexOf(char);
    this.problem(
      'invisible-character',
      `\`${visible(value)}\` contains the invisible character ${describeCodePoint(found.codePoint)}; delete it`,
      at >= 0 ? start + at : start,
      path,
    );
  }

  private problem(code: string, message: string, offset: number, path?: Path): void {
    this.problems.push(path ? { code, message, offset, path } : { code, message, offset });
    if (path) this.reportedPaths.add(pathKey(path));
  }
}

/** The text with invisible characters shown as `<U+200B>`, for messages. */
function visible(text: string): string {
  let result = '';
  for (const char of text) {
    result += findInvisibleCharacter(char) ? `<${describeCodePoint(char.codePointAt(0)!).split(' ')[0]}>` : char;
  }
  return result;
}

function rangeStart(node: unknown): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : 0;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The pairs of a map by key (the first of duplicates), built once per map: locating stays linear. */
function pairsOf(map: YAMLMap, index: WeakMap<YAMLMap, Map<string, Pair>>): Map<string, Pair> {
  let pairs = index.get(map);
  if (!pairs) {
    pairs = new Map();
    for (const pair of map.items) {
      if (isPair(pair) && isScalar(pair.key) && !pairs.has(String(pair.key.value)))
        pairs.set(String(pair.key.value), pair);
    }
    index.set(map, pairs);
  }
  return pairs;
}

/**
 * Offset of the node at `path`: the value (or, for `key`, the key of the last segment). When the path
 * goes further than the document (a missing key), the key of the deepest existing entry is used.
 */
function locateOffset(
  doc: Document,
  path: readonly (string | number)[],
  target: 'value' | 'key',
  index: WeakMap<YAMLMap, Map<string, Pair>>,
): number {
  let node: unknown = doc.contents;
  let fallback = rangeStart(node);
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc);
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = pairsOf(node, index).get(String(segment));
      if (!pair) return fallback;
      const keyOffset = rangeStart(pair.key);
      if (last && target === 'key') return keyOffset;
      const value = pair.value as { range?: unknown } | null;
      if (!value?.range || (isScalar(value) && value.value === null && value.source === '')) return keyOffset;
      fallback = keyOffset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) return fallback;
      node = item;
      fallback = rangeStart(item);
    } else {
      return fallback;
    }
  }
  return isAlias(node) || (node as { range?: unknown } | null)?.range ? rangeStart(node) : fallback;
}

/**
 * A linear pre-scan, before the YAML parser sees the text: finds nesting deeper than `maxDepth` (flow
 * brackets plus block indentation levels) and more than `maxItems` lines and flow values. The parser
 * is correct on such input but takes seconds per megabyte of it. Returns where a limit is crossed.
 */
export function scanStructure(
  text: string,
  maxDepth: number,
  maxItems: number,
): { kind: 'depth' | 'items'; offset: number } | undefined {
  let flow = 0;
  let items = 0;
  const indents: number[] = [];
  let i = 0;
  const length = text.length;
  while (i < length) {
    // Start of a line: measure indentation and compact sequence indicators (`- - - x`).
    let indent = 0;
    while (i < length && text.charCodeAt(i) === 32) {
      indent++;
      i++;
    }
    const lineEnd = text.indexOf('\n', i);
    const end = lineEnd === -1 ? length : lineEnd;
    const blank = i >= end || text[i] === '#' || text[i] === '\r';
    if (!blank) {
      if (++items > maxItems) return { kind: 'items', offset: i };
      if (flow === 0) {
        while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
        indents.push(indent);
        let dashes = 0;
        let j = i;
        while (j + 1 < end && (text[j] === '-' || text[j] === '?') && text[j + 1] === ' ') {
          dashes++;
          j += 2;
          while (j < end && text[j] === ' ') j++;
        }
        if (indents.length + dashes > maxDepth) return { kind: 'depth', offset: i };
      }
    }
    // Flow brackets and values on this line, outside quotes and comments.
    let quote: string | undefined;
    let previous = ' ';
    for (let j = i; j < end; j++) {
      const c = text[j]!;
      if (quote) {
        if (c === quote) quote = undefined;
        continue;
      }
      if (c === '#' && (previous === ' ' || previous === '\t')) break;
      const tokenStart = previous === ' ' || previous === '\t' || ':[{,-?"\''.includes(previous);
      if ((c === '"' || c === "'") && tokenStart) {
        quote = c;
        if (++items > maxItems) return { kind: 'items', offset: j };
      } else if ((c === '[' || c === '{') && (tokenStart || flow > 0)) {
        flow++;
        if (indents.length + flow > maxDepth) return { kind: 'depth', offset: j };
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
      // A `:` that starts a token is a value without a key; in `key: value` the line already counted.
      else if (((c === ',' && flow > 0) || (c === ':' && tokenStart)) && ++items > maxItems) {
        return { kind: 'items', offset: j };
      }
      previous = c;
    }
    i = end + 1;
  }
  return undefined;
}
