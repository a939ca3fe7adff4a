import { describe, expect, test } from 'vitest';
import { DEFAULT_BASELINE_CONFIG } from './baseline.js';
import { parseConfigText } from './load.js';
import { renderConfigYaml } from './render-yaml.js';
import type { WrittenConfig } from './schema.js';
import { readYaml } from './yaml-source.js';

describe('renderConfigYaml', () => {
  test('modeline, schema key order, quoted ids, comments', () => {
    const config: WrittenConfig = {
      // Deliberately out of order: the writer sorts keys the way the schema declares them.
      assignments: [{ accounts: ['prod'], permissionSet: 'Admin', principal: 'user:ada' }],
      users: { ada: { familyName: 'Lovelace', givenName: 'Ada', email: 'ada@example.com' } },
      accounts: { prod: '012345678901' },
      permissionSets: { Admin: { policies: ['AdministratorAccess'], description: 'Founders / Infra' } },
      version: 1,
    };
    const text = renderConfigYaml(config, {
      '': 'Written by gatehouse import.',
      'permissionSets.Admin': 'The founders’ set',
      'assignments[0]': 'Day one',
    });
    expect(text).toBe(
      [
        '# yaml-language-server: $schema=./node_modules/gatehouse-aws/schema/gatehouse.schema.json',
        '',
        '# Written by gatehouse import.',
        '',
        'version: 1',
        'permissionSets:',
        '  # The founders’ set',
        '  Admin:',
        '    description: Founders / Infra',
        '    policies:',
        '      - AdministratorAccess',
        'users:',
        '  ada:',
        '    email: ada@example.com',
        '    givenName: Ada',
        '    familyName: Lovelace',
        'accounts:',
        '  prod: "012345678901"',
        'assignments:',
        '  # Day one',
        '  - principal: user:ada',
        '    permissionSet: Admin',
        '    accounts:',
        '      - prod',
        '',
      ].join('\n'),
    );
  });

  test('strings that YAML would read as something else are quoted', () => {
    const text = renderConfigYaml({
      version: 1,
      groups: { true: { description: 'null' }, '123': { description: '0x1F' }, 'a: b': { description: ' lead # x' } },
    });
    expect(readYaml(text).data).toEqual({
      version: 1,
      groups: { true: { description: 'null' }, '123': { description: '0x1F' }, 'a: b': { description: ' lead # x' } },
    });
  });

  test('the built-in baseline reads back as itself', async () => {
    const text = renderConfigYaml(DEFAULT_BASELINE_CONFIG, {}, { schemaUrl: '../schema/gatehouse.schema.json' });
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/gatehouse.schema.json');
    expect(readYaml(text).data).toEqual(DEFAULT_BASELINE_CONFIG);
    const { warnings } = await parseConfigText(text, 'baseline.yaml');
    expect(warnings).toEqual([]);
  });
});
