/** @module The written form of an account target (`ou:/Workloads`, `tag:env=prod`, `all`, a name or an id). */

import type { AccountTarget } from './desired.js';

/** As a person writes it in `assignments[].accounts`; the inverse of the config's target parser. */
export function formatAccountTarget(target: AccountTarget): string {
  switch (target.kind) {
    case 'id':
      return target.id;
    case 'name':
      return target.name;
    case 'ou':
      return `ou:${target.path}`;
    case 'ouId':
      return `ou:${target.id}`;
    case 'tag':
      return `tag:${target.key}=${target.value}`;
    case 'all':
      return 'all';
  }
}
