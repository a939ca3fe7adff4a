/**
 * @module `gatehouse init [--yes] [--force]`: starts a repository: gatehouse.yaml (imported from the
 * live organization when AWS or --sandbox is reachable, else the startup example), the GitHub
 * workflow and the CloudFormation template of the CI roles. Asks on a terminal; --yes takes the
 * defaults. Never overwrites a file without --force; ends with the next three steps.
 */

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_MEMBER_ROLE } from '../../aws/index.js';
import { APPLY_ROLE, type InitChoices, PLAN_ROLE, rolesTemplate, workflow } from '../../ci/init-templates.js';
import { ExitCode, isGatehouseError, UsageError } from '../../errors.js';
import { permissionsPolicy } from '../../permissions/index.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import type { CliContext } from '../context.js';
import { loadDesired } from '../load-config.js';
import { VERSION } from '../version.js';
import { run as importCommand } from './import.js';

export interface InitOptions {
  yes?: boolean;
  force?: boolean;
  config?: string;
  repository?: string;
  branch?: string;
  environment?: string;
}

const WORKFLOW_FILE = '.github/workflows/gatehouse.yml';
const ROLES_FILE = 'ci/gatehouse-roles.cfn.yaml';
const STARTUP_EXAMPLE = new URL('../../../examples/startup.yaml', import.meta.url);
const PLACEHOLDER_REPOSITORY = 'OWNER/REPOSITORY';

/** owner/name from the `origin` remote in .git/config, when it points at GitHub. */
function repositoryFromGit(cwd: string): string | undefined {
  const file = join(cwd, '.git', 'config');
  if (!existsSync(file)) return undefined;
  const match = /url\s*=\s*\S*github\.com[:/]([\w.-]+\/[\w.-]+?)(?:\.git)?\s*$/m.exec(readFileSync(file, 'utf8'));
  return match?.[1];
}

/** Whether there is anything to import from: a sandbox, or AWS credentials named in the environment. */
function liveReachable(ctx: CliContext): boolean {
  const e = ctx.env;
  return Boolean(
    ctx.globals.sandbox || ctx.globals.profile || e.AWS_PROFILE || e.AWS_ACCESS_KEY_ID || e.AWS_WEB_IDENTITY_TOKEN_FILE,
  );
}

async function ask(options: InitOptions, ctx: CliContext): Promise<InitOptions> {
  if (options.yes || !ctx.interactive) return options;
  const prompts = await import('@clack/prompts');
  const answer = async (message: string, initial: string) => {
    const value = await prompts.text({ message, initialValue: initial });
    if (prompts.isCancel(value)) throw new UsageError('init was cancelled; nothing was written');
    return value.trim();
  };
  prompts.intro('gatehouse init');
  const repository = await answer(
    'GitHub repository (owner/name)',
    options.repository ?? repositoryFromGit(ctx.cwd) ?? PLACEHOLDER_REPOSITORY,
  );
  const branch = await answer('Default branch (the only branch that may apply)', options.branch ?? 'main');
  const environment = await answer('GitHub environment for apply (empty: none)', options.environment ?? '');
  prompts.outro('writing the files');
  return { ...options, repository, branch, ...(environment ? { environment } : {}) };
}

export async function run(options: InitOptions, ctx: CliContext): Promise<number> {
  const chosen = await ask(options, ctx);
  const configFile = chosen.config ?? 'gatehouse.yaml';
  const files = [configFile, WORKFLOW_FILE, ROLES_FILE];
  const existing = files.filter((f) => existsSync(resolve(ctx.cwd, f)));
  if (existing.length > 0 && !chosen.force) {
    throw new UsageError(
      `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; init does not overwrite without --force`,
      {
        hints: ['gatehouse init --force (overwrites them)'],
      },
    );
  }

  const source = await writeConfig(configFile, ctx);
  const desired = await loadDesired(configFile, ctx);
  const repository = chosen.repository ?? repositoryFromGit(ctx.cwd) ?? PLACEHOLDER_REPOSITORY;
  const choices: InitChoices = {
    repository,
    defaultBranch: chosen.branch ?? 'main',
    ...(chosen.environment ? { environment: chosen.environment } : {}),
    config: configFile,
    version: VERSION,
    region: desired.identityCenter.region ?? 'us-east-1',
  };
  const policies = {
    audit: permissionsPolicy('audit', { memberAccessRole: DEFAULT_MEMBER_ROLE }),
    apply: permissionsPolicy('apply', { memberAccessRole: DEFAULT_MEMBER_ROLE }),
  };
  write(WORKFLOW_FILE, workflow(choices), ctx);
  write(ROLES_FILE, rolesTemplate(choices, policies), ctx);

  ctx.out(
    [
      `Wrote ${configFile} (${source}), ${WORKFLOW_FILE} and ${ROLES_FILE}.`,
      ...(repository === PLACEHOLDER_REPOSITORY
        ? [
            `No GitHub remote found: replace ${PLACEHOLDER_REPOSITORY} in ${ROLES_FILE} (or run init again with --repository owner/name --force).`,
          ]
        : []),
      'Next:',
      `  1. Review ${configFile}, then run \`gatehouse validate\` and \`gatehouse plan\`.`,
      `  2. Deploy the CI roles: aws cloudformation deploy --template-file ${ROLES_FILE} --stack-name gatehouse-ci --capabilities CAPABILITY_IAM`,
      `  3. Set the repository variables GATEHOUSE_PLAN_ROLE_ARN and GATEHOUSE_APPLY_ROLE_ARN to the stack outputs (${PLAN_ROLE}, ${APPLY_ROLE}), commit the three files and open a pull request.`,
    ].join('\n'),
  );
  return ExitCode.Ok;
}

function write(file: string, text: string, ctx: CliContext): void {
  const path = resolve(ctx.cwd, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, text);
}

/** Imports the live state when it can be read; otherwise (or when AWS refuses) the startup example. */
async function writeConfig(file: string, ctx: CliContext): Promise<string> {
  if (liveReachable(ctx)) {
    try {
      await importCommand({ output: file, force: true }, { ...ctx, note: () => {} });
      return 'imported from the live organization';
    } catch (error) {
      // Credentials or access missing: start from the example instead, and say why.
      if (!isGatehouseError(error) || error.exitCode !== ExitCode.Aws) throw error;
      ctx.note(`could not read AWS (${error.message}); starting from the startup example instead`);
    }
  }
  write(file, readFileSync(STARTUP_EXAMPLE, 'utf8'), ctx);
  return 'the startup example: edit the names and emails';
}
