/**
 * @module Credentials: the SDK's default chain for real AWS, static (or environment) keys for the
 * sandbox, and assumed-role credentials for member accounts. Every secret that passes through is
 * registered with `redact` so it can never be printed.
 */

import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { registerSecret } from '../util/redact.js';
import type { Credentials, CredentialsProvider } from './clients.js';

/** Credentials are refreshed this long before they expire. */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

function register(credentials: Credentials): Credentials {
  registerSecret(credentials.secretAccessKey);
  registerSecret(credentials.sessionToken);
  return credentials;
}

/**
 * Resolves credentials once and shares them between every client, until they are about to
 * expire (wall-clock time: expiry is what AWS enforces). A failure is not cached.
 */
export function memoizeCredentials(
  provider: () => Promise<Credentials>,
  now: () => number = Date.now,
): CredentialsProvider {
  let current: Credentials | undefined;
  let pending: Promise<Credentials> | undefined;
  const fresh = (c: Credentials) => !c.expiration || c.expiration.getTime() - now() > REFRESH_BEFORE_EXPIRY_MS;
  return async () => {
    if (current && fresh(current)) return current;
    pending ??= provider()
      .then((c) => {
        current = register(c);
        return c;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

/**
 * The SDK's default credential chain (environment, SSO, shared files, process, web identity,
 * container and instance roles), for `profile` or AWS_PROFILE.
 */
export function defaultChainCredentials(profile: string | undefined): CredentialsProvider {
  const chain = fromNodeProviderChain(profile === undefined ? {} : { profile });
  return memoizeCredentials(async () => {
    try {
      return await chain();
    } catch (error) {
      // The SDK's chain says only "Could not load credentials from any providers" for a typo.
      const named = profile ?? (process.env.AWS_PROFILE || undefined);
      if (named !== undefined && !(await profileDefined(named))) throw unknownProfile(named);
      throw error;
    }
  });
}

async function profileDefined(name: string): Promise<boolean> {
  try {
    const files = await loadSharedConfigFiles();
    return Object.hasOwn(files.configFile, name) || Object.hasOwn(files.credentialsFile, name);
  } catch {
    return true; // Unreadable files: the SDK's own error says more.
  }
}

/** Named like the SDK's provider errors (CredentialsProviderError): the profile and the files searched. */
function unknownProfile(name: string): Error {
  const config = process.env.AWS_CONFIG_FILE || '~/.aws/config';
  const credentials = process.env.AWS_SHARED_CREDENTIALS_FILE || '~/.aws/credentials';
  const error = new Error(`the profile "${name}" is not defined in ${config} or ${credentials}`);
  error.name = 'CredentialsProviderError';
  return error;
}

export interface StaticKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * Sandbox credentials: the environment's keys when AWS_ACCESS_KEY_ID is set (so tests can run the
 * CLI with marker credentials, as the SDK's env provider would), else the given static keys.
 */
export function sandboxCredentials(keys: StaticKeys, env: NodeJS.ProcessEnv): CredentialsProvider {
  const fromEnv = env.AWS_ACCESS_KEY_ID
    ? {
        accessKeyId: env.AWS_ACCESS_KEY_ID,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
        ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
      }
    : undefined;
  const chosen: Credentials = register(
    fromEnv ?? {
      accessKeyId: keys.accessKeyId,
      secretAccessKey: keys.secretAccessKey,
      ...(keys.sessionToken ? { sessionToken: keys.sessionToken } : {}),
    },
  );
  return async () => chosen;
}
