/** @module The command line: arguments, the host, lazily loaded commands, errors mapped to exit codes. */

import { Argument, Command, Option } from '@commander-js/extra-typings';
import { diagnosticToWorkflowCommand, inGitHubActions } from '../ci/workflow-commands.js';
import { ConfigError, ExitCode } from '../errors.js';
import { systemClock } from '../util/clock.js';
import { registerEnvironmentSecrets } from '../util/redact.js';
import type { CliContext, GlobalOptions } from './context.js';
import { reportError } from './report-error.js';
import { createTerminalHost } from './terminal-host.js';
import { terminalText } from './terminal-text.js';
import { VERSION } from './version.js';

type Opts = Record<string, unknown>;
/** A command module; its `run` takes the options commander parsed for it (declared below). */
type CommandModule = { run(options: never, ctx: CliContext): Promise<number> };

function globalsFrom(program: Command<[], Opts>, env: NodeJS.ProcessEnv): GlobalOptions {
  const o = program.opts() as Opts;
  const noColor = o.color === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '');
  return {
    profile: o.profile as string | undefined,
    region: o.region as string | undefined,
    sandbox: (o.sandbox as string | undefined) ?? (env.GATEHOUSE_SANDBOX || undefined),
    color: !noColor,
    quiet: o.quiet === true,
    debug: o.debug === true,
  };
}

function buildContext(globals: GlobalOptions): CliContext {
  const env = process.env;
  // Known before any command runs, so that even commands that never open a session cannot print them.
  registerEnvironmentSecrets(env);
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY) && !env.CI;
  const stderrColor = globals.color && Boolean(process.stderr.isTTY || env.FORCE_COLOR);
  const host = createTerminalHost({
    stream: process.stderr,
    color: stderrColor,
    quiet: globals.quiet,
    debug: globals.debug,
    interactive,
  });
  return {
    host,
    // Like every other text gatehouse prints, results and notes pass through `terminalText`
    // (redacted, control characters shown as escape text): the last line of defence.
    out: (text) => {
      process.stdout.write(terminalText(text.endsWith('\n') ? text : `${text}\n`));
    },
    note: (text) => {
      if (!globals.quiet) process.stderr.write(terminalText(text.endsWith('\n') ? text : `${text}\n`));
    },
    stdoutColor: globals.color && Boolean(process.stdout.isTTY || env.FORCE_COLOR),
    interactive,
    globals,
    env,
    cwd: process.cwd(),
    clock: systemClock,
  };
}

/** Runs a command module, loaded only when its command is chosen (keeps `--help` fast). */
function action(program: Command<[], Opts>, load: () => Promise<CommandModule>, extra?: (args: unknown[]) => Opts) {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as { opts(): Opts };
    const globals = globalsFrom(program, process.env);
    let exitCode: number = ExitCode.Internal;
    try {
      const ctx = buildContext(globals);
      const mod = await load();
      const run = mod.run as (options: Opts, ctx: CliContext) => Promise<number>;
      exitCode = await run({ ...cmd.opts(), ...(extra ? extra(args.slice(0, -2)) : {}) }, ctx);
    } catch (error) {
      // In a GitHub Actions job, config problems of any command (plan, audit, apply) also show inline on the PR.
      if (error instanceof ConfigError && inGitHubActions(process.env)) {
        for (const d of error.diagnostics) process.stdout.write(terminalText(`${diagnosticToWorkflowCommand(d)}\n`));
      }
      exitCode = reportError(error, { color: globals.color && Boolean(process.stderr.isTTY), debug: globals.debug });
    }
    process.exitCode = exitCode;
  };
}

export function buildProgram(): Command<[], Opts> {
  const program = new Command()
    .name('gatehouse')
    .description('The Day-1 access baseline of an AWS organization, as code.')
    .version(VERSION, '-V, --version')
    .option('--profile <name>', 'AWS profile (default: the SDK credential chain)')
    .option('--region <name>', 'AWS region for Identity Center calls (default: the config, else probed)')
    .option('--sandbox <file>', 'run against a sandbox state file instead of AWS (or GATEHOUSE_SANDBOX)')
    .option('--no-color', 'no ANSI colours (also NO_COLOR)')
    .option('-q, --quiet', 'only results and errors')
    .option('--debug', 'debug logs and stack traces')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (text, write) => write(text) }) as unknown as Command<[], Opts>;

  program.exitOverride();

  program
    .command('validate')
    .description('check a config file: exit 0 when valid, 2 with every problem listed')
    .option('-c, --config <file>', 'config file', 'gatehouse.yaml')
    .addOption(
      new Option('--format <format>', 'diagnostics format (default: text, plus github inside GitHub Actions)').choices([
        'text',
        'json',
        'github',
      ]),
    )
    .action(action(program, () => import('./commands/validate.js')));

  program
    .command('audit')
    .description('judge the organization against the baseline (the config, or the built-in default)')
    .option('-c, --config <file>', 'config file (default: gatehouse.yaml when present, else the built-in baseline)')
    .addOption(
      new Option('--format <format>', 'report format')
        .choices(['text', 'json', 'md', 'junit', 'html', 'sarif'])
        .default('text'),
    )
    .option('-o, --output <file>', 'write the report to FILE (atomically) instead of stdout')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity fails')
        .choices(['critical', 'high', 'medium', 'low', 'info', 'never'])
        .default('high'),
    )
    .option('--check <ids...>', 'only these checks (ids or area prefixes such as root.)')
    .option('--accounts <ids...>', 'also run account-level checks in member accounts: all, or account ids')
    .option('--save-snapshot <file>', 'save the observed facts to FILE')
    .option('--all', 'list every check in the text report, passes included')
    .option('--snapshot <file>', 'judge a saved snapshot instead of reading AWS')
    .action(action(program, () => import('./commands/audit.js')));

  program
    .command('plan')
    .description('show what apply would change to make AWS match the config')
    .option('-c, --config <file>', 'config file', 'gatehouse.yaml')
    .option(
      '-o, --out <file>',
      'save the plan document (JSON) to FILE for a later apply (signed when GATEHOUSE_PLAN_KEY is set)',
    )
    .addOption(
      new Option('--format <format>', 'output format (markdown: a pull-request comment)')
        .choices(['text', 'json', 'markdown'])
        .default('text'),
    )
    .option('--detailed-exitcode', 'exit 1 when there are changes to apply, 0 when none')
    .option('--prune', 'also delete what gatehouse does not manage but the config does not name')
    .action(action(program, () => import('./commands/plan.js')));

  program
    .command('apply')
    .description('apply a saved plan, or plan and apply the config')
    .argument('[plan]', 'a plan saved with `plan -o`')
    .option('-c, --config <file>', 'config file; a saved plan must be what it plans (default: gatehouse.yaml)')
    .option('-y, --yes', 'do not ask for confirmation (CI)')
    .option('--prune', 'also delete what gatehouse does not manage but the config does not name')
    .option('--allow-lockout', 'allow a plan that removes the last administrative path or your own')
    .option('--allow-destroy', 'allow a plan that deletes more than safety.maxDestroy (default 25) resources')
    .action(
      action(
        program,
        () => import('./commands/apply.js'),
        ([plan]) => ({ plan }),
      ),
    );

  program
    .command('import')
    .description('write a gatehouse.yaml that reproduces the live Identity Center and organization')
    .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
    .option('--force', 'overwrite an existing output file')
    .action(action(program, () => import('./commands/import.js')));

  program
    .command('access')
    .description('who can reach which account with which permission set')
    .option('-c, --config <file>', 'answer from the config (after apply) instead of the live state')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'csv', 'json', 'html']).default('text'),
    )
    .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
    .option('--user <name>', 'only this person')
    .option('--onboarding', 'with --user: the note to send a new person')
    .action(action(program, () => import('./commands/access.js')));

  program
    .command('profiles')
    .description('AWS CLI profiles (sso-session + one profile per account and permission set) for a person')
    .option('-c, --config <file>', 'build from the config instead of the live state')
    .option('--user <name>', 'the person (default: every profile in the organization)')
    .option('--write [file]', 'merge into ~/.aws/config (or AWS_CONFIG_FILE, or FILE) instead of printing')
    .option('--prune', 'with --write: remove generated profiles that no longer apply')
    .option('--name-pattern <pattern>', 'profile name pattern, tokens {account} {accountId} {permissionSet}')
    .option('--profile-region <region>', 'default region written into each profile')
    .action(action(program, () => import('./commands/profiles.js')));

  program
    .command('permissions')
    .description('the least-privilege IAM policy gatehouse needs')
    .addOption(new Option('--for <use>', 'what the policy is for').choices(['audit', 'apply']).makeOptionMandatory())
    .action(action(program, () => import('./commands/permissions.js')));

  program
    .command('explain')
    .description("print a check's documentation")
    .argument('<check>', 'check id, e.g. root.mfa-enabled')
    .action(
      action(
        program,
        () => import('./commands/explain.js'),
        ([check]) => ({ check }),
      ),
    );

  const sandbox = program.command('sandbox').description('the built-in emulated AWS');
  sandbox
    .command('create')
    .description('create a sandbox state file from a scenario')
    .addOption(
      new Option('--scenario <name>', 'scenario')
        .choices(['fresh', 'day1', 'org', 'delegated', 'large'])
        .makeOptionMandatory(),
    )
    .option(
      '--state <file>',
      'state file, like --sandbox FILE (default: GATEHOUSE_SANDBOX or ./gatehouse-sandbox.json)',
    )
    .option('--force', 'overwrite an existing state file')
    .option('--seed <n>', 'seed for generated scenarios')
    .option('--size <spec>', 'large scenario sizes, e.g. accounts=1000,assignments=20000')
    .action(action(program, () => import('./commands/sandbox-create.js')));
  sandbox
    .command('console')
    .description('perform in the sandbox what AWS allows only in the console')
    .argument('<step>', 'a step from `gatehouse sandbox console list` (e.g. enable-organization-instance)')
    .option(
      '--state <file>',
      'state file, like --sandbox FILE (default: GATEHOUSE_SANDBOX or ./gatehouse-sandbox.json)',
    )
    .option('--account <id>', 'account (default: the management account)')
    .option('--region <name>', 'region for enable-organization-instance', 'eu-west-1')
    .option('--user <name>', 'IAM user for disable-iam-user-console-access')
    .action(
      action(
        program,
        () => import('./commands/sandbox-console.js'),
        ([step]) => ({ step }),
      ),
    );

  program
    .command('init')
    .description('start a repository: gatehouse.yaml, the GitHub workflow and the CI roles (CloudFormation)')
    .option('-y, --yes', 'take the defaults without asking')
    .option('--force', 'overwrite existing files')
    .option('-c, --config <file>', 'config file to write', 'gatehouse.yaml')
    .option('--repository <owner/name>', 'the GitHub repository the CI roles trust (default: the origin remote)')
    .option('--branch <name>', 'the default branch, the only one that may apply', 'main')
    .option('--environment <name>', 'a GitHub environment the apply job must run in')
    .action(action(program, () => import('./commands/init.js')));

  const ci = program.command('ci').description('run gatehouse in CI');
  ci.command('github')
    .description('the GitHub Action: job summary, one PR comment, one drift issue, step outputs')
    .addArgument(
      new Argument('<command>', 'what to run').choices([
        'validate',
        'plan',
        'reviewed-plan',
        'apply',
        'audit',
        'drift',
      ]),
    )
    .option('-c, --config <file>', 'config file (default: gatehouse.yaml)')
    .option(
      '--plan-file <file>',
      'plan: where to save the plan; apply: the reviewed plan to apply',
      'gatehouse-plan.json',
    )
    .option('--auto-approve', 'apply: plan and apply at once instead of applying the reviewed plan file')
    .addOption(
      new Option('--fail-on <severity>', 'audit and drift: findings at or above this severity count')
        .choices(['critical', 'high', 'medium', 'low', 'info', 'never'])
        .default('high'),
    )
    .option('--sarif <file>', 'audit: where to write the SARIF log for code scanning', 'gatehouse.sarif')
    .action(
      action(
        program,
        () => import('./commands/ci.js'),
        ([command]) => ({ command }),
      ),
    );

  program
    .command('demo')
    .description('walk the Day-1 path on a fresh sandbox: audit, plan, console steps, apply, audit again')
    .option('--dir <dir>', 'where to keep the sandbox state and the report', '.')
    .action(action(program, () => import('./commands/demo.js')));

  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const code = (error as { code?: string; exitCode?: number }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') {
      process.exitCode = 0;
      return;
    }
    if (typeof code === 'string' && code.startsWith('commander.')) {
      process.exitCode = ExitCode.Usage;
      return;
    }
    process.exitCode = reportError(error, { color: false, debug: process.argv.includes('--debug') });
  }
}
