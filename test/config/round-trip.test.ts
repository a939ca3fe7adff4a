/**
 * @module Property: any valid written config survives a trip through YAML. Rendering it with
 * renderConfigYaml and reading it back gives the same data, and loading that text gives the same
 * desired model as normalising the config directly (positions aside).
 */

import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { configSchema, parseConfigText, renderConfigYaml, type WrittenConfig } from '../../src/config/index.js';
import { normalizeConfig } from '../../src/config/normalize.js';
import { readYaml } from '../../src/config/yaml-source.js';
import type { DesiredState } from '../../src/model/desired.js';
import { writtenConfig } from './arbitraries.js';

const NOW = Date.UTC(2026, 10, 28, 9);

/** The model without where things were written. */
function withoutPositions(desired: DesiredState): unknown {
  return JSON.parse(JSON.stringify(desired, (key, value) => (key === 'source' || key === 'file' ? undefined : value)));
}

/** JSON equality: what the config means, regardless of undefined-valued keys. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('YAML round trip', () => {
  test.prop([writtenConfig], { numRuns: 100, seed: 20261128 })('render → read gives back the same config', (config) => {
    expect(configSchema.safeParse(config).success).toBe(true);
    const text = renderConfigYaml(config);
    const read = readYaml(text);
    expect(read.problems).toEqual([]);
    expect(read.data).toEqual(plain(config));
  });

  test.prop([writtenConfig], { numRuns: 100, seed: 20261128 })(
    'render → load gives the same desired model as normalising directly',
    async (config: WrittenConfig) => {
      const text = renderConfigYaml(config);
      const { desired } = await parseConfigText(text, 'round-trip.yaml', { now: NOW });
      const direct = normalizeConfig(configSchema.parse(config), {
        inlinePolicies: new Map(
          Object.entries(config.permissionSets ?? {}).flatMap(([name, spec]) =>
            spec.inlinePolicy && !('file' in spec.inlinePolicy) ? [[name, plain(spec.inlinePolicy)]] : [],
          ),
        ),
      });
      expect(withoutPositions(desired)).toEqual(withoutPositions(direct));
      expect(desired.hash).toBe(direct.hash);
    },
  );
});
