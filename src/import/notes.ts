/**
 * @module What import could not express, and the comments it writes: every item left out of the
 * config is both an entry of `stats.notExpressed` and a comment in the file — never a silent loss.
 */

import { formatPath } from '../config/issues.js';
import type { ConfigComments } from '../config/render-yaml.js';

export type NotExpressedKind = 'permission-set' | 'attribute' | 'user' | 'group' | 'membership' | 'assignment' | 'tags';

/** One live thing the written config does not reproduce. */
export interface NotExpressed {
  kind: NotExpressedKind;
  /** What it is: `permission-set/Admin`, `user/bob`, `membership/Founders/bob`, `assignment/Admin/group:Ops/222222222222`. */
  subject: string;
  reason: string;
}

const KIND_ORDER: readonly NotExpressedKind[] = [
  'tags',
  'permission-set',
  'attribute',
  'user',
  'group',
  'membership',
  'assignment',
];

export class ImportNotes {
  private readonly items: NotExpressed[] = [];
  readonly comments: ConfigComments = {};

  /** A comment before the element at `path` (lines accumulate). */
  comment(path: (string | number)[], line: string): void {
    const key = formatPath(path);
    this.comments[key] = this.comments[key] ? `${this.comments[key]}\n${line}` : line;
  }

  notExpressed(kind: NotExpressedKind, subject: string, reason: string): void {
    this.items.push({ kind, subject, reason });
  }

  /** In a stable order (by kind, then subject), whatever order the live state came in. */
  list(): NotExpressed[] {
    return [...this.items].sort(
      (a, b) =>
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
        (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0),
    );
  }
}
