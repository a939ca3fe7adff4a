/**
 * @module Makes two emulators' answers comparable: an id registry per side (raw id ↔ semantic label
 * such as `acct:dev` or `ps:Admin`), normalisation of SDK outputs (labels for registered ids, stable
 * placeholders for request ids, timestamps, tokens and secrets, sorted unordered lists), and a
 * structural diff that names the path of every difference.
 */

/** Raw ids of one side ↔ the labels both sides share. */
export class IdRegistry {
  private readonly byRaw = new Map<string, string>();
  private readonly byLabel = new Map<string, string>();

  /** Records `raw` as `label`. A raw id seen before keeps its first label (so a reused id shows up as such). */
  register(label: string, raw: string): void {
    if (raw === '') throw new Error(`empty id for ${label}`);
    if (!this.byRaw.has(raw)) this.byRaw.set(raw, label);
    this.byLabel.set(label, raw);
  }

  /** Keeps `raw` for building inputs only: outputs keep showing it (e.g. a full ARN whose format is compared). */
  remember(label: string, raw: string): void {
    this.byLabel.set(label, raw);
  }

  /** The raw id of a label on this side. */
  raw(label: string): string {
    const raw = this.byLabel.get(label);
    if (raw === undefined) throw new Error(`no id registered for ${label}`);
    return raw;
  }

  has(label: string): boolean {
    return this.byLabel.has(label);
  }

  /** Every registered raw id with its label, longest first (so an ARN is replaced before an id inside it). */
  entries(): [string, string][] {
    return [...this.byRaw.entries()].sort((a, b) => b[0].length - a[0].length);
  }
}

/** An answer: the output, or the error's name and HTTP status. */
export type Outcome = { ok: unknown } | { error: { name: string; status: number | null } };

const UUID = /\b(?:[0-9a-f]{10}-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;
const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;
const IAM_UNIQUE_ID = /\b(AIDA|AROA|ASIA|AKIA)[A-Z0-9]{12,}\b/g;
/** Members whose values are opaque per implementation (pagination tokens, secrets). */
const OPAQUE_MEMBERS: Record<string, string> = {
  NextToken: '<token>',
  Marker: '<token>',
  SecretAccessKey: '<secret>',
  SessionToken: '<secret>',
};

function normalizeString(value: string, ids: IdRegistry): string {
  let out = value;
  for (const [raw, label] of ids.entries()) {
    if (out.includes(raw)) out = out.split(raw).join(`<${label}>`);
  }
  return out.replace(UUID, '<uuid>').replace(ISO_TIME, '<time>').replace(IAM_UNIQUE_ID, '<$1…>');
}

function compareJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * A JSON value both sides can be compared on: `$metadata` dropped, Dates and ISO times → `<date>` /
 * `<time>`, blobs decoded, registered ids → `<label>`, other UUIDs → `<uuid>`, IAM unique ids →
 * `<AIDA…>`, tokens and secrets → placeholders, arrays sorted (AWS does not promise an order; a
 * step whose order matters keeps it in a string, as the credential report's header).
 */
export function normalize(value: unknown, ids: IdRegistry): unknown {
  if (value instanceof Date) return '<date>';
  if (value instanceof Uint8Array) return normalizeString(new TextDecoder().decode(value), ids);
  if (typeof value === 'string') return normalizeString(value, ids);
  if (Array.isArray(value)) {
    return value.map((v) => normalize(v, ids)).sort(compareJson);
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === '$metadata' || v === undefined) continue;
      const opaque = OPAQUE_MEMBERS[key];
      out[key] = opaque !== undefined && typeof v === 'string' ? opaque : normalize(v, ids);
    }
    return out;
  }
  return value;
}

/** One difference: where, and what each side answered there (`undefined` = absent). */
export interface Difference {
  path: string;
  sandbox: unknown;
  moto: unknown;
}

/** Members that identify a list element, in order of preference (the first unique one on both sides wins). */
const KEY_MEMBERS = [
  'SerialNumber',
  'UserName',
  'AccessKeyId',
  'MembershipId',
  'UserId',
  'GroupId',
  'Id',
  'ServicePrincipal',
  'Key',
  'RequestId',
  'user',
];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The member that identifies every element on both sides uniquely, if any. */
function keyMember(a: unknown[], b: unknown[]): string | null {
  const all = [...a, ...b];
  if (all.length === 0 || !all.every(isPlainObject)) return null;
  for (const key of KEY_MEMBERS) {
    const unique = (list: unknown[]) => {
      const values = list.map((o) => (o as Record<string, unknown>)[key]);
      return values.every((v) => typeof v === 'string') && new Set(values).size === values.length;
    };
    if (unique(a) && unique(b)) return key;
  }
  return null;
}

/**
 * Differences between two lists: equal elements pair up first; the rest pair by an identifying
 * member (path `list[Key=value]`), else by position when both have as many left, else the leftovers
 * are one difference. Lists of pages (`.pages`) pair strictly by position.
 */
function diffLists(sandbox: unknown[], moto: unknown[], path: string): Difference[] {
  if (path.endsWith('pages') && sandbox.length === moto.length) {
    return sandbox.flatMap((v, i) => diff(v, moto[i], `${path}[${i}]`));
  }
  const restMoto = [...moto];
  const restSandbox: unknown[] = [];
  for (const item of sandbox) {
    const at = restMoto.findIndex((m) => same(m, item));
    if (at >= 0) restMoto.splice(at, 1);
    else restSandbox.push(item);
  }
  if (restSandbox.length === 0 && restMoto.length === 0) return [];
  const key = keyMember(restSandbox, restMoto);
  if (key) {
    const byKey = (list: unknown[]) => new Map(list.map((o) => [(o as Record<string, string>)[key], o]));
    const a = byKey(restSandbox);
    const b = byKey(restMoto);
    const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
    return keys.flatMap((k) => diff(a.get(k), b.get(k), `${path}[${key}=${k}]`));
  }
  if (restSandbox.length === restMoto.length) {
    return restSandbox.flatMap((v, i) => diff(v, restMoto[i], `${path}[${i}]`));
  }
  return [{ path, sandbox: restSandbox, moto: restMoto }];
}

/**
 * Structural differences between two normalised values: objects member by member, lists as
 * `diffLists` pairs them; an `ok` answer against an error is one difference at the root.
 */
export function diff(sandbox: unknown, moto: unknown, path = ''): Difference[] {
  if (same(sandbox, moto)) return [];
  if (path === '' && isPlainObject(sandbox) && isPlainObject(moto)) {
    const kind = (o: Record<string, unknown>) => ('ok' in o ? 'ok' : 'error');
    if (kind(sandbox) !== kind(moto)) return [{ path: '', sandbox, moto }];
  }
  if (isPlainObject(sandbox) && isPlainObject(moto)) {
    const keys = [...new Set([...Object.keys(sandbox), ...Object.keys(moto)])].sort();
    return keys.flatMap((k) => diff(sandbox[k], moto[k], path === '' ? k : `${path}.${k}`));
  }
  if (Array.isArray(sandbox) && Array.isArray(moto)) return diffLists(sandbox, moto, path);
  return [{ path, sandbox, moto }];
}

/** `value` as one short line for a failure message. */
export function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
