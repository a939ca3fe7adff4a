/**
 * @module `gatehouse access [-c FILE] [--format text|csv|json|html] [-o FILE] [--user NAME]
 * [--onboarding]`: who can reach which account with which permission set, through which group —
 * from the live state, or with `-c` from the config (what is true after apply; only the
 * organization tree and the instance are read then). `--user NAME --onboarding` prints the note to
 * send a new person.
 */

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type AccessView,
  computeConfigAccess,
  computeLiveAccess,
  configAccessFacts,
  liveAccessFacts,
  renderAccessCsv,
  renderAccessHtml,
  renderAccessJson,
  renderAccessText,
  renderOnboarding,
  viewForUser,
} from '../../access/index.js';
import { ExitCode, UsageError } from '../../errors.js';
import type { DesiredState } from '../../model/desired.js';
import { collect } from '../../observe/collect.js';
import type { OrgFactId, Snapshot } from '../../observe/snapshot.js';
import { openEnvironment } from '../../runtime/environment.js';
import type { CliContext } from '../context.js';
import { defaultConfigFile, loadDesired } from '../load-config.js';
import { checkOutputPath, writeOutput } from '../output-file.js';

export type AccessFormat = 'text' | 'csv' | 'json' | 'html';

export interface AccessCommandOptions {
  config?: string;
  format?: AccessFormat;
  output?: string;
  user?: string;
  onboarding?: boolean;
}

/** Reads `facts` through the environment the global options name (sandbox or AWS). */
export async function observeFacts(ctx: CliContext, facts: readonly OrgFactId[], region?: string): Promise<Snapshot> {
  const env = await openEnvironment({
    sandbox: ctx.globals.sandbox,
    profile: ctx.globals.profile,
    region: ctx.globals.region,
    env: ctx.env,
    clock: ctx.clock,
    host: ctx.host,
  });
  try {
    const identityCenterRegion = region ?? ctx.globals.region;
    return await collect({
      session: env.session,
      facts,
      host: ctx.host,
      ...(identityCenterRegion ? { identityCenterRegion } : {}),
    });
  } finally {
    env.close();
  }
}

/**
 * The access view from the config (`-c`) or the live state. Without `-c`, a ./gatehouse.yaml still
 * counts for what it settles (the Identity Center region, so no region search and no advice to set
 * it; the profile settings), while the view stays the live state.
 */
export async function accessView(
  ctx: CliContext,
  configFile: string | undefined,
): Promise<{ view: AccessView; desired?: DesiredState }> {
  if (configFile) {
    const desired = await loadDesired(configFile, ctx);
    const snapshot = await observeFacts(ctx, configAccessFacts(desired), desired.identityCenter.region);
    return { view: computeConfigAccess(desired, snapshot), desired };
  }
  const localFile = defaultConfigFile(ctx.cwd);
  const local = existsSync(resolve(ctx.cwd, localFile)) ? await loadDesired(localFile, ctx) : undefined;
  const snapshot = await observeFacts(ctx, liveAccessFacts(), local?.identityCenter.region);
  return { view: computeLiveAccess(snapshot), ...(local ? { desired: local } : {}) };
}

export function renderAccess(view: AccessView, format: AccessFormat): string {
  switch (format) {
    case 'text':
      return renderAccessText(view);
    case 'csv':
      return renderAccessCsv(view);
    case 'json':
      return renderAccessJson(view);
    case 'html':
      return renderAccessHtml(view);
  }
}

export async function run(options: AccessCommandOptions, ctx: CliContext): Promise<number> {
  const format = options.format ?? 'text';
  if (!['text', 'csv', 'json', 'html'].includes(format)) {
    throw new UsageError(`unknown format "${format}": choose text, csv, json or html`);
  }
  if (options.onboarding && !options.user) {
    throw new UsageError('--onboarding needs --user NAME: the note is written for one person');
  }
  if (options.onboarding && format !== 'text') {
    throw new UsageError('--onboarding writes a plain-text note; leave out --format');
  }

  if (options.output) checkOutputPath(options.output, ctx.cwd);
  let { view } = await accessView(ctx, options.config);
  let text: string;
  if (options.user) {
    const selected = viewForUser(view, options.user);
    view = selected.view;
    text = options.onboarding ? renderOnboarding(view, selected.user) : renderAccess(view, format);
  } else {
    text = renderAccess(view, format);
  }

  if (options.output) {
    if (writeOutput(ctx, options.output, text) === 'file')
      ctx.note(
        `Wrote ${options.onboarding ? 'the onboarding note' : `the ${format} access view`} to ${options.output}`,
      );
  } else {
    ctx.out(text);
  }
  return ExitCode.Ok;
}
