/**
 * @module OU identity for account targets. AWS allows `/` in OU names, so a path string such as
 * `/Workloads/Dev` can be the OU `Dev` under `Workloads` or a root-level OU named `Workloads/Dev`.
 * Targets therefore match OUs by their name segments (walked through parent ids, never by
 * splitting a joined path), accounts belong to an OU by their parent chain, and an OU whose path
 * cannot be written unambiguously is written by its id (`ou:ou-ab12-cd34ef56`).
 */

import { ROOT_ID } from '../config/limits.js';
import type { OrgAccount, OrganizationalUnit } from '../model/types.js';

export interface OuIndex {
  byId: ReadonlyMap<string, OrganizationalUnit>;
  /** OU id → its names from the root down (the OU's own name last). */
  segments: ReadonlyMap<string, readonly string[]>;
  /** The root id, when the tree shows it (any top-level OU or account names it as parent). */
  rootId: string | undefined;
}

const indexes = new WeakMap<readonly OrganizationalUnit[], OuIndex>();

/** The OUs indexed by id with their name segments (cached per `ous` array). */
export function ouIndex(ous: readonly OrganizationalUnit[], accounts: readonly OrgAccount[] = []): OuIndex {
  const cached = indexes.get(ous);
  if (cached) return cached;
  const byId = new Map(ous.map((ou) => [ou.id, ou]));
  const segments = new Map<string, string[]>();
  const segmentsOf = (ou: OrganizationalUnit, depth: number): string[] => {
    const known = segments.get(ou.id);
    if (known) return known;
    const parent = byId.get(ou.parentId);
    // A cycle or a missing parent cannot come from AWS; stop rather than loop.
    const above = parent && depth < ous.length ? segmentsOf(parent, depth + 1) : [];
    const own = [...above, ou.name];
    segments.set(ou.id, own);
    return own;
  };
  for (const ou of ous) segmentsOf(ou, 0);
  const rootId = [...ous.map((o) => o.parentId), ...accounts.map((a) => a.parentId)].find((id) => ROOT_ID.test(id));
  const index: OuIndex = { byId, segments, rootId };
  indexes.set(ous, index);
  return index;
}

/** Segments of a written `ou:/A/B` path (the config forbids `/` inside a written segment). */
export function writtenSegments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

const sameSegments = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((s, i) => s === b[i]);

/** OUs whose name segments are exactly `segments`, and all OUs whose joined path string reads the same. */
export function ousAtPath(
  segments: readonly string[],
  index: OuIndex,
): { exact: OrganizationalUnit[]; samePathString: OrganizationalUnit[] } {
  const text = `/${segments.join('/')}`;
  const exact: OrganizationalUnit[] = [];
  const samePathString: OrganizationalUnit[] = [];
  for (const [id, own] of index.segments) {
    const ou = index.byId.get(id)!;
    if (sameSegments(own, segments)) exact.push(ou);
    if (`/${own.join('/')}` === text) samePathString.push(ou);
  }
  return { exact, samePathString };
}

/** Whether `account` sits below the OU or root `containerId` (at any depth). */
export function isUnder(account: OrgAccount, containerId: string, index: OuIndex): boolean {
  let parent: string | undefined = account.parentId;
  for (let hops = 0; parent !== undefined && hops <= index.byId.size; hops += 1) {
    if (parent === containerId) return true;
    parent = index.byId.get(parent)?.parentId;
  }
  return false;
}

/** How an OU is shown in messages: `/Workloads/Dev (ou-ab12-cd34ef56)`. */
export function describeOu(ou: OrganizationalUnit, index: OuIndex): string {
  return `${JSON.stringify(`/${(index.segments.get(ou.id) ?? [ou.name]).join('/')}`)} (${ou.id})`;
}

/**
 * The target that names exactly this OU: `ou:/A/B` when that path reads back to it alone (no `/`
 * or edge spaces inside a name, no other OU with the same path string), else `ou:<id>`.
 */
export function ouTargetText(ou: OrganizationalUnit, index: OuIndex, parsesBack: (text: string) => boolean): string {
  const own = index.segments.get(ou.id) ?? [ou.name];
  const text = `ou:/${own.join('/')}`;
  const { exact, samePathString } = ousAtPath(writtenSegments(text.slice(3)), index);
  const unique = exact.length === 1 && exact[0] === ou && samePathString.length === 1;
  return unique && parsesBack(text) ? text : `ou:${ou.id}`;
}
