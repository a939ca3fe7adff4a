/**
 * @module The generated part of SECURITY.md: every IAM action that changes AWS which the apply
 * policy allows, by service. permissions-doc.test.ts keeps it equal to the policy.
 */

import { permissionsPolicy } from '../../src/permissions/index.js';

const SERVICES: Record<string, string> = {
  sso: 'IAM Identity Center',
  identitystore: 'Identity Store',
  organizations: 'Organizations',
  iam: 'IAM',
  account: 'Account',
  sts: 'STS',
};

/** Actions that only read: lists, gets, describes (status polls and name lookups included). */
export function isReadAction(action: string): boolean {
  return /^[a-z0-9-]+:(?:List|Get|Describe)/.test(action);
}

export function securityBlocks(): Record<'writes', string> {
  const writes = permissionsPolicy('apply')
    .Statement.flatMap((s) => s.Action)
    .filter((a) => !isReadAction(a));
  const byService = new Map<string, string[]>();
  for (const action of writes) {
    const service = action.slice(0, action.indexOf(':'));
    byService.set(service, [...(byService.get(service) ?? []), action]);
  }
  const lines = ['| Service | Actions that change something (apply only) |', '| --- | --- |'];
  for (const [service, actions] of [...byService.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push(
      `| ${SERVICES[service] ?? service} | ${actions
        .sort()
        .map((a) => `\`${a}\``)
        .join(', ')} |`,
    );
  }
  return { writes: lines.join('\n') };
}
