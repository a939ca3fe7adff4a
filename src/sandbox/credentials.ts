/**
 * @module Who is calling: the access key a request was signed with maps to an account and a
 * principal (root, an IAM user, or an assumed-role session). The sandbox never checks signatures or
 * secrets. Unknown keys and expired sessions get the service's authentication errors.
 */

import type { SandboxService } from './endpoint.js';
import { fingerprint } from './paginate.js';
import { expiredToken, invalidClientToken } from './service-errors.js';
import { userArn } from './services/iam/model.js';
import type { CredentialRecord, Principal } from './state.js';
import type { World } from './world.js';

/** Credentials as the SDK takes them. */
export interface SandboxCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Session credentials expire; long-term keys do not. */
  expiration?: Date;
}

export function toSdkCredentials(record: CredentialRecord): SandboxCredentials {
  const out: SandboxCredentials = { accessKeyId: record.accessKeyId, secretAccessKey: record.secretAccessKey };
  if (record.sessionToken !== undefined) out.sessionToken = record.sessionToken;
  if (record.expiresAt !== undefined) out.expiration = new Date(record.expiresAt);
  return out;
}

/** The caller's credentials, or the service's InvalidClientTokenId / ExpiredToken error. */
export function authenticate(
  world: World,
  service: SandboxService,
  accessKeyId: string,
  now: number,
): CredentialRecord {
  const record = world.credential(accessKeyId);
  if (!record) throw invalidClientToken(service);
  if (record.expiresAt !== undefined && now >= record.expiresAt) throw expiredToken(service);
  return record;
}

/** A stable role id for roles the sandbox does not keep in IAM (Identity Center's AWSReservedSSO roles). */
function derivedRoleId(accountId: string, roleName: string): string {
  const hash = `${fingerprint(`${accountId}/${roleName}`)}${fingerprint(`${roleName}/${accountId}`)}`.toUpperCase();
  return `AROA${hash}${hash.slice(0, 1)}`;
}

export function roleIdOf(world: World, accountId: string, roleName: string): string {
  return world.account(accountId)?.iam.roles[roleName]?.roleId ?? derivedRoleId(accountId, roleName);
}

/** The ARN GetCallerIdentity returns, and the one AccessDenied messages name. */
export function principalArn(world: World, accountId: string, principal: Principal): string {
  switch (principal.kind) {
    case 'root':
      return `arn:aws:iam::${accountId}:root`;
    case 'user': {
      const user = world.account(accountId)?.iam.users[principal.userName];
      return userArn(accountId, { path: user?.path ?? '/', userName: principal.userName });
    }
    case 'assumed-role':
      return `arn:aws:sts::${accountId}:assumed-role/${principal.roleName}/${principal.sessionName}`;
  }
}

/** The `UserId` GetCallerIdentity returns. */
export function principalUserId(world: World, accountId: string, principal: Principal): string {
  switch (principal.kind) {
    case 'root':
      return accountId;
    case 'user':
      return world.account(accountId)?.iam.users[principal.userName]?.userId ?? principal.userName;
    case 'assumed-role':
      return `${roleIdOf(world, accountId, principal.roleName)}:${principal.sessionName}`;
  }
}

/** Issues new credentials; when values are given (tests use marker strings) they are used as they are. */
export function issueCredentials(
  world: World,
  fields: {
    accountId: string;
    principal: Principal;
    now: number;
    expiresAt?: number;
    accessKeyId?: string;
    secretAccessKey?: string;
    sessionToken?: string;
  },
): CredentialRecord {
  const session = fields.principal.kind === 'assumed-role';
  const record: CredentialRecord = {
    accessKeyId: fields.accessKeyId ?? world.accessKeyId(session ? 'session' : 'long-term'),
    secretAccessKey: fields.secretAccessKey ?? world.secret(),
    accountId: fields.accountId,
    principal: fields.principal,
    createdAt: fields.now,
  };
  const token = fields.sessionToken ?? (session ? `IQoJb3JpZ2luX2VjE${world.secret(120)}` : undefined);
  if (token !== undefined) record.sessionToken = token;
  if (fields.expiresAt !== undefined) record.expiresAt = fields.expiresAt;
  world.addCredential(record);
  return record;
}
