/**
 * @module `importConfig(snapshot)`: the live Identity Center and organization as a gatehouse config
 * that reproduces them — permission sets with every attribute, users, groups with their exact
 * members, and assignments compressed into as few rules as the organization allows without
 * over-granting. Pure: no AWS, no files. Everything the config cannot express becomes a comment and
 * an entry of `stats.notExpressed`, never a silent loss. Ordering is stable (sorted names), so the
 * same live state always gives the same text.
 */

import type { ConfigComments } from '../config/render-yaml.js';
import type { WrittenConfig } from '../config/schema.js';
import type { AccountAssignment, OrgAccount } from '../model/types.js';
import type { Snapshot } from '../observe/snapshot.js';
import type { AccountUniverse } from '../plan/targets.js';
import { setOwn } from '../util/own-property.js';
import { extractImportFacts, type ImportFacts } from './facts.js';
import { ImportNotes, type NotExpressed } from './notes.js';
import { type ImportedPermissionSet, importPermissionSet, type WrittenPermissionSet } from './permission-sets.js';
import {
  type ImportedGroup,
  type ImportedUser,
  importGroup,
  importUser,
  type WrittenGroup,
  type WrittenUser,
} from './principals.js';
import { type LivePair, writeRules } from './rules.js';

export type { NotExpressed, NotExpressedKind } from './notes.js';

export interface ImportStats {
  permissionSets: number;
  /** Permission sets written `managed: false` (gatehouse reads them, never changes them). */
  references: number;
  users: number;
  groups: number;
  memberships: number;
  /** Live account assignments the written rules reproduce. */
  assignments: number;
  rules: number;
  /** Entries written under `accounts:`. */
  aliases: number;
  identitySource: 'internal' | 'external';
  /** User names of users that lack an attribute the config requires (email, given or family name). */
  incompleteUsers: string[];
  notExpressed: NotExpressed[];
}

export interface ImportResult {
  config: WrittenConfig;
  /** Comments for `renderConfigYaml(config, comments)`. */
  comments: ConfigComments;
  stats: ImportStats;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const ORPHAN = 'an orphaned assignment; `gatehouse plan --prune` deletes it';

/** The accounts rules can name: the organization's, or the standalone caller account. */
function universeOf(facts: ImportFacts): AccountUniverse {
  const standalone: OrgAccount = {
    id: facts.callerAccountId,
    name: '',
    email: '',
    state: 'ACTIVE',
    parentId: '',
    ouPath: '/',
  };
  return {
    accounts: facts.tree?.accounts ?? [standalone],
    ous: facts.tree?.ous ?? [],
    managementAccountId: facts.organization?.managementAccountId ?? facts.callerAccountId,
    tags: facts.accountTags,
    aliases: {},
    hasOrganization: facts.tree !== null,
  };
}

/**
 * Builds the config. Throws AwsAccessError when a fact it is built from was denied or failed, and
 * InternalError if the written rules would not expand to exactly the live assignments (a bug).
 */
export function importConfig(snapshot: Snapshot): ImportResult {
  return importFromFacts(extractImportFacts(snapshot));
}

export function importFromFacts(facts: ImportFacts): ImportResult {
  const universe = universeOf(facts);
  const notes = new ImportNotes();
  const external = [...facts.users, ...facts.groups].some((p) => (p.externalIds?.length ?? 0) > 0);

  const sets = importSets(facts, notes);
  const principals = importPrincipals(facts, external, notes);
  const rules = writeRules(livePairs(facts, sets, principals, external, universe, notes), universe, notes);
  if (facts.accountTagsProblem) {
    notes.notExpressed(
      'tags',
      'organizations.account-tags',
      `account tags were not read (${facts.accountTagsProblem}); no tag:key=value rules were written`,
    );
  }

  const config: WrittenConfig = { version: 1 };
  const identityCenter = identityCenterSection(facts, external);
  if (identityCenter) config.identityCenter = identityCenter;
  const writtenSets: Record<string, WrittenPermissionSet> = {};
  for (const [name, imported] of sets.byName) if (imported.spec) setOwn(writtenSets, name, imported.spec);
  if (Object.keys(writtenSets).length > 0) config.permissionSets = writtenSets;
  const writtenGroups: Record<string, WrittenGroup> = {};
  for (const imported of principals.groups.values()) {
    if (!imported.spec) continue;
    setOwn(writtenGroups, imported.group.displayName, imported.spec);
    for (const note of imported.notes) notes.comment(['groups', imported.group.displayName], note);
  }
  if (Object.keys(writtenGroups).length > 0) config.groups = writtenGroups;
  const writtenUsers: Record<string, WrittenUser> = {};
  for (const imported of principals.users.values()) {
    if (!imported.spec) continue;
    setOwn(writtenUsers, imported.key, imported.spec);
    for (const note of imported.notes) notes.comment(['users', imported.key], note);
  }
  if (Object.keys(writtenUsers).length > 0) config.users = writtenUsers;
  if (Object.keys(rules.aliases).length > 0) {
    config.accounts = rules.aliases;
    notes.comment(
      ['accounts'],
      'Accounts whose names cannot name them in a rule (the name is shared or reads as something else).',
    );
  }
  if (rules.assignments.length > 0) config.assignments = rules.assignments;

  const stats: ImportStats = {
    permissionSets: Object.keys(writtenSets).length,
    references: Object.values(writtenSets).filter((s) => s.managed === false).length,
    users: Object.keys(writtenUsers).length,
    groups: Object.keys(writtenGroups).length,
    memberships: principals.memberships,
    assignments: rules.assignmentCount,
    rules: rules.assignments.length,
    aliases: Object.keys(rules.aliases).length,
    identitySource: external ? 'external' : 'internal',
    incompleteUsers: external
      ? []
      : [...principals.users.values()].filter((u) => u.missing.length > 0).map((u) => u.key),
    notExpressed: notes.list(),
  };
  const comments = { ...notes.comments, '': headerComment(facts, universe.managementAccountId, stats) };
  return { config, comments, stats };
}

function identityCenterSection(facts: ImportFacts, external: boolean): WrittenConfig['identityCenter'] {
  const instance = facts.instance;
  if (!instance) return undefined;
  const organizationInstance =
    facts.organization !== null && instance.ownerAccountId === facts.organization.managementAccountId;
  const section: NonNullable<WrittenConfig['identityCenter']> = {
    region: instance.region,
    instance: organizationInstance ? 'organization' : 'account',
    encryption:
      instance.encryption?.keyType === 'CUSTOMER_MANAGED_KEY' && instance.encryption.kmsKeyArn
        ? { customerManagedKey: instance.encryption.kmsKeyArn }
        : 'aws-owned-key',
  };
  if (external) section.identitySource = 'external';
  return section;
}

interface ImportedSets {
  byName: Map<string, ImportedPermissionSet>;
  nameByArn: Map<string, string>;
}

function importSets(facts: ImportFacts, notes: ImportNotes): ImportedSets {
  const byName = new Map<string, ImportedPermissionSet>();
  const nameByArn = new Map<string, string>();
  for (const ps of [...facts.permissionSets].sort((a, b) => byString(a.name, b.name))) {
    const imported = importPermissionSet(ps);
    nameByArn.set(ps.arn, ps.name);
    byName.set(ps.name, imported);
    const path = ['permissionSets', ps.name];
    if (!imported.spec) {
      notes.notExpressed(
        'permission-set',
        `permission-set/${ps.name}`,
        `its name cannot be written: ${imported.omitted[0]?.why ?? 'invalid'}`,
      );
      continue;
    }
    for (const o of imported.omitted) {
      notes.notExpressed('attribute', `permission-set/${ps.name}/${o.attribute}`, o.why);
      notes.comment(path, `${o.attribute} is not written: ${o.why}`);
    }
    if (imported.ownedByGatehouse && !imported.managed) {
      notes.comment(
        path,
        'tagged managed-by=gatehouse, but kept as a reference (managed: false) so that applying this file cannot change what was left out',
      );
    } else if (!imported.ownedByGatehouse) {
      notes.comment(
        path,
        'not tagged managed-by=gatehouse: a reference gatehouse never changes (delete `managed: false` to let gatehouse manage it)',
      );
    }
    const outdated = facts.provisioning.find((p) => p.permissionSetArn === ps.arn)?.outdated ?? [];
    if (outdated.length > 0) {
      const fix = imported.managed
        ? '`gatehouse plan` re-provisions it'
        : 'provision it in the console; gatehouse reports it as drift';
      notes.comment(
        path,
        `out of date in ${outdated.length} account(s) (${[...outdated].sort(byString).join(', ')}): ${fix}`,
      );
    }
  }
  return { byName, nameByArn };
}

interface ImportedPrincipals {
  /** By user id. With an external identity source only the users assignments name. */
  users: Map<string, ImportedUser>;
  /** By group id. With an external identity source only the groups assignments name. */
  groups: Map<string, ImportedGroup>;
  /** Memberships written into member lists. */
  memberships: number;
}

function importPrincipals(facts: ImportFacts, external: boolean, notes: ImportNotes): ImportedPrincipals {
  const referenced = new Set(facts.assignments.map((a) => a.principalId));
  const users = new Map<string, ImportedUser>();
  for (const u of [...facts.users].sort((a, b) => byString(a.userName, b.userName))) {
    if (external && !referenced.has(u.id)) continue;
    const imported = importUser(u);
    users.set(u.id, imported);
    // With an external identity source a user is only a reference: rules name it whether or not it is written.
    if (!imported.spec && !external) notes.notExpressed('user', `user/${imported.key}`, imported.notes.join('; '));
  }
  const userNames = new Map(facts.users.map((u) => [u.id, u.userName]));
  const membersByGroup = new Map<string, string[]>();
  for (const m of facts.memberships)
    membersByGroup.set(m.groupId, [...(membersByGroup.get(m.groupId) ?? []), m.userId]);

  const groups = new Map<string, ImportedGroup>();
  let memberships = 0;
  for (const g of [...facts.groups].sort((a, b) => byString(a.displayName, b.displayName))) {
    if (external && !referenced.has(g.id)) continue;
    // With an external identity source memberships belong to the identity provider: none are listed.
    const members = new Set<string>();
    for (const userId of external ? [] : (membersByGroup.get(g.id) ?? [])) {
      const member = users.get(userId);
      const userName = userNames.get(userId);
      if (member?.spec) members.add(member.key);
      else if (userName !== undefined) {
        notes.notExpressed(
          'membership',
          `membership/${g.displayName}/${userName}`,
          `user ${userName} is not written (see above); applying this file would remove it from ${g.displayName}`,
        );
      }
    }
    const imported = importGroup(g, [...members].sort(byString));
    groups.set(g.id, imported);
    if (imported.spec) memberships += members.size;
    else notes.notExpressed('group', `group/${g.displayName}`, imported.notes.join('; '));
  }
  return { users, groups, memberships };
}

/** The principal an assignment names, as a rule writes it (`ref`), or why it cannot be written. */
type PrincipalName = { ref: string; shown: string } | { ref?: undefined; shown: string; why: string };

function principalNamer(
  facts: ImportFacts,
  principals: ImportedPrincipals,
  external: boolean,
): (a: AccountAssignment) => PrincipalName {
  const users = new Map(facts.users.map((u) => [u.id, u]));
  const groups = new Map(facts.groups.map((g) => [g.id, g]));
  return (a) => {
    if (a.principalType === 'USER') {
      const live = users.get(a.principalId);
      if (!live) return { shown: `user:${a.principalId}`, why: `the user no longer exists (${ORPHAN})` };
      const shown = `user:${live.userName}`;
      return external || principals.users.get(a.principalId)?.spec
        ? { ref: shown, shown }
        : { shown, why: `user ${live.userName} is not written` };
    }
    const live = groups.get(a.principalId);
    if (!live) return { shown: `group:${a.principalId}`, why: `the group no longer exists (${ORPHAN})` };
    const shown = `group:${live.displayName}`;
    return external || principals.groups.get(a.principalId)?.spec
      ? { ref: shown, shown }
      : { shown, why: `group ${live.displayName} is not written` };
  };
}

/** The live assignments grouped per (principal, permission set); what cannot be named is reported. */
function livePairs(
  facts: ImportFacts,
  sets: ImportedSets,
  principals: ImportedPrincipals,
  external: boolean,
  universe: AccountUniverse,
  notes: ImportNotes,
): LivePair[] {
  const pairs = new Map<string, LivePair>();
  const knownAccounts = new Set(universe.accounts.map((a) => a.id));
  const nameOf = principalNamer(facts, principals, external);
  for (const a of facts.assignments) {
    const psName = sets.nameByArn.get(a.permissionSetArn);
    const principal = nameOf(a);
    const shownSet = psName ?? a.permissionSetArn.slice(a.permissionSetArn.lastIndexOf('/') + 1);
    const report = (why: string) =>
      notes.notExpressed('assignment', `assignment/${shownSet}/${principal.shown}/${a.accountId}`, why);
    if (psName === undefined) {
      report(`its permission set no longer exists (${ORPHAN})`);
      continue;
    }
    if (!sets.byName.get(psName)?.spec) {
      report(`permission set ${psName} is not written`);
      continue;
    }
    if (principal.ref === undefined) {
      report(principal.why);
      continue;
    }
    if (!knownAccounts.has(a.accountId)) {
      report(`account ${a.accountId} is not in the organization, so no rule can name it`);
      continue;
    }
    const key = `${principal.ref}\u0000${psName}`;
    const pair = pairs.get(key) ?? { principal: principal.ref, permissionSet: psName, accounts: new Set<string>() };
    pair.accounts.add(a.accountId);
    pairs.set(key, pair);
  }
  return [...pairs.values()];
}

function headerComment(facts: ImportFacts, managementAccountId: string, stats: ImportStats): string {
  const where = facts.organization
    ? `organization ${facts.organization.id} (management account ${managementAccountId})`
    : `account ${facts.callerAccountId} (no organization)`;
  const ic = facts.instance
    ? `IAM Identity Center in ${facts.instance.region}`
    : `no IAM Identity Center instance (searched ${facts.probedRegions.length} region(s)): \`gatehouse plan\` lists the console step to enable it`;
  const lines = [
    `Written by \`gatehouse import\` from ${where}, ${ic}.`,
    'Applying it changes nothing: `gatehouse plan` with this file plans no changes (it may still list',
    'console-only steps of the Day-1 baseline, such as root MFA).',
  ];
  if (stats.permissionSets > 0) {
    lines.push(
      'Permission sets without the managed-by=gatehouse tag are written `managed: false`: gatehouse reads',
      'them and never changes them. Delete that line to let gatehouse manage one (apply then tags it).',
    );
  }
  if (stats.rules > 0) {
    lines.push(
      'Assignments: one rule per principal and permission set; `all`, `ou:/Path` and `tag:key=value` are',
      'used only where every account they match already has the assignment.',
    );
  }
  if (stats.identitySource === 'external') {
    lines.push(
      'Users and groups come from your identity provider (SCIM: they carry external ids), so',
      '`identitySource: external`: the ones the assignments name are written as references, and',
      'memberships are left to the identity provider.',
    );
  }
  lines.push('root, contacts and audit settings are not imported: the built-in Day-1 baseline applies to them.');
  if (stats.notExpressed.length > 0) {
    lines.push('', `Not expressed in this file (${stats.notExpressed.length}):`);
    for (const item of stats.notExpressed) lines.push(`- ${item.subject}: ${item.reason}`);
  }
  return lines.join('\n');
}
