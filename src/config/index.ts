/**
 * @module The config: the language (zod schema, JSON Schema), loading with diagnostics, the built-in
 * baseline and the YAML writer. Everything else in this folder is an implementation detail.
 */

export { DEFAULT_BASELINE_CONFIG, defaultBaseline } from './baseline.js';
export { hashDesiredState } from './hash.js';
export type { ReadFile } from './input-file.js';
export { configJsonSchema, renderConfigJsonSchema } from './json-schema.js';
export {
  type ConfigCheck,
  checkConfigText,
  type LoadConfigOptions,
  type LoadConfigResult,
  loadConfig,
  parseConfigText,
  readConfigText,
} from './load.js';
export { type ConfigComments, type RenderConfigOptions, renderConfigYaml } from './render-yaml.js';
export { CONFIG_SCHEMA_URL, configSchema, type ParsedConfig, type WrittenConfig } from './schema.js';
export { formatAccountTarget, MANAGEMENT_TARGET, parseAccountTarget } from './targets.js';
