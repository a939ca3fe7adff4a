/**
 * @module Canonical addresses: the one place that decides identity. Config, plan, apply, import and
 * reports name things by these strings, never by ARNs or generated ids (which are unknown before
 * apply and change on re-creation).
 */

export type PrincipalRef = { type: 'group' | 'user'; name: string };

export type Address =
  | { kind: 'organization' }
  | { kind: 'root-management'; feature: 'service-access' | 'RootCredentialsManagement' | 'RootSessions' }
  | { kind: 'contact'; contactType: 'security' | 'operations' | 'billing'; accountId?: string }
  | { kind: 'identity-center' }
  | { kind: 'permission-set'; name: string }
  | { kind: 'user'; userName: string }
  | { kind: 'group'; name: string }
  | { kind: 'membership'; group: string; userName: string }
  | { kind: 'assignment'; permissionSet: string; principal: PrincipalRef; accountId: string }
  | { kind: 'manual'; id: string };

export function principalKey(p: PrincipalRef): string {
  return `${p.type}:${p.name}`;
}

export function parsePrincipal(text: string): PrincipalRef | undefined {
  const match = /^(group|user):(.+)$/.exec(text);
  if (!match) return undefined;
  return { type: match[1] as 'group' | 'user', name: match[2]! };
}

/** Renders an address: `permission-set/Admin`, `assignment/Admin/group:Founders/111122223333`, … */
export function formatAddress(a: Address): string {
  switch (a.kind) {
    case 'organization':
      return 'organization';
    case 'root-management':
      return `root-management/${a.feature}`;
    case 'contact':
      return a.accountId ? `contact/${a.contactType}/${a.accountId}` : `contact/${a.contactType}`;
    case 'identity-center':
      return 'identity-center';
    case 'permission-set':
      return `permission-set/${a.name}`;
    case 'user':
      return `user/${a.userName}`;
    case 'group':
      return `group/${a.name}`;
    case 'membership':
      return `membership/${a.group}/${a.userName}`;
    case 'assignment':
      return `assignment/${a.permissionSet}/${principalKey(a.principal)}/${a.accountId}`;
    case 'manual':
      return `manual/${a.id}`;
  }
}

/**
 * Parses an address string back. Names may contain `/` only in the last segment of a kind that
 * allows it (user names can contain `/`? no: Identity Store user names allow punctuation, so a user
 * name with `/` is rendered verbatim as the last segment and parsed greedily).
 */
export function parseAddress(text: string): Address | undefined {
  const [head, ...rest] = text.split('/');
  const tail = rest.join('/');
  switch (head) {
    case 'organization':
      return rest.length === 0 ? { kind: 'organization' } : undefined;
    case 'identity-center':
      return rest.length === 0 ? { kind: 'identity-center' } : undefined;
    case 'root-management':
      return tail === 'service-access' || tail === 'RootCredentialsManagement' || tail === 'RootSessions'
        ? { kind: 'root-management', feature: tail }
        : undefined;
    case 'contact': {
      const [contactType, accountId, ...more] = rest;
      if (more.length > 0) return undefined;
      if (contactType !== 'security' && contactType !== 'operations' && contactType !== 'billing') return undefined;
      return accountId ? { kind: 'contact', contactType, accountId } : { kind: 'contact', contactType };
    }
    case 'permission-set':
      return tail ? { kind: 'permission-set', name: tail } : undefined;
    case 'user':
      return tail ? { kind: 'user', userName: tail } : undefined;
    case 'group':
      return tail ? { kind: 'group', name: tail } : undefined;
    case 'manual':
      return tail ? { kind: 'manual', id: tail } : undefined;
    case 'membership': {
      const [group, ...user] = rest;
      const userName = user.join('/');
      return group && userName ? { kind: 'membership', group, userName } : undefined;
    }
    case 'assignment': {
      if (rest.length < 3) return undefined;
      const accountId = rest[rest.length - 1]!;
      const permissionSet = rest[0]!;
      const principal = parsePrincipal(rest.slice(1, -1).join('/'));
      if (!principal || !/^\d{12}$/.test(accountId)) return undefined;
      return { kind: 'assignment', permissionSet, principal, accountId };
    }
    default:
      return undefined;
  }
}
