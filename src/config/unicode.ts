/**
 * @module Unicode safety for names: invisible characters (zero-width, bidi controls) and names that
 * mix look-alike scripts (a Cyrillic 'а' inside a Latin name), which would make two different
 * principals or permission sets look identical in a review.
 */

const FORMAT_CHARACTER = /\p{Cf}/u;
/** Letters and marks that render as blank space. */
const BLANK_LOOKALIKES = new Set([0x034f, 0x115f, 0x1160, 0x3164, 0xffa0]);
const EMOJI = /\p{Extended_Pictographic}/u;

/** A character that renders as nothing or reorders text: format and control characters (not TAB/LF/CR). */
function isInvisible(char: string): boolean {
  const codePoint = char.codePointAt(0)!;
  if (codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d) return false;
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) return true;
  return BLANK_LOOKALIKES.has(codePoint) || FORMAT_CHARACTER.test(char);
}

/** Names of the characters people actually paste by accident, for messages. */
const KNOWN_NAMES: Record<number, string> = {
  173: 'SOFT HYPHEN',
  847: 'COMBINING GRAPHEME JOINER',
  1564: 'ARABIC LETTER MARK',
  6158: 'MONGOLIAN VOWEL SEPARATOR',
  8203: 'ZERO WIDTH SPACE',
  8204: 'ZERO WIDTH NON-JOINER',
  8205: 'ZERO WIDTH JOINER',
  8206: 'LEFT-TO-RIGHT MARK',
  8207: 'RIGHT-TO-LEFT MARK',
  8234: 'LEFT-TO-RIGHT EMBEDDING',
  8235: 'RIGHT-TO-LEFT EMBEDDING',
  8236: 'POP DIRECTIONAL FORMATTING',
  8237: 'LEFT-TO-RIGHT OVERRIDE',
  8238: 'RIGHT-TO-LEFT OVERRIDE',
  8288: 'WORD JOINER',
  8289: 'FUNCTION APPLICATION',
  8290: 'INVISIBLE TIMES',
  8291: 'INVISIBLE SEPARATOR',
  8292: 'INVISIBLE PLUS',
  8294: 'LEFT-TO-RIGHT ISOLATE',
  8295: 'RIGHT-TO-LEFT ISOLATE',
  8296: 'FIRST STRONG ISOLATE',
  8297: 'POP DIRECTIONAL ISOLATE',
  12644: 'HANGUL FILLER',
  65279: 'ZERO WIDTH NO-BREAK SPACE',
};

/** Look-alikes of Latin letters in other scripts: code point → [Unicode name, the Latin letter it imitates]. */
const CONFUSABLES: Record<number, [string, string]> = {
  1072: ['CYRILLIC SMALL LETTER A', 'a'],
  1077: ['CYRILLIC SMALL LETTER IE', 'e'],
  1086: ['CYRILLIC SMALL LETTER O', 'o'],
  1088: ['CYRILLIC SMALL LETTER ER', 'p'],
  1089: ['CYRILLIC SMALL LETTER ES', 'c'],
  1091: ['CYRILLIC SMALL LETTER U', 'y'],
  1093: ['CYRILLIC SMALL LETTER HA', 'x'],
  1109: ['CYRILLIC SMALL LETTER DZE', 's'],
  1110: ['CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I', 'i'],
  1112: ['CYRILLIC SMALL LETTER JE', 'j'],
  1211: ['CYRILLIC SMALL LETTER SHHA', 'h'],
  1281: ['CYRILLIC SMALL LETTER KOMI DE', 'd'],
  1029: ['CYRILLIC CAPITAL LETTER DZE', 'S'],
  1030: ['CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I', 'I'],
  1032: ['CYRILLIC CAPITAL LETTER JE', 'J'],
  1040: ['CYRILLIC CAPITAL LETTER A', 'A'],
  1042: ['CYRILLIC CAPITAL LETTER VE', 'B'],
  1045: ['CYRILLIC CAPITAL LETTER IE', 'E'],
  1050: ['CYRILLIC CAPITAL LETTER KA', 'K'],
  1052: ['CYRILLIC CAPITAL LETTER EM', 'M'],
  1053: ['CYRILLIC CAPITAL LETTER EN', 'H'],
  1054: ['CYRILLIC CAPITAL LETTER O', 'O'],
  1056: ['CYRILLIC CAPITAL LETTER ER', 'P'],
  1057: ['CYRILLIC CAPITAL LETTER ES', 'C'],
  1058: ['CYRILLIC CAPITAL LETTER TE', 'T'],
  1061: ['CYRILLIC CAPITAL LETTER HA', 'X'],
  945: ['GREEK SMALL LETTER ALPHA', 'a'],
  953: ['GREEK SMALL LETTER IOTA', 'i'],
  957: ['GREEK SMALL LETTER NU', 'v'],
  959: ['GREEK SMALL LETTER OMICRON', 'o'],
  961: ['GREEK SMALL LETTER RHO', 'p'],
  913: ['GREEK CAPITAL LETTER ALPHA', 'A'],
  914: ['GREEK CAPITAL LETTER BETA', 'B'],
  917: ['GREEK CAPITAL LETTER EPSILON', 'E'],
  918: ['GREEK CAPITAL LETTER ZETA', 'Z'],
  919: ['GREEK CAPITAL LETTER ETA', 'H'],
  921: ['GREEK CAPITAL LETTER IOTA', 'I'],
  922: ['GREEK CAPITAL LETTER KAPPA', 'K'],
  924: ['GREEK CAPITAL LETTER MU', 'M'],
  925: ['GREEK CAPITAL LETTER NU', 'N'],
  927: ['GREEK CAPITAL LETTER OMICRON', 'O'],
  929: ['GREEK CAPITAL LETTER RHO', 'P'],
  932: ['GREEK CAPITAL LETTER TAU', 'T'],
  933: ['GREEK CAPITAL LETTER UPSILON', 'Y'],
  935: ['GREEK CAPITAL LETTER CHI', 'X'],
};

/** The Latin letter a Cyrillic or Greek code point imitates, or undefined (used by the identity rule). */
export function latinLookalike(codePoint: number): string | undefined {
  return CONFUSABLES[codePoint]?.[1];
}

/** Scripts whose letters are easily mistaken for one another. Mixing them inside one name is refused. */
const CONFUSABLE_SCRIPTS = [
  { name: 'Latin', test: /\p{Script=Latin}/u },
  { name: 'Cyrillic', test: /\p{Script=Cyrillic}/u },
  { name: 'Greek', test: /\p{Script=Greek}/u },
  { name: 'Armenian', test: /\p{Script=Armenian}/u },
  { name: 'Cherokee', test: /\p{Script=Cherokee}/u },
] as const;

/** `U+200B ZERO WIDTH SPACE`, or `U+XXXX` when the name is not in our small table. */
export function describeCodePoint(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = KNOWN_NAMES[codePoint] ?? CONFUSABLES[codePoint]?.[0];
  return name ? `${hex} ${name}` : hex;
}

export interface InvisibleCharacter {
  /** Index in UTF-16 code units. */
  index: number;
  codePoint: number;
}

/** The first invisible or control character in `text` (TAB, LF and CR are allowed), if any. */
export function findInvisibleCharacter(text: string): InvisibleCharacter | undefined {
  let index = 0;
  let previous = '';
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (isInvisible(char)) {
      const next = chars[i + 1] ?? '';
      const emojiJoiner = char === '\u200d' && EMOJI.test(previous) && EMOJI.test(next);
      if (!emojiJoiner) return { index, codePoint: char.codePointAt(0)! };
    }
    index += char.length;
    previous = char;
  }
  return undefined;
}

/** A human sentence about an invisible character found in `text`, or undefined. */
export function invisibleCharacterProblem(text: string): string | undefined {
  const found = findInvisibleCharacter(text);
  if (!found) return undefined;
  const position = Array.from(text.slice(0, found.index)).length + 1;
  return `contains the invisible character ${describeCodePoint(found.codePoint)} (character ${position}); delete it`;
}

/**
 * A human sentence when `name` mixes letters of look-alike scripts (Latin with Cyrillic, Greek, …),
 * naming the first letter of the less used script; undefined when the name is fine. A name written
 * wholly in one script (e.g. Cyrillic) is fine.
 */
export function mixedScriptProblem(name: string): string | undefined {
  const counts = new Map<string, { count: number; first: string; index: number }>();
  let index = 0;
  for (const char of name) {
    index++;
    const script = CONFUSABLE_SCRIPTS.find((s) => s.test.test(char));
    if (!script) continue;
    const entry = counts.get(script.name);
    if (entry) entry.count++;
    else counts.set(script.name, { count: 1, first: char, index });
  }
  if (counts.size < 2) return undefined;
  const ranked = [...counts.entries()].sort((a, b) => b[1].count - a[1].count || a[1].index - b[1].index);
  const [majority] = ranked[0]!;
  const [minority, intruder] = ranked[ranked.length - 1]!;
  const codePoint = intruder.first.codePointAt(0)!;
  const looksLike = CONFUSABLES[codePoint]?.[1];
  const likeText = looksLike ? `, which looks like ${majority} '${looksLike}'` : '';
  return (
    `mixes ${majority} and ${minority} letters: character ${intruder.index} is ${describeCodePoint(codePoint)}` +
    `${likeText}; retype the name in one script`
  );
}

/** Both checks, for names that people compare by eye (principals, permission sets, aliases). */
export function nameProblem(name: string): string | undefined {
  return invisibleCharacterProblem(name) ?? mixedScriptProblem(name);
}
