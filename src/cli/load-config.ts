/** @module Loading the config for a command: the file named, or ./gatehouse.yaml, or (for audit) the built-in baseline; warnings go to the host. */

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkIds } from '../checks/index.js';
import { defaultBaseline, loadConfig } from '../config/index.js';
import { InputFileError, UsageError } from '../errors.js';
import type { DesiredState } from '../model/desired.js';
import type { CliContext } from './context.js';
import { formatDiagnostic } from './format-diagnostic.js';

export const DEFAULT_CONFIG_FILE = 'gatehouse.yaml';
/** Also found when gatehouse.yaml is absent (the other spelling people use for YAML). */
export const ALTERNATE_CONFIG_FILE = 'gatehouse.yml';

/** The config file a command reads when none is named: gatehouse.yaml, else gatehouse.yml. */
export function defaultConfigFile(cwd: string): string {
  if (!existsSync(resolve(cwd, DEFAULT_CONFIG_FILE)) && existsSync(resolve(cwd, ALTERNATE_CONFIG_FILE))) {
    return ALTERNATE_CONFIG_FILE;
  }
  return DEFAULT_CONFIG_FILE;
}

/** A default config that does not exist gets the three ways to start one, instead of a bare "not found". */
export function withStartHints(error: unknown, file: string): unknown {
  const missing = (error as { cause?: { code?: unknown } }).cause?.code === 'ENOENT';
  if (
    !(error instanceof InputFileError) ||
    !missing ||
    (file !== DEFAULT_CONFIG_FILE && file !== ALTERNATE_CONFIG_FILE)
  ) {
    return error;
  }
  return new InputFileError(file, `${error.message} (nor ${ALTERNATE_CONFIG_FILE})`, {
    cause: error,
    hints: [
      'start one: `gatehouse init` (config, GitHub workflow and CI roles)',
      'or write one from what is live: `gatehouse import -o gatehouse.yaml`',
      'or copy an example: examples/startup.yaml in the gatehouse-aws package',
    ],
  });
}

/** Loads and validates a config; throws ConfigError / InputFileError (exit 2). Warnings are logged. */
export async function loadDesired(file: string, ctx: CliContext): Promise<DesiredState> {
  let loaded: Awaited<ReturnType<typeof loadConfig>>;
  try {
    loaded = await loadConfig(file, { cwd: ctx.cwd, knownCheckIds: new Set(checkIds()) });
  } catch (error) {
    throw withStartHints(error, file);
  }
  const { desired, warnings } = loaded;
  for (const w of warnings)
    ctx.host.emit({ type: 'log', level: 'warn', code: `config.${w.code}`, message: formatDiagnostic(w) });
  refuseRegionConflict(desired, file, ctx.globals.region);
  return desired;
}

/**
 * `--region` overrides where Identity Center is looked for; when the config names another region,
 * every answer would be about the wrong region ("no instance", a manual step to enable one), so
 * the contradiction is refused (exit 2) before AWS is called.
 */
function refuseRegionConflict(desired: DesiredState, file: string, region: string | undefined): void {
  const configured = desired.identityCenter.region;
  if (region === undefined || configured === undefined || region === configured) return;
  throw new UsageError(`--region ${region} contradicts identityCenter.region ${configured} in ${file}`, {
    hints: [`leave out --region (gatehouse uses ${configured}), or change identityCenter.region in ${file}`],
  });
}

/**
 * The config for commands where one is optional (audit): `-c FILE` when given, else ./gatehouse.yaml
 * when present, else the built-in Day-1 baseline (announced, so nobody mistakes it for their config).
 */
export async function loadDesiredOrBaseline(file: string | undefined, ctx: CliContext): Promise<DesiredState> {
  if (file) return loadDesired(file, ctx);
  const found = defaultConfigFile(ctx.cwd);
  if (existsSync(resolve(ctx.cwd, found))) return loadDesired(found, ctx);
  ctx.host.emit({
    type: 'log',
    level: 'info',
    code: 'config.built-in-baseline',
    message:
      'No gatehouse.yaml here: judging against the built-in Day-1 baseline (root MFA, no root keys, organization instance of Identity Center, Admin and PowerUser permission sets).',
  });
  return defaultBaseline();
}
