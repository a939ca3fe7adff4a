/**
 * @module The sandbox world: the persisted state plus the in-memory indexes that make every List
 * call cost O(page) instead of O(state). Every mutation goes through these methods so the indexes
 * stay in step with the state; handlers add the AWS semantics on top.
 */

import type { RngState } from './random.js';
import { HEX, LOWER_ALNUM, randomAccessKeyId, randomChars, randomSecret, randomUuid } from './random.js';
import type {
  AccountRecord,
  AssignmentRecord,
  AsyncKind,
  AsyncRequestRecord,
  CredentialRecord,
  IdentityStoreGroupRecord,
  IdentityStoreUserRecord,
  InstanceRecord,
  MembershipRecord,
  OrganizationRecord,
  OuRecord,
  PermissionSetRecord,
  SandboxState,
} from './state.js';

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function removeFrom<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.indexOf(value);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) map.delete(key);
}

export function assignmentKey(a: {
  accountId: string;
  permissionSetArn: string;
  principalType: string;
  principalId: string;
}): string {
  return `${a.accountId}|${a.permissionSetArn}|${a.principalType}|${a.principalId}`;
}

/** Case-insensitive keys for the identity store's unique attributes (assumed; see README). */
export function uniqueKey(value: string): string {
  return value.toLowerCase();
}

/** Indexes of one Identity Center instance and its identity store. */
export class InstanceIndex {
  readonly record: InstanceRecord;
  readonly permissionSetOrder: string[] = [];
  readonly permissionSetByName = new Map<string, string>();
  readonly assignmentsByPrincipal = new Map<string, string[]>();
  readonly assignmentsByAccountPs = new Map<string, string[]>();
  readonly assignmentCountByPs = new Map<string, number>();
  readonly accountsByPs = new Map<string, string[]>();
  readonly psByAccount = new Map<string, string[]>();
  readonly requestsByKind = new Map<AsyncKind, string[]>();
  /** IN_PROGRESS requests, ordered by completion time (then creation). */
  pending: AsyncRequestRecord[] = [];
  readonly userOrder: string[] = [];
  readonly userByName = new Map<string, string>();
  readonly usersByEmail = new Map<string, string[]>();
  readonly groupOrder: string[] = [];
  readonly groupByName = new Map<string, string>();
  readonly membershipsByGroup = new Map<string, string[]>();
  readonly membershipsByMember = new Map<string, string[]>();
  readonly membershipByPair = new Map<string, string>();

  constructor(record: InstanceRecord) {
    this.record = record;
    for (const ps of Object.values(record.permissionSets)) this.indexPermissionSet(ps);
    for (const [key, a] of Object.entries(record.assignments)) this.indexAssignment(key, a);
    for (const [ps, accounts] of Object.entries(record.provisioned)) {
      for (const account of Object.keys(accounts)) this.indexProvisioned(ps, account);
    }
    const requests = Object.values(record.requests);
    for (const r of requests) pushTo(this.requestsByKind, r.kind, r.id);
    this.pending = requests.filter((r) => r.status === 'IN_PROGRESS').sort((a, b) => a.completesAt - b.completesAt);
    for (const u of Object.values(record.identityStore.users)) this.indexUser(u);
    for (const g of Object.values(record.identityStore.groups)) this.indexGroup(g);
    for (const m of Object.values(record.identityStore.memberships)) this.indexMembership(m);
  }

  // Permission sets

  private indexPermissionSet(ps: PermissionSetRecord): void {
    this.permissionSetOrder.push(ps.arn);
    this.permissionSetByName.set(ps.name, ps.arn);
  }

  addPermissionSet(ps: PermissionSetRecord): void {
    this.record.permissionSets[ps.arn] = ps;
    this.indexPermissionSet(ps);
  }

  removePermissionSet(arn: string): void {
    const ps = this.record.permissionSets[arn];
    if (!ps) return;
    delete this.record.permissionSets[arn];
    this.permissionSetByName.delete(ps.name);
    const i = this.permissionSetOrder.indexOf(arn);
    if (i >= 0) this.permissionSetOrder.splice(i, 1);
    for (const account of [...(this.accountsByPs.get(arn) ?? [])]) this.unprovision(arn, account);
    delete this.record.provisioned[arn];
  }

  // Assignments

  private indexAssignment(key: string, a: AssignmentRecord): void {
    pushTo(this.assignmentsByPrincipal, a.principalId, key);
    pushTo(this.assignmentsByAccountPs, `${a.accountId}|${a.permissionSetArn}`, key);
    this.assignmentCountByPs.set(a.permissionSetArn, (this.assignmentCountByPs.get(a.permissionSetArn) ?? 0) + 1);
  }

  addAssignment(a: AssignmentRecord): boolean {
    const key = assignmentKey(a);
    if (this.record.assignments[key]) return false;
    this.record.assignments[key] = a;
    this.indexAssignment(key, a);
    return true;
  }

  removeAssignment(key: string): AssignmentRecord | undefined {
    const a = this.record.assignments[key];
    if (!a) return undefined;
    delete this.record.assignments[key];
    removeFrom(this.assignmentsByPrincipal, a.principalId, key);
    removeFrom(this.assignmentsByAccountPs, `${a.accountId}|${a.permissionSetArn}`, key);
    const left = (this.assignmentCountByPs.get(a.permissionSetArn) ?? 1) - 1;
    if (left > 0) this.assignmentCountByPs.set(a.permissionSetArn, left);
    else this.assignmentCountByPs.delete(a.permissionSetArn);
    return a;
  }

  assignmentsOnPair(accountId: string, permissionSetArn: string): string[] {
    return this.assignmentsByAccountPs.get(`${accountId}|${permissionSetArn}`) ?? [];
  }

  // Provisioning

  private indexProvisioned(ps: string, account: string): void {
    pushTo(this.accountsByPs, ps, account);
    pushTo(this.psByAccount, account, ps);
  }

  provisionedVersion(ps: string, account: string): number | undefined {
    return this.record.provisioned[ps]?.[account];
  }

  setProvisioned(ps: string, account: string, version: number): void {
    const versions = this.record.provisioned[ps] ?? {};
    this.record.provisioned[ps] = versions;
    if (versions[account] === undefined) this.indexProvisioned(ps, account);
    versions[account] = version;
  }

  unprovision(ps: string, account: string): void {
    const versions = this.record.provisioned[ps];
    if (!versions || versions[account] === undefined) return;
    delete versions[account];
    if (Object.keys(versions).length === 0) delete this.record.provisioned[ps];
    removeFrom(this.accountsByPs, ps, account);
    removeFrom(this.psByAccount, account, ps);
  }

  // Asynchronous requests

  addRequest(r: AsyncRequestRecord): void {
    this.record.requests[r.id] = r;
    pushTo(this.requestsByKind, r.kind, r.id);
    if (r.status === 'IN_PROGRESS') {
      // Insert keeping completion order; equal times keep creation order.
      let i = this.pending.length;
      while (i > 0 && (this.pending[i - 1] as AsyncRequestRecord).completesAt > r.completesAt) i--;
      this.pending.splice(i, 0, r);
    }
  }

  // Identity store

  private indexUser(u: IdentityStoreUserRecord): void {
    this.userOrder.push(u.UserId);
    if (u.UserName) this.userByName.set(uniqueKey(u.UserName), u.UserId);
    for (const email of emailsOf(u)) pushTo(this.usersByEmail, uniqueKey(email), u.UserId);
  }

  addUser(u: IdentityStoreUserRecord): void {
    this.record.identityStore.users[u.UserId] = u;
    this.indexUser(u);
  }

  /** Re-indexes a user after its UserName or Emails changed. */
  reindexUser(u: IdentityStoreUserRecord, before: { userName: string | null; emails: string[] }): void {
    if (before.userName) this.userByName.delete(uniqueKey(before.userName));
    for (const email of before.emails) removeFrom(this.usersByEmail, uniqueKey(email), u.UserId);
    if (u.UserName) this.userByName.set(uniqueKey(u.UserName), u.UserId);
    for (const email of emailsOf(u)) pushTo(this.usersByEmail, uniqueKey(email), u.UserId);
  }

  removeUser(userId: string): void {
    const u = this.record.identityStore.users[userId];
    if (!u) return;
    delete this.record.identityStore.users[userId];
    if (u.UserName) this.userByName.delete(uniqueKey(u.UserName));
    for (const email of emailsOf(u)) removeFrom(this.usersByEmail, uniqueKey(email), userId);
    const i = this.userOrder.indexOf(userId);
    if (i >= 0) this.userOrder.splice(i, 1);
    for (const m of [...(this.membershipsByMember.get(userId) ?? [])]) this.removeMembership(m);
  }

  private indexGroup(g: IdentityStoreGroupRecord): void {
    this.groupOrder.push(g.GroupId);
    if (g.DisplayName) this.groupByName.set(uniqueKey(g.DisplayName), g.GroupId);
  }

  addGroup(g: IdentityStoreGroupRecord): void {
    this.record.identityStore.groups[g.GroupId] = g;
    this.indexGroup(g);
  }

  renameGroup(g: IdentityStoreGroupRecord, before: string | null): void {
    if (before) this.groupByName.delete(uniqueKey(before));
    if (g.DisplayName) this.groupByName.set(uniqueKey(g.DisplayName), g.GroupId);
  }

  removeGroup(groupId: string): void {
    const g = this.record.identityStore.groups[groupId];
    if (!g) return;
    delete this.record.identityStore.groups[groupId];
    if (g.DisplayName) this.groupByName.delete(uniqueKey(g.DisplayName));
    const i = this.groupOrder.indexOf(groupId);
    if (i >= 0) this.groupOrder.splice(i, 1);
    for (const m of [...(this.membershipsByGroup.get(groupId) ?? [])]) this.removeMembership(m);
  }

  private indexMembership(m: MembershipRecord): void {
    pushTo(this.membershipsByGroup, m.GroupId, m.MembershipId);
    pushTo(this.membershipsByMember, m.UserId, m.MembershipId);
    this.membershipByPair.set(`${m.GroupId}|${m.UserId}`, m.MembershipId);
  }

  addMembership(m: MembershipRecord): void {
    this.record.identityStore.memberships[m.MembershipId] = m;
    this.indexMembership(m);
  }

  removeMembership(membershipId: string): void {
    const m = this.record.identityStore.memberships[membershipId];
    if (!m) return;
    delete this.record.identityStore.memberships[membershipId];
    removeFrom(this.membershipsByGroup, m.GroupId, membershipId);
    removeFrom(this.membershipsByMember, m.UserId, membershipId);
    this.membershipByPair.delete(`${m.GroupId}|${m.UserId}`);
  }
}

export function emailsOf(u: IdentityStoreUserRecord): string[] {
  const emails = u.attributes.Emails;
  if (!Array.isArray(emails)) return [];
  return emails.flatMap((e) => {
    const value = (e as { Value?: unknown } | null)?.Value;
    return typeof value === 'string' ? [value] : [];
  });
}

/** Children of every root and OU, in creation order. */
export class OrgIndex {
  readonly record: OrganizationRecord;
  readonly ousByParent = new Map<string, string[]>();
  readonly accountsByParent = new Map<string, string[]>();
  readonly memberAccounts: string[] = [];

  constructor(record: OrganizationRecord, accounts: Iterable<AccountRecord>) {
    this.record = record;
    for (const ou of Object.values(record.ous)) pushTo(this.ousByParent, ou.parentId, ou.id);
    for (const a of accounts) if (a.org) this.indexAccount(a);
  }

  private indexAccount(a: AccountRecord): void {
    if (!a.org) return;
    pushTo(this.accountsByParent, a.org.parentId, a.id);
    this.memberAccounts.push(a.id);
  }

  addOu(ou: OuRecord): void {
    this.record.ous[ou.id] = ou;
    pushTo(this.ousByParent, ou.parentId, ou.id);
  }

  addAccount(a: AccountRecord): void {
    this.indexAccount(a);
  }

  /** `/Workloads/Dev` for an OU, `/` for the root. */
  ouPath(parentId: string): string {
    const names: string[] = [];
    let id: string | undefined = parentId;
    while (id && id !== this.record.root.id) {
      const ou: OuRecord | undefined = this.record.ous[id];
      if (!ou) break;
      names.unshift(ou.name);
      id = ou.parentId;
    }
    return `/${names.join('/')}`;
  }

  /** Ids from the root down to `parentId` (inclusive). */
  ancestry(parentId: string): string[] {
    const ids: string[] = [];
    let id: string | undefined = parentId;
    while (id) {
      ids.unshift(id);
      if (id === this.record.root.id) break;
      id = this.record.ous[id]?.parentId;
    }
    return ids;
  }
}

/** The state and its indexes. */
export class World {
  readonly state: SandboxState;
  private readonly instanceIndexes = new Map<string, InstanceIndex>();
  private orgIndex: OrgIndex | null = null;

  constructor(state: SandboxState) {
    this.state = state;
    for (const inst of Object.values(state.instances)) this.instanceIndexes.set(inst.arn, new InstanceIndex(inst));
    if (state.organization) this.orgIndex = new OrgIndex(state.organization, Object.values(state.accounts));
  }

  // Random ids from the persisted id stream.

  get idRng(): RngState {
    return this.state.rng.ids;
  }

  uuid(): string {
    return randomUuid(this.idRng);
  }

  hex(length: number): string {
    return randomChars(this.idRng, HEX, length);
  }

  lowerAlnum(length: number): string {
    return randomChars(this.idRng, LOWER_ALNUM, length);
  }

  accessKeyId(kind: 'long-term' | 'session'): string {
    let id = randomAccessKeyId(this.idRng, kind);
    while (this.state.credentials[id]) id = randomAccessKeyId(this.idRng, kind);
    return id;
  }

  secret(length = 40): string {
    return randomSecret(this.idRng, length);
  }

  /** AWS-style unique ids (`AIDA…`, `AROA…`). */
  uniqueId(prefix: 'AIDA' | 'AROA'): string {
    return `${prefix}${randomChars(this.idRng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}`;
  }

  // Accounts

  account(id: string): AccountRecord | undefined {
    return this.state.accounts[id];
  }

  addAccount(record: AccountRecord): void {
    this.state.accounts[record.id] = record;
    if (record.org) this.orgIndex?.addAccount(record);
  }

  // Credentials

  credential(accessKeyId: string): CredentialRecord | undefined {
    return this.state.credentials[accessKeyId];
  }

  addCredential(record: CredentialRecord): void {
    this.state.credentials[record.accessKeyId] = record;
  }

  removeCredential(accessKeyId: string): void {
    delete this.state.credentials[accessKeyId];
  }

  // Organization

  get organization(): OrganizationRecord | null {
    return this.state.organization;
  }

  get org(): OrgIndex | null {
    return this.orgIndex;
  }

  setOrganization(record: OrganizationRecord): OrgIndex {
    this.state.organization = record;
    this.orgIndex = new OrgIndex(record, Object.values(this.state.accounts));
    return this.orgIndex;
  }

  /** True when the account is a member (or the management account) of the organization. */
  inOrganization(accountId: string): boolean {
    return Boolean(this.state.organization && this.state.accounts[accountId]?.org);
  }

  // Identity Center instances

  instance(arn: string): InstanceIndex | undefined {
    return this.instanceIndexes.get(arn);
  }

  instances(): InstanceIndex[] {
    return [...this.instanceIndexes.values()];
  }

  instanceByStoreId(identityStoreId: string): InstanceIndex | undefined {
    for (const index of this.instanceIndexes.values()) {
      if (index.record.identityStoreId === identityStoreId) return index;
    }
    return undefined;
  }

  addInstance(record: InstanceRecord): InstanceIndex {
    this.state.instances[record.arn] = record;
    const index = new InstanceIndex(record);
    this.instanceIndexes.set(record.arn, index);
    return index;
  }
}
