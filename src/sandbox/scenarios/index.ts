/** @module The scenarios `gatehouse sandbox create` offers, by name (their contents are specified in README.md). */

import { SandboxError } from '../../errors.js';
import type { World } from '../world.js';
import type { ChosenCredentials } from './builder.js';
import { buildDay1 } from './day1.js';
import { buildDelegated } from './delegated.js';
import { buildFresh } from './fresh.js';
import { buildLarge, type LargeSizes } from './large.js';
import { buildOrg } from './org.js';

export type { ChosenCredentials } from './builder.js';
export { DEFAULT_LARGE_SIZES, type LargeSizes, parseSizes, resolveSizes } from './large.js';

export const SCENARIOS = ['fresh', 'day1', 'org', 'delegated', 'large'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface ScenarioOptions {
  /** Seed of the ids (and of the `large` scenario's shape). Default 1. */
  seed?: number;
  /** Sizes of the `large` scenario. */
  sizes?: Partial<LargeSizes>;
  /** Values for the default credentials instead of generated ones. */
  credentials?: ChosenCredentials;
  /** The time the scenario is created (the sandbox clock's now). */
  now: number;
}

export function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}

/** Writes a scenario into an empty world. */
export function buildScenario(name: ScenarioName, world: World, options: ScenarioOptions): void {
  if (Object.keys(world.state.accounts).length > 0)
    throw new SandboxError('a scenario can only be built into an empty sandbox');
  world.state.scenario = name;
  switch (name) {
    case 'fresh':
      buildFresh(world, options.now, options.credentials);
      break;
    case 'day1':
      buildDay1(world, options.now, options.credentials);
      break;
    case 'org':
      buildOrg(world, options.now, options.credentials);
      break;
    case 'delegated':
      buildDelegated(world, options.now, options.credentials);
      break;
    case 'large':
      buildLarge(world, options.now, options.sizes, options.credentials);
      break;
  }
}
