/** @module The access view as JSON: a versioned document with a fixed key order, so the same state always gives the same bytes. */

import type { AccessView } from './model.js';

export const ACCESS_FORMAT = 'gatehouse-access';
export const ACCESS_FORMAT_VERSION = 1;

export function renderAccessJson(view: AccessView): string {
  const document = {
    format: ACCESS_FORMAT,
    formatVersion: ACCESS_FORMAT_VERSION,
    source: view.source,
    portalUrl: view.portalUrl ?? null,
    identityCenterRegion: view.identityCenterRegion ?? null,
    entries: view.entries.map((e) => ({
      userName: e.userName,
      displayName: e.displayName,
      userKey: e.userKey,
      accountId: e.accountId,
      accountName: e.accountName,
      accountState: e.accountState,
      permissionSet: e.permissionSet,
      via: e.via,
      group: e.group ?? null,
      admin: e.admin,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
