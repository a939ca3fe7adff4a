/** @module Every emulated operation, by service and operation name, with the IAM action prefix of each service. */

import type { SandboxService } from '../endpoint.js';
import { accountOperations } from './account.js';
import type { OperationTable } from './context.js';
import { iamOperations } from './iam/index.js';
import { identityStoreOperations } from './identitystore/index.js';
import { organizationsOperations } from './organizations.js';
import { ssoAdminOperations } from './sso-admin/index.js';
import { stsOperations } from './sts.js';

export const SERVICES: Record<SandboxService, OperationTable> = {
  'sso-admin': ssoAdminOperations,
  identitystore: identityStoreOperations,
  organizations: organizationsOperations,
  iam: iamOperations,
  sts: stsOperations,
  account: accountOperations,
};

/** The IAM action prefix of each service (sso-admin's actions are `sso:…`). */
export const ACTION_PREFIX: Record<SandboxService, string> = {
  'sso-admin': 'sso',
  identitystore: 'identitystore',
  organizations: 'organizations',
  iam: 'iam',
  sts: 'sts',
  account: 'account',
};

/** The service name IAM records in an access key's last use (`AccessKeyLastUsed.ServiceName`). */
export const LAST_USED_SERVICE_NAME: Record<SandboxService, string> = {
  'sso-admin': 'sso',
  identitystore: 'identitystore',
  organizations: 'organizations',
  iam: 'iam',
  sts: 'sts',
  account: 'account',
};

export function actionOf(service: SandboxService, operation: string): string {
  const table = Object.hasOwn(SERVICES, service) ? SERVICES[service] : undefined;
  const op = table && Object.hasOwn(table, operation) ? table[operation] : undefined;
  return op?.action ?? `${ACTION_PREFIX[service] ?? service}:${operation}`;
}
