import { describe, expect, test } from 'vitest';
import { principalNameFormProblem, principalNameKey, samePrincipalName } from './principal-name.js';

describe('principalNameKey (the identity rule)', () => {
  test.each([
    ['Founders', 'founders', 'case only'],
    ['Ｆｏｕｎｄｅｒｓ', 'Founders', 'full-width letters'],
    ['Jose\u0301', 'José', 'decomposed vs precomposed accent'],
    ['Асе', 'Ace', 'whole-word Cyrillic look-alike'],
    ['ΑΒΕ', 'abe', 'whole-word Greek capitals'],
    ['ismail', 'Ismail', 'user names the same way'],
  ])('%s and %s are the same principal (%s)', (a, b) => {
    expect(principalNameKey(a)).toBe(principalNameKey(b));
    expect(samePrincipalName(a, b)).toBe(true);
  });

  test.each([
    ['Founders', 'Founder'],
    ['Иван', 'Ivan'],
    ['ops-1', 'ops-l'],
  ])('%s and %s are different principals', (a, b) => {
    expect(samePrincipalName(a, b)).toBe(false);
  });
});

describe('principalNameFormProblem', () => {
  test('composed, compatibility-free names pass', () => {
    expect(principalNameFormProblem('José')).toBeUndefined();
    expect(principalNameFormProblem('Иван')).toBeUndefined();
  });

  test('decomposed accents and full-width letters are refused with the form to write', () => {
    expect(principalNameFormProblem('Jose\u0301')).toBe(
      'is written with decomposed accents (a letter followed by a combining mark); write it composed as `José`',
    );
    expect(principalNameFormProblem('Ｆounders')).toBe(
      'uses compatibility characters (full-width or styled letters, ligatures); write it as `Founders`',
    );
  });
});
