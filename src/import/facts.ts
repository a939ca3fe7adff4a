/**
 * @module The facts `import` reads, and how they are taken out of a snapshot. A fact the config is
 * built from that was denied or failed stops the import (a file written from partial data would
 * plan deletions of what was merely unreadable); account tags and provisioning are optional (only
 * tag rules and a comment are lost without them).
 */

import { AwsAccessError } from '../errors.js';
import type {
  AccountAssignment,
  GroupMembership,
  IdentityCenterInstance,
  IdentityStoreGroup,
  IdentityStoreUser,
  OrganizationInfo,
  OrgTree,
  PermissionSetState,
  ProvisioningState,
} from '../model/types.js';
import { describeEvidence, type Evidence, requireEvidence } from '../observe/evidence.js';
import { type OrgFactId, orgFact, type Snapshot } from '../observe/snapshot.js';

/** What `gatehouse import` collects (organization-scoped facts only). */
export const IMPORT_FACTS: readonly OrgFactId[] = [
  'sts.caller-identity',
  'organizations.organization',
  'organizations.tree',
  'organizations.account-tags',
  'identity-center.instance',
  'identity-center.permission-sets',
  'identity-center.provisioning',
  'identity-center.assignments',
  'identity-store.users',
  'identity-store.groups',
  'identity-store.memberships',
];

export interface ImportFacts {
  callerAccountId: string;
  organization: OrganizationInfo | null;
  tree: OrgTree | null;
  /** Tags by account id; null when they could not be read (then no tag rules are written). */
  accountTags: Record<string, Record<string, string>> | null;
  /** Why the tags are missing, when they are. */
  accountTagsProblem?: string;
  instance: IdentityCenterInstance | null;
  probedRegions: string[];
  permissionSets: PermissionSetState[];
  /** Empty when provisioning could not be read (only a comment is lost). */
  provisioning: ProvisioningState[];
  assignments: AccountAssignment[];
  users: IdentityStoreUser[];
  groups: IdentityStoreGroup[];
  memberships: GroupMembership[];
}

/** The value of a fact the import cannot do without; notApplicable is answered by `onNotApplicable`. */
export function requiredFact<T>(
  evidence: Evidence<T> | undefined,
  factId: string,
  onNotApplicable: (reason: string) => T,
  what = 'import',
): T {
  return requireEvidence(evidence, factId, { verb: what, permissionsFor: 'audit' }, onNotApplicable);
}

const none = () => [];

/** Takes the import's facts out of a snapshot. Throws AwsAccessError for a required fact that was denied or failed. */
export function extractImportFacts(snapshot: Snapshot): ImportFacts {
  const caller = requiredFact(orgFact(snapshot, 'sts.caller-identity'), 'sts.caller-identity', (reason) => {
    throw new AwsAccessError('service', `cannot import: sts.caller-identity is not available (${reason})`);
  });
  const organization = requiredFact(
    orgFact(snapshot, 'organizations.organization'),
    'organizations.organization',
    () => null,
  );
  const tree = organization
    ? requiredFact(orgFact(snapshot, 'organizations.tree'), 'organizations.tree', () => null)
    : null;
  let accountTags: Record<string, Record<string, string>> | null = {};
  let accountTagsProblem: string | undefined;
  const tags = orgFact(snapshot, 'organizations.account-tags');
  if (organization) {
    if (tags?.status === 'ok') accountTags = tags.value;
    else if (tags?.status !== 'notApplicable') {
      accountTags = null;
      accountTagsProblem = describeEvidence(tags, 'organizations.account-tags');
    }
  }
  const instanceFact = requiredFact(orgFact(snapshot, 'identity-center.instance'), 'identity-center.instance', () => ({
    instance: null,
    probedRegions: [],
  }));
  const instance = instanceFact.instance;
  const provisioning = orgFact(snapshot, 'identity-center.provisioning');
  const facts: ImportFacts = {
    callerAccountId: caller.accountId,
    organization,
    tree,
    accountTags,
    instance,
    probedRegions: instanceFact.probedRegions,
    permissionSets: instance
      ? requiredFact(orgFact(snapshot, 'identity-center.permission-sets'), 'identity-center.permission-sets', none)
      : [],
    provisioning: instance && provisioning?.status === 'ok' ? provisioning.value : [],
    assignments: instance
      ? requiredFact(orgFact(snapshot, 'identity-center.assignments'), 'identity-center.assignments', none)
      : [],
    users: instance ? requiredFact(orgFact(snapshot, 'identity-store.users'), 'identity-store.users', none) : [],
    groups: instance ? requiredFact(orgFact(snapshot, 'identity-store.groups'), 'identity-store.groups', none) : [],
    memberships: instance
      ? requiredFact(orgFact(snapshot, 'identity-store.memberships'), 'identity-store.memberships', none)
      : [],
  };
  if (accountTagsProblem !== undefined) facts.accountTagsProblem = accountTagsProblem;
  return facts;
}
