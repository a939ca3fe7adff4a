/**
 * @module `gatehouse ci github <validate|plan|reviewed-plan|apply|audit|drift>`: what the GitHub Action runs
 * (see src/ci/flows.ts). Reads the runner's GITHUB_* environment; the token only from GITHUB_TOKEN.
 */

import { type CiCommand, runGitHubFlow } from '../../ci/flows.js';
import type { FailOn } from '../../report/index.js';
import type { CliContext } from '../context.js';

export interface CiCommandOptions {
  command: CiCommand;
  config?: string;
  planFile: string;
  autoApprove?: boolean;
  failOn: FailOn;
  sarif: string;
}

export function run(options: CiCommandOptions, ctx: CliContext): Promise<number> {
  return runGitHubFlow(
    options.command,
    {
      ...(options.config ? { config: options.config } : {}),
      planFile: options.planFile,
      autoApprove: options.autoApprove === true,
      failOn: options.failOn,
      sarifFile: options.sarif,
    },
    ctx,
  );
}
