/**
 * @module What import could not express, and the comments it writes: every item left out of the
 * config is both an entry of `stats.notExpressed` and a comment in the file — never a silent loss.
 */

import { formatPath } from '../config/issues.js';
import type { ConfigComments } from '../config/render-yaml.js';
import { visible } from '../util/visible-text.js';

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
  /** Keyed by path (a path may end in a name such as `__proto__`): no prototype to collide with. */
  readonly comments: ConfigComments = Object.create(null) as ConfigComments;

  /** A comment before the element at `path` (lines accumulate; a name's own line breaks are shown as `\n`, never a new line). */
  comment(path: (string | number)[], line: string): void {
    const key = formatPath(path);
    const safeLine = visible(line);
    this.comments[key] = this.comments[key] ? `${this.comments[key]}\n${safeLine}` : safeLine;
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
