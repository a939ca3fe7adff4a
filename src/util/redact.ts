/**
 * @module Last line of defence against printing credentials: every text gatehouse writes to a
 * terminal, a log or a file passes through `redact`, which removes known secret values and
 * anything shaped like an AWS access key id.
 */

const registered = new Set<string>();

/** Remembers a secret value (a secret key, a session token) so that it is never printed. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 8) registered.add(value);
}

/** Registers the secrets the SDK's environment credential provider would use. */
export function registerEnvironmentSecrets(env: NodeJS.ProcessEnv): void {
  registerSecret(env.AWS_SECRET_ACCESS_KEY);
  registerSecret(env.AWS_SESSION_TOKEN);
  registerSecret(env.AWS_SECURITY_TOKEN);
  registerSecret(env.AWS_ACCESS_KEY_ID);
  registerSecret(env.GATEHOUSE_PLAN_KEY);
}

// Access key ids only (long-term AKIA, temporary ASIA). Unique ids of roles and users (AROA, AIDA)
// are not secrets and legitimately appear in policies (aws:userid conditions), so they are kept.
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g;

export function redact(text: string): string {
  let result = text;
  for (const secret of registered) {
    if (result.includes(secret)) result = result.split(secret).join('***');
  }
  return result.replace(ACCESS_KEY_ID, (m) => `${m.slice(0, 4)}…`);
}
