/**
 * @module Scenario `large`: an organization generated from sizes and a seed (default 1,000
 * accounts, 100 OUs, 30 permission sets, 200 groups, 5,000 users, 15,000 memberships, 20,000
 * assignments), for benchmarks and scale tests. Same seed and sizes, same state.
 */

import { SandboxError } from '../../errors.js';
import { nextInt } from '../random.js';
import { enableRootMfa } from '../services/iam/model.js';
import type { PermissionSetRecord } from '../state.js';
import type { World } from '../world.js';
import {
  addGroup,
  addMemberAccount,
  addMembership,
  addOu,
  addPermissionSet,
  addUser,
  assign,
  type ChosenCredentials,
  DAY_MS,
  enableOrganizationInstance,
  issueDefaultCredentials,
} from './builder.js';
import { buildManagement, IDENTITY_CENTER_REGION, MANAGEMENT_ACCOUNT_ID } from './org.js';

export interface LargeSizes {
  accounts: number;
  ous: number;
  permissionSets: number;
  groups: number;
  users: number;
  memberships: number;
  assignments: number;
}

export const DEFAULT_LARGE_SIZES: LargeSizes = {
  accounts: 1000,
  ous: 100,
  permissionSets: 30,
  groups: 200,
  users: 5000,
  memberships: 15000,
  assignments: 20000,
};

/** The most each size may be (AWS quotas, and what fits the id scheme). */
const MAX_SIZES: LargeSizes = {
  accounts: 10_000,
  ous: 1000,
  permissionSets: 3500,
  groups: 100_000,
  users: 100_000,
  memberships: 1_000_000,
  assignments: 1_000_000,
};

/** Parses `accounts=1000,assignments=20000` (the CLI's `--size`). */
export function parseSizes(spec: string): Partial<LargeSizes> {
  const out: Partial<LargeSizes> = {};
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([a-zA-Z]+)=(\d+)$/.exec(part);
    const key = match?.[1] as keyof LargeSizes | undefined;
    if (!match || !key || !(key in DEFAULT_LARGE_SIZES)) {
      throw new SandboxError(
        `invalid size "${part}": expected NAME=NUMBER with NAME one of ${Object.keys(DEFAULT_LARGE_SIZES).join(', ')}`,
      );
    }
    out[key] = Number(match[2]);
  }
  return out;
}

export function resolveSizes(partial: Partial<LargeSizes> = {}): LargeSizes {
  const sizes = { ...DEFAULT_LARGE_SIZES, ...partial };
  for (const key of Object.keys(sizes) as (keyof LargeSizes)[]) {
    const value = sizes[key];
    if (!Number.isInteger(value) || value < 0 || value > MAX_SIZES[key]) {
      throw new SandboxError(`size ${key}=${value} is out of range (0..${MAX_SIZES[key]})`);
    }
  }
  if (sizes.memberships > sizes.groups * sizes.users) {
    throw new SandboxError(`memberships=${sizes.memberships} is more than groups × users`);
  }
  return sizes;
}

const POLICIES = [
  'AdministratorAccess',
  'PowerUserAccess',
  'ReadOnlyAccess',
  'job-function/ViewOnlyAccess',
  'SecurityAudit',
  'job-function/Billing',
  'job-function/DatabaseAdministrator',
  'job-function/NetworkAdministrator',
  'AmazonS3ReadOnlyAccess',
  'AWSSupportAccess',
];

export function buildLarge(
  world: World,
  now: number,
  partial: Partial<LargeSizes> | undefined,
  credentials?: ChosenCredentials,
): void {
  const sizes = resolveSizes(partial);
  const rng = world.idRng;
  const created = now - 365 * DAY_MS;
  buildManagement(world, created);
  const management = world.account(MANAGEMENT_ACCOUNT_ID);
  if (management) enableRootMfa(management, 'hardware', created);
  const rootId = world.organization?.root.id as string;

  // OUs: a tree at most 5 deep; each new OU hangs under the root or an earlier OU.
  const ous: { id: string; depth: number }[] = [];
  for (let i = 0; i < sizes.ous; i++) {
    const candidates = ous.filter((o) => o.depth < 5);
    const parent =
      i < 5 || candidates.length === 0 || nextInt(rng, 3) === 0 ? null : candidates[nextInt(rng, candidates.length)];
    const id = addOu(world, `ou-${String(i + 1).padStart(4, '0')}`, parent?.id ?? rootId, created);
    ous.push({ id, depth: (parent?.depth ?? 0) + 1 });
  }
  const envs = ['dev', 'staging', 'prod'];
  const accountIds: string[] = [];
  for (let i = 0; i < sizes.accounts; i++) {
    const id = String(200_000_000_000 + i);
    const parent = ous.length > 0 ? (ous[nextInt(rng, ous.length)] as { id: string }).id : rootId;
    addMemberAccount(world, {
      id,
      name: `account-${String(i + 1).padStart(5, '0')}`,
      parentId: parent,
      tags: { env: envs[nextInt(rng, envs.length)] as string },
      now: created + DAY_MS,
      ...(i % 97 === 96 ? { state: 'SUSPENDED' as const } : {}),
    });
    accountIds.push(id);
  }

  const setup = created + 2 * DAY_MS;
  const index = enableOrganizationInstance(world, IDENTITY_CENTER_REGION, setup);
  const by = `arn:aws:sts::${MANAGEMENT_ACCOUNT_ID}:assumed-role/Admin/gatehouse`;
  const permissionSets: PermissionSetRecord[] = [];
  for (let i = 0; i < sizes.permissionSets; i++) {
    const policy = POLICIES[i % POLICIES.length] as string;
    permissionSets.push(
      addPermissionSet(world, index, {
        name: `PermissionSet${String(i + 1).padStart(3, '0')}`,
        description: `Generated permission set ${i + 1}`,
        sessionDuration: `PT${1 + (i % 12)}H`,
        managedPolicies: [`arn:aws:iam::aws:policy/${policy}`],
        managed: i % 2 === 0,
        now: setup,
      }),
    );
  }
  const groups: string[] = [];
  for (let i = 0; i < sizes.groups; i++) {
    groups.push(addGroup(world, index, { name: `Group${String(i + 1).padStart(5, '0')}`, now: setup, by }));
  }
  const users: string[] = [];
  for (let i = 0; i < sizes.users; i++) {
    const n = String(i + 1).padStart(6, '0');
    users.push(
      addUser(world, index, {
        userName: `user${n}`,
        givenName: 'User',
        familyName: n,
        email: `user${n}@example.com`,
        now: setup,
        by,
      }),
    );
  }
  if (groups.length > 0 && users.length > 0) {
    const seen = new Set<string>();
    while (seen.size < sizes.memberships) {
      const g = groups[nextInt(rng, groups.length)] as string;
      const u = users[nextInt(rng, users.length)] as string;
      const key = `${g}|${u}`;
      if (seen.has(key)) continue;
      seen.add(key);
      addMembership(world, index, g, u, setup, by);
    }
  }
  // Assignments: four in five to groups; every target distinct (account, set, principal).
  const activeAccounts = accountIds.filter((id) => world.account(id)?.org?.state === 'ACTIVE');
  const capacity = activeAccounts.length * permissionSets.length * (groups.length + users.length);
  if (sizes.assignments > capacity) {
    throw new SandboxError(
      `assignments=${sizes.assignments} is more than the possible (account, permission set, principal) triples`,
    );
  }
  const assigned = new Set<string>();
  const groupsOnPair = new Map<string, number>();
  let attempts = 0;
  while (assigned.size < sizes.assignments) {
    if (++attempts > 50 * sizes.assignments + 1000) {
      throw new SandboxError(
        `could not place ${sizes.assignments} assignments within AWS's limits; lower assignments or raise the other sizes`,
      );
    }
    const accountId = activeAccounts[nextInt(rng, activeAccounts.length)] as string;
    const ps = permissionSets[nextInt(rng, permissionSets.length)] as PermissionSetRecord;
    const toGroup = users.length === 0 || (groups.length > 0 && nextInt(rng, 5) < 4);
    const principalId = toGroup
      ? (groups[nextInt(rng, groups.length)] as string)
      : (users[nextInt(rng, users.length)] as string);
    const key = `${accountId}|${ps.arn}|${principalId}`;
    const pair = `${accountId}|${ps.arn}`;
    // AWS allows at most 100 groups on one (account, permission set).
    if (assigned.has(key) || (toGroup && (groupsOnPair.get(pair) ?? 0) >= 100)) continue;
    assigned.add(key);
    if (toGroup) groupsOnPair.set(pair, (groupsOnPair.get(pair) ?? 0) + 1);
    assign(index, { accountId, ps, principalType: toGroup ? 'GROUP' : 'USER', principalId, now: setup });
  }
  issueDefaultCredentials(
    world,
    MANAGEMENT_ACCOUNT_ID,
    { kind: 'assumed-role', roleName: 'Admin', sessionName: 'gatehouse' },
    now,
    credentials,
  );
}
