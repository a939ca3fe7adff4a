/**
 * @module `gatehouse sandbox create --scenario NAME [--state FILE] [--force] [--seed N] [--size k=v,…]`:
 * writes a sandbox state file from a scenario and says how to use it. Never prints the sandbox's
 * credentials (they stay in the file, which is private to the user).
 */

import { UsageError } from '../../errors.js';
import { isScenarioName, openSandboxFile, parseSizes, resolveStatePath, SCENARIOS } from '../../sandbox/index.js';
import type { CliContext } from '../context.js';

export interface SandboxCreateOptions {
  scenario?: string;
  state?: string;
  force?: boolean;
  seed?: string;
  size?: string;
}

/** A path as a shell argument (quoted when it needs to be). */
export function shellArg(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,10}$/.test(text) || Number(text) > 0xffff_ffff) {
    throw new UsageError(`invalid --seed "${text}": expected a whole number from 0 to 4294967295`);
  }
  return Number(text);
}

export async function run(options: SandboxCreateOptions, ctx: CliContext): Promise<number> {
  const scenario = options.scenario ?? '';
  if (!isScenarioName(scenario)) {
    throw new UsageError(`unknown scenario "${scenario}": choose one of ${SCENARIOS.join(', ')}`);
  }
  const seed = parseSeed(options.seed);
  if (options.size !== undefined && scenario !== 'large') {
    throw new UsageError('--size applies to the large scenario only');
  }
  const sizes = options.size !== undefined ? parseSizes(options.size) : undefined;
  const path = resolveStatePath({ state: options.state, sandbox: ctx.globals.sandbox, env: ctx.env }, ctx.cwd);

  const file = await openSandboxFile(path, {
    clock: ctx.clock,
    create: {
      scenario,
      ...(seed !== undefined ? { seed } : {}),
      ...(sizes ? { sizes } : {}),
      overwrite: options.force === true,
    },
  });
  try {
    const state = file.sandbox.state;
    const accounts = Object.keys(state.accounts).length;
    const org = state.organization;
    const instance = Object.values(state.instances)[0];
    const parts = [
      `${accounts} account${accounts === 1 ? '' : 's'}`,
      org ? `organization ${org.id}` : 'no organization',
      instance ? `Identity Center in ${instance.region}` : 'no Identity Center',
    ];
    ctx.out(`Created sandbox state ${file.path} (scenario ${scenario}: ${parts.join(', ')}).`);
  } finally {
    file.close();
  }
  const arg = shellArg(path);
  ctx.note(`Use it with: gatehouse audit --sandbox ${arg}`);
  ctx.note(`         or: export GATEHOUSE_SANDBOX=${arg}`);
  ctx.note('Console-only steps: gatehouse sandbox console list');
  return 0;
}
