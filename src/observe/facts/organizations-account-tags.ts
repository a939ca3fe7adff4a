/**
 * @module Fact `organizations.account-tags`: the tags of every account (one ListTagsForResource per
 * account, so only read when a config targets `tag:key=value` or a check needs tags).
 */

import type { AccountId } from '../../model/types.js';
import { ok } from '../evidence.js';
import { defineFact } from '../fact.js';
import { mapLimit, propagate } from '../read-helpers.js';

export const organizationsAccountTags = defineFact({
  id: 'organizations.account-tags',
  scope: 'organization',
  iamActions: ['organizations:ListTagsForResource'],
  needs: ['organizations.tree'],
  async read(ctx) {
    const tree = ctx.need('organizations.tree');
    if (tree.status !== 'ok') return propagate(tree, 'organizations.tree');
    const ids = tree.value.accounts.map((a) => a.id);
    const tagLists = await mapLimit(ids, 4, (id) =>
      ctx.aws.list('organizations', 'ListTagsForResource', { ResourceId: id }, 'Tags'),
    );
    const result: Record<AccountId, Record<string, string>> = {};
    ids.forEach((id, i) => {
      const tags: Record<string, string> = {};
      for (const t of tagLists[i] ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? '';
      result[id] = tags;
    });
    return ok(result);
  },
});
