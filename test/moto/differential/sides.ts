/**
 * @module The two sides of the differential suite: the built-in sandbox in process (real SDK v3
 * clients through `installSandboxTransport`, on a virtual clock) and moto over HTTP (the same
 * clients with `endpoint`). Both act as the `Admin/gatehouse` role session of account 123456789012.
 */

import * as account from '@aws-sdk/client-account';
import * as iam from '@aws-sdk/client-iam';
import * as identitystore from '@aws-sdk/client-identitystore';
import * as organizations from '@aws-sdk/client-organizations';
import * as ssoAdmin from '@aws-sdk/client-sso-admin';
import * as sts from '@aws-sdk/client-sts';
import { type ClientWithMiddlewareStack, installSandboxTransport } from '../../../src/aws/sandbox-transport.js';
import { createSandbox, type Sandbox, type SandboxCredentials } from '../../../src/sandbox/index.js';
import { addStandaloneAccount } from '../../../src/sandbox/scenarios/builder.js';
import { addRole } from '../../../src/sandbox/services/iam/model.js';
import { VirtualClock } from '../../../src/util/clock.js';
import { MOTO_ACCOUNT_ID, MOTO_CREDENTIALS } from '../moto-server.js';
import { IdRegistry, type Outcome } from './normalize.js';

export type Service = 'sso-admin' | 'identitystore' | 'organizations' | 'iam' | 'sts' | 'account';

/** Where Identity Center lives on both sides. */
export const IC_REGION = 'eu-west-1';
/** Organizations, IAM and Account are global: their clients use us-east-1 (as gatehouse's do). */
const GLOBAL_SERVICES = new Set<Service>(['organizations', 'iam', 'account']);

type Package = Record<string, unknown>;
const PACKAGES: Record<Service, { pkg: Package; client: string }> = {
  'sso-admin': { pkg: ssoAdmin, client: 'SSOAdminClient' },
  identitystore: { pkg: identitystore, client: 'IdentitystoreClient' },
  organizations: { pkg: organizations, client: 'OrganizationsClient' },
  iam: { pkg: iam, client: 'IAMClient' },
  sts: { pkg: sts, client: 'STSClient' },
  account: { pkg: account, client: 'AccountClient' },
};

interface SdkClient extends ClientWithMiddlewareStack {
  send(command: unknown): Promise<Record<string, unknown>>;
  destroy(): void;
}
type ClientClass = new (config: Record<string, unknown>) => SdkClient;
type CommandClass = new (input: Record<string, unknown>) => unknown;

export type SideName = 'sandbox' | 'moto';

export interface Side {
  name: SideName;
  ids: IdRegistry;
  /** Other callers' credentials by label (sessions from AssumeRole). */
  sessions: Map<string, SandboxCredentials>;
  /** Sends `service` `op` with `input` (as the side's default caller unless `credentials`). */
  call(
    service: Service,
    op: string,
    input?: Record<string, unknown>,
    options?: { region?: string; credentials?: SandboxCredentials },
  ): Promise<Outcome>;
  /** Completes asynchronous work that is due (sandbox: advances its virtual clock; moto finishes work in the call). */
  settle(): void;
  close(): void;
}

function regionFor(service: Service, region?: string): string {
  return region ?? (GLOBAL_SERVICES.has(service) ? 'us-east-1' : IC_REGION);
}

/** The SDK's exception (or a transport failure) as the name and HTTP status the suite compares. */
function errorOutcome(error: unknown): Outcome {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; $response?: { statusCode?: number } };
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode ?? null;
  return { error: { name: e.name ?? 'Error', status } };
}

function makeSide(
  name: SideName,
  configure: (client: SdkClient) => void,
  baseConfig: Record<string, unknown>,
  credentials: () => SandboxCredentials,
  settle: () => void,
): Side {
  const clients = new Map<string, SdkClient>();
  const clientFor = (service: Service, region: string, creds: SandboxCredentials) => {
    const key = `${service}|${region}|${creds.accessKeyId}`;
    let client = clients.get(key);
    if (!client) {
      const { pkg, client: className } = PACKAGES[service];
      const Ctor = pkg[className] as ClientClass;
      client = new Ctor({ ...baseConfig, region, credentials: creds, maxAttempts: 1 });
      configure(client);
      clients.set(key, client);
    }
    return client;
  };
  return {
    name,
    ids: new IdRegistry(),
    sessions: new Map(),
    async call(service, op, input = {}, options = {}) {
      const Command = PACKAGES[service].pkg[`${op}Command`] as CommandClass | undefined;
      if (!Command) throw new Error(`the ${service} client has no ${op}Command`);
      const client = clientFor(service, regionFor(service, options.region), options.credentials ?? credentials());
      try {
        return { ok: await client.send(new Command(input)) };
      } catch (error) {
        return errorOutcome(error);
      }
    },
    settle,
    close() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}

export interface SandboxSide extends Side {
  sandbox: Sandbox;
  clock: VirtualClock;
}

/**
 * The sandbox side: account 123456789012 (named `master`, e-mail master@example.com, as moto's
 * CreateOrganization names the management account), its role `Admin`, and a session of it.
 */
export function sandboxSide(): SandboxSide {
  const clock = new VirtualClock();
  const sandbox = createSandbox({ clock, knobs: { rateLimits: false } });
  sandbox.mutate((world) => {
    const management = addStandaloneAccount(world, MOTO_ACCOUNT_ID, 'master', clock.now());
    addRole(world, management, 'Admin', [MOTO_ACCOUNT_ID], clock.now());
  });
  const credentials = sandbox.issueCredentials({
    accountId: MOTO_ACCOUNT_ID,
    principal: { roleName: 'Admin', sessionName: 'gatehouse' },
  });
  const settle = () => {
    for (let next = sandbox.nextCompletion(); next !== null; next = sandbox.nextCompletion()) {
      clock.advance(Math.max(0, next - clock.now()));
      sandbox.settle();
    }
    // A credential report being generated is readable once its generation completes.
    for (const account of Object.values(sandbox.state.accounts)) {
      const report = account.iam.credentialReport;
      if (report && report.completesAt > clock.now()) clock.advance(report.completesAt - clock.now());
    }
  };
  const side = makeSide(
    'sandbox',
    (client) => installSandboxTransport(client, sandbox),
    {},
    () => credentials,
    settle,
  );
  return { ...side, sandbox, clock };
}

/** Clients for moto as its default caller (`user/moto` of 123456789012, the dummy credentials): for setting up state. */
export function motoClient(endpoint: string): Side {
  return makeSide(
    'moto',
    () => {},
    { endpoint },
    () => ({ ...MOTO_CREDENTIALS }),
    () => {},
  );
}

/**
 * The moto side: after a reset, role `Admin` in 123456789012 and a session of it from AssumeRole,
 * so both sides call as `assumed-role/Admin/gatehouse`.
 */
export async function motoSide(endpoint: string): Promise<Side> {
  let credentials: SandboxCredentials = { ...MOTO_CREDENTIALS };
  const side = makeSide(
    'moto',
    () => {},
    { endpoint },
    () => credentials,
    () => {},
  );
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MOTO_ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' },
    ],
  });
  const role = await side.call('iam', 'CreateRole', { RoleName: 'Admin', AssumeRolePolicyDocument: trust });
  if (!('ok' in role)) throw new Error(`moto: CreateRole Admin failed: ${JSON.stringify(role)}`);
  const session = await side.call('sts', 'AssumeRole', {
    RoleArn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/Admin`,
    RoleSessionName: 'gatehouse',
  });
  if (!('ok' in session)) throw new Error(`moto: AssumeRole Admin failed: ${JSON.stringify(session)}`);
  const c = (session.ok as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string } })
    .Credentials;
  credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
  return side;
}
