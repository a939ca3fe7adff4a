/**
 * @module `gatehouse import [-o FILE] [--force]`: reads the live Identity Center and organization and
 * writes a gatehouse.yaml that reproduces them — to stdout, or atomically to FILE (an existing file
 * is only replaced with --force). The text is checked with the config loader before it is written:
 * what import writes always passes `gatehouse validate`.
 */

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkIds } from '../../checks/index.js';
import { checkConfigText, renderConfigYaml } from '../../config/index.js';
import { ExitCode, InternalError, UsageError } from '../../errors.js';
import { IMPORT_FACTS, type ImportStats, importConfig } from '../../import/index.js';
import { collect } from '../../observe/collect.js';
import { openEnvironment } from '../../runtime/environment.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import type { CliContext } from '../context.js';
import { checkOutputPath, isStdoutPath } from '../output-file.js';

export interface ImportCommandOptions {
  output?: string;
  force?: boolean;
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "imported 3 permission sets, 12 users, 4 groups, 40 assignments as 6 rules". */
export function importSummary(stats: ImportStats): string {
  const parts = [
    count(stats.permissionSets, 'permission set'),
    count(stats.users, 'user'),
    count(stats.groups, 'group'),
    `${count(stats.assignments, 'assignment')} as ${count(stats.rules, 'rule')}`,
  ];
  const references =
    stats.references > 0 ? ` (${stats.references} permission set(s) as managed: false references)` : '';
  return `imported ${parts.join(', ')}${references}`;
}

/** A missing directory is the user's to fix, not an internal error. */
function refuseOverwrite(path: string, shown: string): void {
  if (existsSync(path)) {
    throw new UsageError(`${shown} already exists; import does not overwrite it without --force`, {
      hints: [`gatehouse import -o ${shown} --force`],
    });
  }
}

export async function run(options: ImportCommandOptions, ctx: CliContext): Promise<number> {
  if (options.output) checkOutputPath(options.output, ctx.cwd);
  const target =
    options.output && !isStdoutPath(options.output, ctx.cwd) ? resolve(ctx.cwd, options.output) : undefined;
  if (target && !options.force) refuseOverwrite(target, options.output!);

  const env = await openEnvironment({
    sandbox: ctx.globals.sandbox,
    profile: ctx.globals.profile,
    region: ctx.globals.region,
    env: ctx.env,
    clock: ctx.clock,
    host: ctx.host,
  });
  let snapshot: Awaited<ReturnType<typeof collect>>;
  try {
    snapshot = await collect({
      session: env.session,
      facts: IMPORT_FACTS,
      host: ctx.host,
      ...(ctx.globals.region ? { identityCenterRegion: ctx.globals.region } : {}),
    });
  } finally {
    env.close();
  }

  const result = importConfig(snapshot);
  const text = renderConfigYaml(result.config, result.comments);
  const shownFile = options.output ?? 'gatehouse.yaml';
  const check = await checkConfigText(text, shownFile, {
    cwd: ctx.cwd,
    now: ctx.clock.now(),
    knownCheckIds: new Set(checkIds()),
  });
  const errors = check.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new InternalError(
      `import produced a config that does not validate (${errors.length} error(s)); first: ${errors[0]!.path ?? ''} ${errors[0]!.message}`,
    );
  }

  if (target) {
    if (!options.force) refuseOverwrite(target, options.output!);
    writeFileAtomic(target, text);
    ctx.note(`Wrote ${options.output}: ${importSummary(result.stats)}.`);
  } else {
    ctx.out(text);
    ctx.note(`${importSummary(result.stats)}.`);
  }
  const notExpressed = result.stats.notExpressed.length;
  if (notExpressed > 0) {
    ctx.host.emit({
      type: 'log',
      level: 'warn',
      code: 'import.not-expressed',
      message: `${count(notExpressed, 'live item')} could not be expressed in the config; each is listed in a comment at the top of the file`,
    });
  }
  const incomplete = result.stats.incompleteUsers;
  if (incomplete.length > 0) {
    ctx.host.emit({
      type: 'log',
      level: 'warn',
      code: 'import.incomplete-users',
      message: `${count(incomplete.length, 'user')} ${incomplete.length === 1 ? 'lacks' : 'lack'} an email, given or family name and ${incomplete.length === 1 ? 'was' : 'were'} not written: ${incomplete.join(', ')}`,
    });
  }
  ctx.note(`Next: gatehouse plan -c ${options.output ?? 'gatehouse.yaml'} (it should show no changes).`);
  return ExitCode.Ok;
}
