/**
 * @module Fact `identity-center.assignments`: every direct account assignment, read with the cheaper
 * of the principal scan and the provisioned-pair scan (see `assignment-strategy.ts`); or, when the
 * run asks for a scope (a plan), only the assignments inside it (see `assignment-scope.ts`).
 */

import { MANAGED_TAG_KEY, MANAGED_TAG_VALUE } from '../../model/desired.js';
import { principalNameKey } from '../../model/principal-name.js';
import type { AccountAssignment, IdentityCenterInstance, PrincipalType } from '../../model/types.js';
import { type AssignmentReadRequest, type AssignmentScope, planScopedReads } from '../assignment-scope.js';
import { chooseAssignmentStrategy } from '../assignment-strategy.js';
import { ok } from '../evidence.js';
import { defineFact, type FactContext } from '../fact.js';
import {
  byString,
  instanceOf,
  mapLimit,
  permissionSetArns,
  provisionedAccounts,
  SSO_READ_CONCURRENCY,
} from '../read-helpers.js';

/**
 * Whether the caller is the management account (or a standalone account, which owns its instance):
 * unknown (organization unreadable) counts as no, so a reader never calls what AWS would refuse.
 */
function callerIsManagementAccount(ctx: FactContext): boolean {
  const caller = ctx.need('sts.caller-identity');
  const organization = ctx.need('organizations.organization');
  if (organization.status === 'notApplicable') return true;
  return (
    caller.status === 'ok' &&
    organization.status === 'ok' &&
    caller.value.accountId === organization.value.managementAccountId
  );
}

/** Emits progress about once per percent, with an ETA from the sso-admin rate. */
function progressReporter(ctx: FactContext, total: number) {
  const step = Math.max(1, Math.floor(total / 100));
  let done = 0;
  const emit = () =>
    ctx.host.emit({
      type: 'progress',
      task: 'observe.assignments',
      done,
      total,
      etaSeconds: Math.ceil((total - done) / ctx.ssoAdminRate),
    });
  emit();
  return () => {
    done += 1;
    if (done % step === 0 || done === total) emit();
  };
}

function key(a: AccountAssignment): string {
  return `${a.accountId}|${a.permissionSetArn}|${a.principalType}|${a.principalId}`;
}

function toAssignment(raw: {
  AccountId?: string;
  PermissionSetArn?: string;
  PrincipalType?: string;
  PrincipalId?: string;
}): AccountAssignment | undefined {
  if (!raw.AccountId || !raw.PermissionSetArn || !raw.PrincipalId) return undefined;
  if (raw.PrincipalType !== 'USER' && raw.PrincipalType !== 'GROUP') return undefined;
  return {
    accountId: raw.AccountId,
    permissionSetArn: raw.PermissionSetArn,
    principalType: raw.PrincipalType,
    principalId: raw.PrincipalId,
  };
}

async function principalScan(
  ctx: FactContext,
  instance: IdentityCenterInstance,
  principals: { id: string; type: PrincipalType }[],
): Promise<AccountAssignment[]> {
  const tick = progressReporter(ctx, principals.length);
  const perPrincipal = await mapLimit(principals, SSO_READ_CONCURRENCY, async (p) => {
    const rows = await ctx.aws.list(
      'sso-admin',
      'ListAccountAssignmentsForPrincipal',
      { InstanceArn: instance.arn, PrincipalId: p.id, PrincipalType: p.type },
      'AccountAssignments',
      { region: instance.region },
    );
    tick();
    // Only direct assignments: whether AWS also lists a user's group-derived ones is unconfirmed
    // (scale.md §3.6), so anything not naming this principal is dropped.
    return rows.flatMap((r) => {
      const a = toAssignment(r);
      return a && a.principalId === p.id && a.principalType === p.type ? [a] : [];
    });
  });
  return confirmUserRows(ctx, instance, perPrincipal.flat());
}

/**
 * Whether AWS's principal scan also lists a user's group-derived rows, and labelled as whom, is
 * unconfirmed (scale.md §3.6). A USER row on a pair where one of the scanned groups also has a row
 * could be such a row labelled as the user, so it is kept only when ListAccountAssignments on that
 * pair (which lists direct assignments) shows it. Pairs without a group row need no check.
 */
async function confirmUserRows(
  ctx: FactContext,
  instance: IdentityCenterInstance,
  rows: AccountAssignment[],
): Promise<AccountAssignment[]> {
  const pairKey = (a: AccountAssignment) => `${a.accountId}|${a.permissionSetArn}`;
  const groupPairs = new Set(rows.filter((a) => a.principalType === 'GROUP').map(pairKey));
  const doubtful = [
    ...new Set(rows.filter((a) => a.principalType === 'USER' && groupPairs.has(pairKey(a))).map(pairKey)),
  ];
  if (doubtful.length === 0) return rows;
  const confirmed = new Set<string>();
  await mapLimit(doubtful, SSO_READ_CONCURRENCY, async (pair) => {
    const [accountId, arn] = pair.split('|') as [string, string];
    const direct = await ctx.aws.list(
      'sso-admin',
      'ListAccountAssignments',
      { InstanceArn: instance.arn, AccountId: accountId, PermissionSetArn: arn },
      'AccountAssignments',
      { region: instance.region },
    );
    for (const r of direct) {
      const a = toAssignment(r);
      if (a?.principalType === 'USER') confirmed.add(key(a));
    }
  });
  return rows.filter((a) => a.principalType !== 'USER' || !groupPairs.has(pairKey(a)) || confirmed.has(key(a)));
}

function pairScan(
  ctx: FactContext,
  instance: IdentityCenterInstance,
  arns: string[],
  provisioned: string[][],
): Promise<AccountAssignment[]> {
  const pairs = arns.flatMap((arn, i) => (provisioned[i] ?? []).map((accountId) => ({ arn, accountId })));
  return pairScanOf(ctx, instance, pairs);
}

async function pairScanOf(
  ctx: FactContext,
  instance: IdentityCenterInstance,
  pairs: { arn: string; accountId: string }[],
): Promise<AccountAssignment[]> {
  const tick = progressReporter(ctx, pairs.length);
  const perPair = await mapLimit(pairs, SSO_READ_CONCURRENCY, async (pair) => {
    const rows = await ctx.aws.list(
      'sso-admin',
      'ListAccountAssignments',
      { InstanceArn: instance.arn, AccountId: pair.accountId, PermissionSetArn: pair.arn },
      'AccountAssignments',
      { region: instance.region },
    );
    tick();
    return rows.flatMap((r) => {
      const a = toAssignment(r);
      return a ? [a] : [];
    });
  });
  return perPair.flat();
}

async function accountScan(
  ctx: FactContext,
  instance: IdentityCenterInstance,
  accounts: string[],
): Promise<{ arn: string; accountId: string }[]> {
  const perAccount = await mapLimit(accounts, SSO_READ_CONCURRENCY, async (accountId) => {
    const arns = await ctx.aws.list(
      'sso-admin',
      'ListPermissionSetsProvisionedToAccount',
      { InstanceArn: instance.arn, AccountId: accountId },
      'PermissionSets',
      { region: instance.region },
    );
    return arns.map((arn) => ({ arn, accountId }));
  });
  return perAccount.flat();
}

/**
 * Reads only what `request` asks for and tells the collector the scope it covered. Undefined when
 * the names cannot be resolved (a fact it needs was not read): the caller then reads everything.
 */
async function scopedRead(
  ctx: FactContext,
  instance: IdentityCenterInstance,
  request: AssignmentReadRequest,
): Promise<AccountAssignment[] | undefined> {
  const users = ctx.need('identity-store.users');
  const groups = ctx.need('identity-store.groups');
  const sets = await ctx.optional('identity-center.permission-sets');
  if (users.status !== 'ok' || groups.status !== 'ok' || sets?.status !== 'ok') return undefined;
  // Matched by the identity rule's key (case, Unicode forms, look-alike letters folded): reading a
  // look-alike too costs a call, missing one would hide an assignment the diff needs.
  const fold = principalNameKey;
  const wanted = new Set(request.principals.map((p) => `${p.type}:${fold(p.name)}`));
  const namedPrincipals = [
    ...users.value
      .filter((u) => wanted.has(`user:${fold(u.userName)}`))
      .map((u) => ({ type: 'USER' as PrincipalType, id: u.id })),
    ...groups.value
      .filter((g) => wanted.has(`group:${fold(g.displayName)}`))
      .map((g) => ({ type: 'GROUP' as PrincipalType, id: g.id })),
  ];
  const configNames = new Set(request.permissionSets);
  const configSetArns = sets.value.filter((ps) => configNames.has(ps.name)).map((ps) => ps.arn);
  const ownedSetArns = request.ownedSets
    ? sets.value.filter((ps) => ps.tags[MANAGED_TAG_KEY] === MANAGED_TAG_VALUE).map((ps) => ps.arn)
    : [];
  const accounts: string[] = [];
  if (request.adminAccounts) {
    accounts.push((await ctx.callerIdentity()).accountId);
    const org = await ctx.optional('organizations.organization');
    if (org?.status === 'ok') accounts.push(org.value.managementAccountId);
  }
  // AWS serves the principal scan only to the management account (delegated administrators get AccessDenied).
  const principalScanAvailable = request.principalScan !== false && callerIsManagementAccount(ctx);
  const reads = planScopedReads({
    namedPrincipals,
    configSetArns,
    ownedSetArns,
    accounts,
    principalScanAvailable,
  });
  ctx.host.emit({
    type: 'log',
    level: 'debug',
    code: 'observe.assignment-strategy',
    message: `reading the config's assignments: ${reads.reason}`,
  });
  // Pairs from the sets' and the accounts' sides, each listed once.
  const setPairs = await mapLimit(reads.permissionSetArns, SSO_READ_CONCURRENCY, async (arn) =>
    (await provisionedAccounts(ctx, instance, arn)).map((accountId) => ({ arn, accountId })),
  );
  const accountPairs = await accountScan(ctx, instance, reads.accounts);
  const pairs = new Map([...setPairs.flat(), ...accountPairs].map((p) => [`${p.accountId}|${p.arn}`, p]));
  const byPair = [...pairs.values()].sort(byString((p) => `${p.accountId}|${p.arn}`));
  // A scope pays only when it is cheaper than reading everything: one call per principal reads the
  // whole organization, so a config that names most principals or owns most assigned pairs (an
  // imported one) is read in full instead (its diff then judges everything, as an audit's read does).
  if (principalScanAvailable && reads.principals.length + byPair.length >= users.value.length + groups.value.length)
    return undefined;
  const [fromPrincipals, fromPairs] = await Promise.all([
    principalScan(ctx, instance, reads.principals),
    pairScanOf(ctx, instance, byPair),
  ]);
  const scope: AssignmentScope = {
    principals: reads.principals,
    permissionSetArns: reads.permissionSetArns,
    accounts: reads.accounts,
  };
  ctx.reportAssignmentScope?.(scope);
  return [...fromPrincipals, ...fromPairs];
}

export const identityCenterAssignments = defineFact({
  id: 'identity-center.assignments',
  scope: 'organization',
  iamActions: [
    'sso:ListPermissionSets',
    'sso:ListAccountsForProvisionedPermissionSet',
    'sso:ListAccountAssignments',
    'sso:ListAccountAssignmentsForPrincipal',
    'sso:ListPermissionSetsProvisionedToAccount',
  ],
  needs: [
    'sts.caller-identity',
    'organizations.organization',
    'identity-center.instance',
    'identity-store.users',
    'identity-store.groups',
  ],
  wants: ['organizations.tree', 'identity-center.permission-sets'],
  async read(ctx) {
    const found = instanceOf<AccountAssignment[]>(ctx);
    if ('evidence' in found) return found.evidence;
    const { instance } = found;
    const scoped = ctx.assignmentRequest ? await scopedRead(ctx, instance, ctx.assignmentRequest) : undefined;
    if (scoped) {
      const unique = new Map(scoped.map((a) => [key(a), a]));
      return ok([...unique.values()].sort(byString(key)));
    }
    const users = ctx.need('identity-store.users');
    const groups = ctx.need('identity-store.groups');
    const tree = await ctx.optional('organizations.tree');
    const arns = await permissionSetArns(ctx, instance);
    const fromManagementAccount = callerIsManagementAccount(ctx);
    const readProvisioned = () =>
      mapLimit(arns, SSO_READ_CONCURRENCY, (arn) => provisionedAccounts(ctx, instance, arn));

    let provisioned: string[][] | undefined;
    let decision = chooseAssignmentStrategy({
      ...(groups.status === 'ok' ? { groups: groups.value.length } : {}),
      ...(users.status === 'ok' ? { users: users.value.length } : {}),
      permissionSets: arns.length,
      ...(tree?.status === 'ok' ? { accounts: tree.value.accounts.length } : {}),
      fromManagementAccount,
    });
    if (decision.strategy === 'count-provisioned-pairs') {
      provisioned = await readProvisioned();
      decision = chooseAssignmentStrategy({
        groups: groups.status === 'ok' ? groups.value.length : 0,
        users: users.status === 'ok' ? users.value.length : 0,
        permissionSets: arns.length,
        provisionedPairs: provisioned.reduce((n, accounts) => n + accounts.length, 0),
        fromManagementAccount,
      });
    }
    ctx.host.emit({
      type: 'log',
      level: 'debug',
      code: 'observe.assignment-strategy',
      message: `reading assignments by ${decision.strategy}: ${decision.reason}`,
    });

    let assignments: AccountAssignment[];
    if (decision.strategy === 'principal-scan' && groups.status === 'ok' && users.status === 'ok') {
      const principals = [
        ...groups.value.map((g) => ({ id: g.id, type: 'GROUP' as const })),
        ...users.value.map((u) => ({ id: u.id, type: 'USER' as const })),
      ];
      assignments = await principalScan(ctx, instance, principals);
    } else {
      provisioned ??= await readProvisioned();
      assignments = await pairScan(ctx, instance, arns, provisioned);
    }
    const unique = new Map(assignments.map((a) => [key(a), a]));
    return ok([...unique.values()].sort(byString(key)));
  },
});
