/**
 * @module The generated JSON Schema: committed as schema/gatehouse.schema.json (file snapshot; update
 * with `npx vitest run test/config/json-schema.test.ts -u`), valid for ajv in strict mode, described
 * on every key (descriptions drive editor completion), and in agreement with the zod schema.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { configJsonSchema, renderConfigJsonSchema } from '../../src/config/index.js';
import { readYaml } from '../../src/config/yaml-source.js';

const ROOT = join(import.meta.dirname, '../..');
const readData = (file: string) => readYaml(readFileSync(join(ROOT, file), 'utf8')).data;

function compile() {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  return ajv.compile(configJsonSchema());
}

describe('schema/gatehouse.schema.json', () => {
  test('matches the zod schema (file snapshot)', async () => {
    await expect(renderConfigJsonSchema()).toMatchFileSnapshot(join(ROOT, 'schema/gatehouse.schema.json'));
  });

  test('is draft-07 and compiles with ajv in strict mode', () => {
    expect(configJsonSchema().$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(() => compile()).not.toThrow();
  });

  test('every property has a description', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) {
        node.forEach((n, i) => {
          walk(n, `${path}[${i}]`);
        });
        return;
      }
      if (node === null || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if (schema.properties && typeof schema.properties === 'object') {
        for (const [key, value] of Object.entries(schema.properties as Record<string, Record<string, unknown>>)) {
          if (typeof value.description !== 'string' || value.description.length < 5) missing.push(`${path}.${key}`);
        }
      }
      for (const [key, value] of Object.entries(schema)) walk(value, `${path}/${key}`);
    };
    walk(configJsonSchema(), '#');
    expect(missing).toEqual([]);
  });

  test('the examples and the valid fixtures validate', () => {
    const validate = compile();
    for (const file of [
      'examples/startup.yaml',
      'examples/growing-org.yaml',
      'test/fixtures/configs/full.yaml',
      'test/fixtures/configs/external-idp.yaml',
      'test/fixtures/configs/warnings-only.yaml',
      'test/fixtures/configs/minimal.yaml',
    ]) {
      expect({ file, valid: validate(readData(file)), errors: validate.errors ?? null }).toEqual({
        file,
        valid: true,
        errors: null,
      });
    }
  });

  test('editors see the same structural mistakes as gatehouse', () => {
    const validate = compile();
    const invalid = [
      { version: 2 },
      { version: 1, permisionSets: {} },
      { version: 1, permissionSets: { 'Power User': {} } },
      { version: 1, permissionSets: { Admin: { sesionDuration: 'PT4H' } } },
      { version: 1, permissionSets: { Admin: { sessionDuration: '4h' } } },
      { version: 1, accounts: { prod: 123456789012 } },
      { version: 1, users: { ada: { email: 'a@example.com' } } },
      { version: 1, root: { mfa: 'sometimes' } },
      {
        version: 1,
        permissionSets: {
          A: { inlinePolicy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: '*' } } },
        },
      },
    ];
    for (const data of invalid) expect({ data, valid: validate(data) }).toEqual({ data, valid: false });
  });
});
