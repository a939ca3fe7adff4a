/**
 * @module Where a command's AWS calls go: real AWS through the SDK's credential chain, or a sandbox
 * state file (`--sandbox FILE` / GATEHOUSE_SANDBOX) served in-process. Commands open one
 * environment, use its session, and close it (which writes the sandbox state and frees its lock).
 */

import { type AwsSession, createAwsSession, isKnownRegion, type Limits } from '../aws/index.js';
import { REGION } from '../config/limits.js';
import { SandboxError, UsageError } from '../errors.js';
import type { Host } from '../events/events.js';
import { openSandboxFile, type SandboxFile } from '../sandbox/index.js';
import type { Clock } from '../util/clock.js';
import { registerSecret } from '../util/redact.js';

export interface EnvironmentOptions {
  /** Sandbox state file; absent = real AWS. */
  sandbox?: string;
  profile?: string;
  /** `--region`: the Identity Center region override. */
  region?: string;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  host: Host;
  limits?: Partial<Limits>;
}

export interface Environment {
  readonly session: AwsSession;
  /** The open sandbox file, in sandbox mode. */
  readonly sandboxFile?: SandboxFile;
  /** Releases clients, writes the sandbox state and frees its lock. Safe to call twice. */
  close(): void;
}

/**
 * Refuses a malformed `--region` before anything is called (it would end up in an endpoint host
 * name), and warns about a well-formed one gatehouse does not know (a typo, or a region newer than
 * this gatehouse).
 */
export function checkRegionOption(region: string | undefined, host: Host): void {
  if (region === undefined) return;
  if (!REGION.test(region)) {
    throw new UsageError(`invalid --region "${region}": expected an AWS region name such as eu-west-1`);
  }
  if (!isKnownRegion(region)) {
    host.emit({
      type: 'log',
      level: 'warn',
      code: 'environment.unknown-region',
      message: `--region ${region} is not an AWS region gatehouse knows (a typo? IAM Identity Center regions look like eu-west-1, us-east-2)`,
    });
  }
}

export async function openEnvironment(options: EnvironmentOptions): Promise<Environment> {
  checkRegionOption(options.region, options.host);
  const deps = { clock: options.clock, host: options.host, env: options.env, limits: options.limits };
  if (!options.sandbox) {
    const session = createAwsSession({ mode: 'aws', profile: options.profile, region: options.region }, deps);
    return { session, close: () => session.destroy() };
  }
  if (options.profile) {
    options.host.emit({
      type: 'log',
      level: 'warn',
      code: 'environment.profile-ignored',
      message: `--profile ${options.profile} is ignored with --sandbox (the sandbox issues its own credentials)`,
    });
  }
  const file = await openSandboxFile(options.sandbox, { clock: options.clock });
  const credentials = file.sandbox.defaultCredentials();
  if (!credentials) {
    file.close();
    throw new SandboxError(`the sandbox state ${file.path} has no default credentials`, {
      hints: ['recreate it with `gatehouse sandbox create --scenario NAME --force`'],
    });
  }
  registerSecret(credentials.secretAccessKey);
  registerSecret(credentials.sessionToken);
  registerSecret(credentials.accessKeyId);
  if (file.sandbox.clockShiftMs > 0) {
    options.host.emit({
      type: 'log',
      level: 'warn',
      code: 'environment.sandbox-clock-ahead',
      message: `the sandbox state ${file.path} was last changed ${formatShift(file.sandbox.clockShiftMs)} ahead of this clock; its time runs on from there`,
    });
  }
  let session: AwsSession;
  try {
    // One time for the engine and the sandbox: the sandbox's, which never runs earlier than its state.
    const sandboxDeps = { ...deps, clock: file.sandbox.clock };
    session = createAwsSession(
      { mode: 'sandbox', endpoint: file.sandbox, credentials, region: options.region },
      sandboxDeps,
    );
  } catch (error) {
    file.close();
    throw error;
  }
  let closed = false;
  return {
    session,
    sandboxFile: file,
    close: () => {
      if (closed) return;
      closed = true;
      session.destroy();
      file.close();
    },
  };
}

function formatShift(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}
