import { describe, expect, test } from 'vitest';
import { editDistance, suggest } from './did-you-mean.js';

describe('editDistance', () => {
  test.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', 'abd', 1],
    ['abc', 'ab', 1],
    ['abc', 'acb', 1], // a swap of neighbours counts once
    ['kitten', 'sitting', 3],
  ])('%s → %s = %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});

describe('suggest', () => {
  const keys = ['sessionDuration', 'description', 'policies', 'customerPolicies', 'inlinePolicy'];

  test('finds a typo', () => {
    expect(suggest('sesionDuration', keys)).toBe('sessionDuration');
    expect(suggest('descripton', keys)).toBe('description');
  });

  test('a case-only difference always matches', () => {
    expect(suggest('SESSIONDURATION', keys)).toBe('sessionDuration');
  });

  test('nothing when the word is too far from every known word', () => {
    expect(suggest('tags', keys)).toBeUndefined();
    expect(suggest('x', keys)).toBeUndefined();
  });

  test('never suggests the word itself', () => {
    expect(suggest('policies', ['policies'])).toBeUndefined();
  });
});
