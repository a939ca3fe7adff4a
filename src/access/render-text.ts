/**
 * @module The access view as text, grouped per person: one line per account × permission set × path
 * (direct or through a group), administrator access marked. Names come from AWS and the config, so
 * control characters are shown as escape text (`visibleData`) before they reach a terminal.
 */

import { visibleData } from '../util/visible-text.js';
import type { AccessEntry, AccessView } from './model.js';

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].length));

function accountLabel(e: AccessEntry): string {
  const state = e.accountState === 'ACTIVE' ? '' : ` (${e.accountState.toLowerCase().replace('_', ' ')})`;
  return `${e.accountName}${state}`;
}

const setLabel = (e: AccessEntry) => `${e.permissionSet}${e.admin ? ' [admin]' : ''}`;
const viaLabel = (e: AccessEntry) => (e.via === 'direct' ? 'direct' : `via group ${e.group ?? ''}`);

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export function renderAccessText(input: AccessView): string {
  const view = visibleData(input);
  const source = view.source === 'live' ? 'live state' : 'from the config, after apply';
  if (view.entries.length === 0) {
    const who = view.users.length === 1 ? `${view.users[0]!.userName} has no` : 'Nobody has';
    return `${who} access to any account (${source}).\n`;
  }
  const accountWidth = Math.max(...view.entries.map((e) => [...accountLabel(e)].length));
  const setWidth = Math.max(...view.entries.map((e) => [...setLabel(e)].length));
  const lines: string[] = [];
  let current: string | undefined;
  for (const e of view.entries) {
    if (e.userName !== current) {
      if (current !== undefined) lines.push('');
      current = e.userName;
      const name = e.displayName && e.displayName !== e.userName ? ` (${e.displayName})` : '';
      lines.push(`${e.userName}${name}`);
    }
    lines.push(
      `  ${pad(accountLabel(e), accountWidth)}  ${e.accountId}  ${pad(setLabel(e), setWidth)}  ${viaLabel(e)}`.trimEnd(),
    );
  }
  const people = new Set(view.entries.map((e) => e.userName)).size;
  const accounts = new Set(view.entries.map((e) => e.accountId)).size;
  const admins = new Set(view.entries.filter((e) => e.admin).map((e) => e.userName)).size;
  lines.push(
    '',
    `${plural(people, 'person', 'people')} can reach ${plural(accounts, 'account')} (${source}); ${plural(admins, 'person', 'people')} with administrator access.`,
  );
  return `${lines.join('\n')}\n`;
}
