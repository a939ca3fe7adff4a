import { describe, expect, test } from 'vitest';
import { group, user } from './org.test-helpers.js';
import { importGroup, importUser } from './principals.js';

describe('importUser', () => {
  test('keyed by user name; the display name only when it differs from "Given Family"', () => {
    expect(importUser(user('ada', { displayName: 'Ada Example' })).spec).toEqual({
      email: 'ada@example.com',
      givenName: 'Ada',
      familyName: 'Example',
    });
    expect(importUser(user('bob', { displayName: 'Bobby' }))).toMatchObject({
      key: 'bob',
      spec: { email: 'bob@example.com', givenName: 'Bob', familyName: 'Example', displayName: 'Bobby' },
      missing: [],
    });
  });

  test('a user without a family name is not invented: left out, with what is missing', () => {
    const imported = importUser(user('carol', { email: undefined, familyName: '' }));
    expect(imported.spec).toBeUndefined();
    expect(imported.missing).toEqual(['familyName']);
    expect(imported.notes[0]).toMatch(/has no familyName/);
  });

  test('a user without an email is written without one, with a note', () => {
    const imported = importUser(user('dora', { email: undefined }));
    expect(imported.spec).toEqual({ givenName: 'Dora', familyName: 'Example' });
    expect(imported.notes).toEqual(['user dora has no email in Identity Center']);
  });

  test('an email the config does not accept: left out with the schema’s reason', () => {
    const imported = importUser(user('dave', { email: 'dave@localhost' }));
    expect(imported.spec).toBeUndefined();
    expect(imported.notes[0]).toMatch(/cannot be written: email/);
  });

  test('disabled users are written, with a note', () => {
    expect(importUser(user('eve', { status: 'DISABLED' })).notes).toEqual([
      'disabled in Identity Center (the config does not change that)',
    ]);
  });
});

describe('importGroup', () => {
  test('description and the exact member list', () => {
    expect(importGroup(group('Ops', { description: 'On call' }), ['ada', 'bob']).spec).toEqual({
      description: 'On call',
      members: ['ada', 'bob'],
    });
    expect(importGroup(group('Empty'), []).spec).toEqual({});
  });

  test('a description the config cannot hold is left out with a note', () => {
    const imported = importGroup(group('Ops', { description: ' padded ' }), []);
    expect(imported.spec).toEqual({});
    expect(imported.notes[0]).toMatch(/cannot be written/);
  });
});
