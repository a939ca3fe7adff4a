import { describe, expect, test } from 'vitest';
import {
  describeCodePoint,
  findInvisibleCharacter,
  invisibleCharacterProblem,
  mixedScriptProblem,
  nameProblem,
} from './unicode.js';

describe('invisible characters', () => {
  test.each([
    ['ada\u200b', 3, 0x200b],
    ['\u202eevil', 0, 0x202e],
    ['a\u00adb', 1, 0x00ad],
    ['x\ufeff', 1, 0xfeff],
    ['bell\u0007', 4, 0x07],
    ['\u3164', 0, 0x3164],
  ])('%j has U+%s', (text, index, codePoint) => {
    expect(findInvisibleCharacter(text)).toEqual({ index, codePoint });
  });

  test('ordinary text, tabs, line breaks and emoji sequences are fine', () => {
    for (const text of ['Ada Lovelace', 'a\tb\nc\r\n', 'Léa Martin', '田中 太郎', '👩‍💻 team', 'Noor Ḥaddād']) {
      expect(findInvisibleCharacter(text)).toBeUndefined();
    }
  });

  test('a joiner outside an emoji sequence is invisible', () => {
    expect(findInvisibleCharacter('ad\u200da')).toEqual({ index: 2, codePoint: 0x200d });
  });

  test('messages name the code point and the character position', () => {
    expect(invisibleCharacterProblem('ad\u200ba')).toBe(
      'contains the invisible character U+200B ZERO WIDTH SPACE (character 3); delete it',
    );
    expect(describeCodePoint(0x1f600)).toBe('U+1F600');
  });
});

describe('mixed scripts', () => {
  test('a Cyrillic look-alike inside a Latin name is named', () => {
    expect(mixedScriptProblem('F\u043eunders')).toBe(
      "mixes Latin and Cyrillic letters: character 2 is U+043E CYRILLIC SMALL LETTER O, which looks like Latin 'o'; retype the name in one script",
    );
  });

  test('a Greek letter without a Latin twin is still reported, by code point', () => {
    expect(mixedScriptProblem('Adminλ')).toBe(
      'mixes Latin and Greek letters: character 6 is U+03BB; retype the name in one script',
    );
  });

  test('names in one script, and Latin with digits or CJK, are fine', () => {
    for (const name of ['Founders', 'Основатели', 'Ομάδα', 'Léa', 'team-42', '開発チーム', 'Dev開発']) {
      expect(mixedScriptProblem(name)).toBeUndefined();
    }
  });

  test('nameProblem reports invisible characters first', () => {
    expect(nameProblem('F\u043eu\u200bnders')).toMatch(/^contains the invisible character U\+200B/);
    expect(nameProblem('Founders')).toBeUndefined();
  });
});
