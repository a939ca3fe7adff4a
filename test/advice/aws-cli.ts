/**
 * @module Runs the AWS CLI lines a check's `remediation.cli` gives, against a session (the sandbox),
 * by the CLI's own rules: `aws <service> <kebab-operation> --kebab-param value` is the API call
 * <PascalOperation>(<PascalParam>: value); a flag without a value is `true`; placeholders
 * (USER_NAME, …) are filled from `values`. Only what the advice texts use is supported.
 */

import type { AwsSession } from '../../src/aws/index.js';

/** Operation names whose API spelling is not the kebab name in Pascal case. */
const OPERATION_NAMES: Record<string, string> = {
  'enable-aws-service-access': 'EnableAWSServiceAccess',
};
const SERVICES: Record<string, string> = {
  iam: 'iam',
  organizations: 'organizations',
  account: 'account',
  'sso-admin': 'sso-admin',
};
const NUMBER_PARAMS = new Set(['MinimumPasswordLength', 'PasswordReusePrevention', 'MaxPasswordAge']);

function pascal(kebab: string): string {
  return kebab
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** Shell words of one command line: double quotes group, backslash-newline continues. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

/** The commands of a `remediation.cli` text (continuations joined, comments dropped). */
export function commandsOf(cli: string): string[] {
  return cli
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l !== '');
}

/** Runs one `aws …` command line; throws for anything it cannot translate (the test then fails). */
export async function runAwsCommand(
  session: AwsSession,
  line: string,
  values: Record<string, string> = {},
  region = 'us-east-1',
): Promise<void> {
  const filled = line.replace(/\b[A-Z][A-Z_]+[A-Z]\b/g, (p) => values[p] ?? p);
  const [aws, service, operation, ...rest] = words(filled);
  if (aws !== 'aws' || !service || !operation || !SERVICES[service]) throw new Error(`not an AWS CLI line: ${line}`);
  const input: Record<string, unknown> = {};
  for (let i = 0; i < rest.length; i += 1) {
    const flag = rest[i] as string;
    if (!flag.startsWith('--')) throw new Error(`unexpected word "${flag}" in: ${line}`);
    const name = pascal(flag.slice(2));
    const next = rest[i + 1];
    if (next === undefined || next.startsWith('--')) input[name] = true;
    else {
      input[name] = NUMBER_PARAMS.has(name) ? Number(next) : next;
      i += 1;
    }
  }
  const op = OPERATION_NAMES[operation] ?? pascal(operation);
  await (session.call as (s: string, o: string, i: unknown, opt: { region: string }) => Promise<unknown>)(
    SERVICES[service] as string,
    op,
    input,
    { region },
  );
}
