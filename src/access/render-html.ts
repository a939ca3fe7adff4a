/**
 * @module The access view as one self-contained HTML file: a matrix of people × accounts whose cells
 * name the permission sets (with how each is reached: directly or through which group), cells that
 * grant administrator access marked. Inline CSS only — no scripts, no external URLs — so it opens
 * offline, can be attached to a ticket, and prints (landscape, header repeated on each page).
 */

import { escapeHtml } from '../report/escape.js';
import type { AccessEntry, AccessView } from './model.js';

const CSS = `
:root { color-scheme: light; --admin: #b42318; --admin-bg: #fef3f2; --line: #d0d5dd; --muted: #475467; }
* { box-sizing: border-box; }
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px; color: #101828; }
h1 { font-size: 20px; margin: 0 0 4px; }
p.meta { color: var(--muted); margin: 0 0 16px; }
.legend { margin: 0 0 12px; color: var(--muted); }
.legend .admin-mark { margin-right: 4px; }
.wrap { overflow-x: auto; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: 6px 8px; vertical-align: top; text-align: left; }
thead th { background: #f2f4f7; position: sticky; top: 0; }
thead th .id { display: block; font-weight: normal; color: var(--muted); font-size: 12px; }
tbody th { background: #f9fafb; white-space: nowrap; }
tbody th .display { display: block; font-weight: normal; color: var(--muted); font-size: 12px; }
td.none { background: #fff; }
td.admin { background: var(--admin-bg); box-shadow: inset 3px 0 0 var(--admin); }
ul { list-style: none; margin: 0; padding: 0; }
li { white-space: nowrap; }
.ps { font-weight: 600; }
.via { color: var(--muted); font-size: 12px; }
.admin-mark { color: var(--admin); font-weight: 700; }
.inactive { color: var(--muted); font-style: italic; }
@media print {
  @page { size: landscape; margin: 12mm; }
  body { margin: 0; font-size: 10px; }
  .wrap { overflow: visible; }
  thead { display: table-header-group; }
  thead th { position: static; }
  tr { break-inside: avoid; }
  td.admin { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

interface Column {
  id: string;
  name: string;
  state: AccessEntry['accountState'];
}

function columnsOf(entries: AccessEntry[]): Column[] {
  const byId = new Map<string, Column>();
  for (const e of entries) byId.set(e.accountId, { id: e.accountId, name: e.accountName, state: e.accountState });
  return [...byId.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
}

function cell(entries: AccessEntry[]): string {
  if (entries.length === 0) return '<td class="none"></td>';
  const bySet = new Map<string, AccessEntry[]>();
  for (const e of entries) bySet.set(e.permissionSet, [...(bySet.get(e.permissionSet) ?? []), e]);
  const admin = entries.some((e) => e.admin);
  const items = [...bySet].map(([set, paths]) => {
    const via = paths.map((p) => (p.via === 'direct' ? 'direct' : `via ${escapeHtml(p.group ?? '')}`)).join(', ');
    const mark = paths[0]!.admin ? '<span class="admin-mark" title="administrator access">★ </span>' : '';
    return `<li>${mark}<span class="ps">${escapeHtml(set)}</span> <span class="via">(${via})</span></li>`;
  });
  return `<td class="${admin ? 'admin' : 'granted'}"><ul>${items.join('')}</ul></td>`;
}

export function renderAccessHtml(view: AccessView, options: { title?: string } = {}): string {
  const title = options.title ?? 'Who can reach which AWS account';
  const source = view.source === 'live' ? 'the live state' : 'the config (what is true after apply)';
  const columns = columnsOf(view.entries);
  const people = [...new Set(view.entries.map((e) => e.userName))];
  const byPerson = new Map<string, AccessEntry[]>();
  for (const e of view.entries) byPerson.set(e.userName, [...(byPerson.get(e.userName) ?? []), e]);
  const admins = new Set(view.entries.filter((e) => e.admin).map((e) => e.userName)).size;

  const head = columns
    .map((c) => {
      const state =
        c.state === 'ACTIVE'
          ? ''
          : ` <span class="inactive">(${escapeHtml(c.state.toLowerCase().replace('_', ' '))})</span>`;
      return `<th scope="col">${escapeHtml(c.name)}${state}<span class="id">${escapeHtml(c.id)}</span></th>`;
    })
    .join('');
  const rows = people
    .map((userName) => {
      const entries = byPerson.get(userName) ?? [];
      const first = entries[0]!;
      const display =
        first.displayName && first.displayName !== userName
          ? `<span class="display">${escapeHtml(first.displayName)}</span>`
          : '';
      const cells = columns.map((c) => cell(entries.filter((e) => e.accountId === c.id))).join('');
      return `<tr><th scope="row">${escapeHtml(userName)}${display}</th>${cells}</tr>`;
    })
    .join('\n');
  const body =
    view.entries.length === 0
      ? '<p>Nobody has access to any account.</p>'
      : `<p class="legend"><span class="admin-mark">★</span>administrator access (its policies let it grant itself any permission: AdministratorAccess, an inline * on *, iam:* and the like) · (via GROUP): through membership of that group · (direct): assigned to the person</p>
<div class="wrap"><table>
<thead><tr><th scope="col">Person</th>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">From ${escapeHtml(source)}: ${people.length} ${people.length === 1 ? 'person' : 'people'}, ${columns.length} ${columns.length === 1 ? 'account' : 'accounts'}, ${admins} ${admins === 1 ? 'person' : 'people'} with administrator access.${view.portalUrl ? ` Access portal: ${escapeHtml(view.portalUrl)}` : ''}</p>
${body}
</body>
</html>
`;
}
