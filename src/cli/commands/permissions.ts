/**
 * @module `gatehouse permissions --for audit|apply`: prints the least-privilege IAM policy (JSON) a
 * use of gatehouse needs, on stdout, so it can be piped into `aws iam create-policy`.
 */

import { DEFAULT_MEMBER_ROLE } from '../../aws/index.js';
import { UsageError } from '../../errors.js';
import { permissionsPolicy, placesFor, registeredGrants } from '../../permissions/index.js';
import type { CliContext } from '../context.js';

export interface PermissionsOptions {
  for?: unknown;
}

export async function run(options: PermissionsOptions, ctx: CliContext): Promise<number> {
  const use = options.for;
  if (use !== 'audit' && use !== 'apply') {
    throw new UsageError(`--for must be audit or apply, not ${JSON.stringify(use)}`);
  }
  const policy = permissionsPolicy(use, { memberAccessRole: DEFAULT_MEMBER_ROLE });
  ctx.out(JSON.stringify(policy, null, 2));
  ctx.note(
    `where this policy works:\n${placesFor(use)
      .map((p) => `  - ${p}`)
      .join('\n')}`,
  );
  if (use === 'audit') {
    ctx.note(
      `member accounts (audit --accounts) are entered with the role ${DEFAULT_MEMBER_ROLE}; change the role name in the last statement if your config sets organization.memberAccessRole`,
    );
  } else if (registeredGrants('apply').every((g) => g.source === 'plan')) {
    ctx.note(
      'only the reads a plan makes are registered for apply so far; the write actions of apply are not listed yet',
    );
  }
  return 0;
}
