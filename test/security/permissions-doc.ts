/**
 * @module The generated parts of docs/permissions.md: the policies `gatehouse permissions` prints,
 * the policy for the role audits enter in member accounts, and for every action who needs it. The
 * doc keeps them between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`;
 * permissions-doc.test.ts keeps them equal to what the code generates (`UPDATE_DOCS=1` rewrites).
 */

import { HANDLERS } from '../../src/apply/handlers/index.js';
import { applyIamActions, PLAN_FACT_IDS } from '../../src/apply/permissions.js';
import { DEFAULT_MEMBER_ROLE } from '../../src/aws/index.js';
import { ALL_FACT_IDS, FACT_READERS, isAccountFact } from '../../src/observe/facts/index.js';
import {
  buildPolicy,
  NO_PERMISSION_NEEDED,
  type PolicyDocument,
  permissionsPolicy,
} from '../../src/permissions/index.js';

export type BlockName = 'audit-policy' | 'apply-policy' | 'member-account-policy' | 'audit-actions' | 'apply-actions';

/** What the role in each member account needs: the account-scoped facts' reads, nothing else. */
export function memberAccountPolicy(): PolicyDocument {
  return buildPolicy([{ source: 'observe/member-account', facts: ALL_FACT_IDS.filter(isAccountFact) }]);
}

function json(policy: PolicyDocument): string {
  return ['```json', JSON.stringify(policy, null, 2), '```'].join('\n');
}

function table(rows: Map<string, Set<string>>): string {
  const lines = ['| IAM action | Needed for |', '| --- | --- |'];
  for (const [action, uses] of [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push(`| \`${action}\` | ${[...uses].join(', ')} |`);
  }
  return lines.join('\n');
}

function add(rows: Map<string, Set<string>>, action: string, use: string): void {
  if (NO_PERMISSION_NEEDED.has(action)) return;
  const uses = rows.get(action) ?? new Set<string>();
  uses.add(use);
  rows.set(action, uses);
}

/** Every action of the audit policy, with the facts (observations) that read with it. */
function auditActions(): string {
  const rows = new Map<string, Set<string>>();
  for (const id of ALL_FACT_IDS) for (const a of FACT_READERS[id].iamActions) add(rows, a, `fact \`${id}\``);
  add(rows, 'sts:AssumeRole', `entering member accounts (\`audit --accounts\`), role \`${DEFAULT_MEMBER_ROLE}\` only`);
  return table(rows);
}

/** Every action of the apply policy: the plan's reads (by fact) and the writes (by action type). */
function applyActions(): string {
  const rows = new Map<string, Set<string>>();
  for (const id of PLAN_FACT_IDS) for (const a of FACT_READERS[id].iamActions) add(rows, a, `plan reads \`${id}\``);
  for (const [type, handler] of Object.entries(HANDLERS)) {
    for (const a of handler.iamActions) add(rows, a, `apply \`${type}\``);
  }
  for (const a of applyIamActions()) if (!rows.has(a)) add(rows, a, 'apply');
  return table(rows);
}

export function generatedBlocks(): Record<BlockName, string> {
  return {
    'audit-policy': json(permissionsPolicy('audit', { memberAccessRole: DEFAULT_MEMBER_ROLE })),
    'apply-policy': json(permissionsPolicy('apply')),
    'member-account-policy': json(memberAccountPolicy()),
    'audit-actions': auditActions(),
    'apply-actions': applyActions(),
  };
}

const BLOCK = /<!-- generated:([a-z-]+) -->\n(?:([\s\S]*?)\n)?<!-- \/generated:\1 -->/g;

/** The generated blocks found in `doc`, by name. */
export function blocksIn(doc: string): Map<string, string> {
  return new Map([...doc.matchAll(BLOCK)].map((m) => [m[1]!, m[2] ?? '']));
}

/** `doc` with every generated block replaced by its current content. */
export function regenerate(doc: string, blocks: Record<string, string>): string {
  return doc.replace(BLOCK, (whole, name: string) =>
    name in blocks ? `<!-- generated:${name} -->\n${blocks[name]}\n<!-- /generated:${name} -->` : whole,
  );
}
