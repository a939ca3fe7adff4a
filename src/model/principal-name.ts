/**
 * @module The identity rule for user and group names: when two principal names are "the same name".
 *
 * AWS documents that a user's UserName is unique in an identity store and that GetGroupId treats a
 * group's DisplayName as a unique attribute, but not whether the comparison ignores case or Unicode
 * form. gatehouse takes the stricter rule: two names are the same principal name when they differ
 * only by letter case, Unicode composition (NFC vs decomposed accents), compatibility forms
 * (full-width letters, ligatures: NFKC) or Latin look-alike letters of Cyrillic and Greek. Config
 * validation, the diff, the lockout guard and apply all compare through `principalNameKey`.
 */

import { latinLookalike } from '../config/unicode.js';

/** The comparison key of a user or group name under the identity rule. */
export function principalNameKey(name: string): string {
  let skeleton = '';
  for (const char of name.normalize('NFKC')) skeleton += latinLookalike(char.codePointAt(0)!) ?? char;
  return skeleton.toLowerCase().normalize('NFKC');
}

/** Whether two names are the same principal under the identity rule. */
export function samePrincipalName(a: string, b: string): boolean {
  return a === b || principalNameKey(a) === principalNameKey(b);
}

/**
 * Why a name is not in the one form people can compare by eye, or undefined: a name must already be
 * composed (NFC) and free of compatibility characters (NFKC), so `José` typed with a combining accent
 * or `Ｆounders` in full-width letters is refused with the form to write instead.
 */
export function principalNameFormProblem(name: string): string | undefined {
  const composed = name.normalize('NFC');
  if (composed !== name) {
    return `is written with decomposed accents (a letter followed by a combining mark); write it composed as \`${composed}\``;
  }
  const compatible = name.normalize('NFKC');
  if (compatible !== name) {
    return `uses compatibility characters (full-width or styled letters, ligatures); write it as \`${compatible}\``;
  }
  return undefined;
}
