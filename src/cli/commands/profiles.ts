/**
 * @module `gatehouse profiles [-c FILE] [--user NAME] [--write [FILE]] [--prune] [--name-pattern P]
 * [--profile-region R]`: AWS CLI profiles (an `[sso-session]` and one `[profile]` per account ×
 * permission set) built from the config or the live state — no portal calls. Printed, or merged
 * into `--write FILE` > AWS_CONFIG_FILE > ~/.aws/config inside gatehouse's marked block: every byte
 * outside the block is kept, the first change leaves `<file>.gatehouse.bak`, the write is atomic,
 * and a rerun with the same input writes nothing.
 */

import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { viewForUser } from '../../access/index.js';
import { REGION } from '../../config/limits.js';
import { ExitCode, InputFileError, UsageError } from '../../errors.js';
import {
  buildProfiles,
  DEFAULT_NAME_PATTERN,
  type MergeReport,
  mergeProfilesBlock,
  patternProblem,
  renderProfilesBlock,
} from '../../profiles/index.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import type { CliContext } from '../context.js';
import { accessView } from './access.js';

export interface ProfilesCommandOptions {
  config?: string;
  user?: string;
  /** `true` for a bare `--write`. */
  write?: string | boolean;
  prune?: boolean;
  namePattern?: string;
  profileRegion?: string;
}

/** Suffix of the one backup gatehouse keeps of a config file it changes (the first original). */
export const BACKUP_SUFFIX = '.gatehouse.bak';

function expandHome(path: string, home: string): string {
  return path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

/** Where `--write` writes: its FILE, else AWS_CONFIG_FILE, else ~/.aws/config (as the SDK and the CLI resolve it). */
export function configFilePath(write: string | true, env: NodeJS.ProcessEnv, cwd: string): string {
  const home = env.HOME || env.USERPROFILE || homedir();
  const chosen = typeof write === 'string' ? write : env.AWS_CONFIG_FILE || join(home, '.aws', 'config');
  const expanded = expandHome(chosen, home);
  return isAbsolute(expanded) ? expanded : resolve(cwd, expanded);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function describeMerge(report: MergeReport): string {
  const parts = [
    report.added.length > 0 ? `${report.added.length} added` : '',
    report.updated.length > 0 ? `${report.updated.length} updated` : '',
    report.unchanged.length > 0 ? `${report.unchanged.length} unchanged` : '',
    report.removed.length > 0 ? `${report.removed.length} removed` : '',
    report.kept.length > 0 ? `${report.kept.length} kept` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no profiles';
}

/** Reads the file as bytes in a byte-preserving string (latin1), so nothing outside the block is re-encoded. */
function readExisting(path: string, shown: string): string | null {
  if (!existsSync(path)) return null;
  if (!statSync(path).isFile()) throw new InputFileError(shown, `${shown} is not a regular file`);
  return readFileSync(path).toString('latin1');
}

export async function run(options: ProfilesCommandOptions, ctx: CliContext): Promise<number> {
  if (options.prune && !options.write) {
    throw new UsageError('--prune removes profiles from a config file: use it with --write');
  }
  if (options.namePattern !== undefined) {
    const problem = patternProblem(options.namePattern);
    if (problem) throw new UsageError(`invalid --name-pattern: ${problem}`);
  }
  if (options.profileRegion !== undefined && !REGION.test(options.profileRegion)) {
    throw new UsageError(
      `invalid --profile-region "${options.profileRegion}": expected a region name such as eu-west-1`,
    );
  }

  const { view: fullView, desired } = await accessView(ctx, options.config);
  const view = options.user ? viewForUser(fullView, options.user).view : fullView;
  const document = buildProfiles(view, {
    namePattern: options.namePattern ?? desired?.profiles.namePattern ?? DEFAULT_NAME_PATTERN,
    sessionName: desired?.profiles.sessionName ?? view.ssoSessionName,
    ...((options.profileRegion ?? desired?.profiles.region)
      ? { region: options.profileRegion ?? desired?.profiles.region }
      : {}),
  });
  const who = options.user ? ` for ${options.user}` : '';

  if (!options.write) {
    ctx.out(renderProfilesBlock(document));
    ctx.note(
      `${plural(document.profiles.length, 'profile')}${who}. Merge them into ~/.aws/config with --write; then: aws sso login --sso-session ${document.session.name}`,
    );
    return ExitCode.Ok;
  }

  const shown = configFilePath(options.write, ctx.env, ctx.cwd);
  // Write through a symlink (dotfile managers link ~/.aws/config) instead of replacing the link.
  const path = existsSync(shown) && lstatSync(shown).isSymbolicLink() ? realpathSync(shown) : shown;
  const existing = readExisting(path, shown);
  const merged = mergeProfilesBlock(existing, document, { prune: options.prune === true });
  if (!merged.ok) throw new InputFileError(shown, `${shown}: ${merged.problem}`);
  const { report } = merged;

  for (const name of report.skipped) {
    ctx.host.emit({
      type: 'log',
      level: 'warn',
      code: 'profiles.user-profile-kept',
      message: `[profile ${name}] is defined outside gatehouse's block in ${shown}; it is yours and was left as it is (not generated)`,
    });
  }
  if (report.sessionSkipped) {
    ctx.host.emit({
      type: 'log',
      level: 'warn',
      code: 'profiles.user-session-kept',
      message: `[sso-session ${document.session.name}] is defined outside gatehouse's block in ${shown}; the generated profiles use it as it is (check that it points to ${document.session.startUrl})`,
    });
  }
  if (report.kept.length > 0) {
    ctx.host.emit({
      type: 'log',
      level: 'info',
      code: 'profiles.stale-kept',
      message: `${plural(report.kept.length, 'profile')} in the block no longer ${report.kept.length === 1 ? 'applies' : 'apply'}${who} and ${report.kept.length === 1 ? 'was' : 'were'} kept (${report.kept.join(', ')}); --prune removes ${report.kept.length === 1 ? 'it' : 'them'}`,
    });
  }

  if (!merged.changed) {
    ctx.note(`${shown} is up to date (${describeMerge(report)}).`);
    return ExitCode.Ok;
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const backup = `${path}${BACKUP_SUFFIX}`;
  let backedUp = false;
  if (existing !== null && !existsSync(backup)) {
    writeFileAtomic(backup, readFileSync(path), { mode: statSync(path).mode & 0o777 });
    backedUp = true;
  }
  writeFileAtomic(path, Buffer.from(merged.text, 'latin1'), { mode: 0o600 });
  ctx.note(`Wrote ${shown}: ${describeMerge(report)}${backedUp ? `; the original is saved as ${backup}` : ''}.`);
  ctx.note(`Sign in with: aws sso login --sso-session ${document.session.name}`);
  return ExitCode.Ok;
}
