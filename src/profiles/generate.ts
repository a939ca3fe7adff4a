/**
 * @module AWS CLI profiles from an access view: one `[sso-session …]` section (start URL, the
 * Identity Center region, the `sso:account:access` scope) and one `[profile …]` per (account,
 * permission set) the person can use, in ACTIVE accounts only. Built from the config or the live
 * state, so no portal calls (and none of the portal's rate limits) are involved. Pure.
 */

import type { AccessView } from '../access/model.js';
import { UsageError } from '../errors.js';
import { assignProfileNames, DEFAULT_NAME_PATTERN, nameKey } from './names.js';

export interface SsoSessionSpec {
  name: string;
  startUrl: string;
  /** The Identity Center region (where the portal signs people in). */
  region: string;
}

export interface ProfileSpec {
  name: string;
  accountId: string;
  accountName: string;
  /** The permission set: the role the profile signs in with (`sso_role_name`). */
  permissionSet: string;
  /** Default region of the profile's commands. */
  region: string;
}

export interface ProfilesDocument {
  session: SsoSessionSpec;
  /** Sorted by name. */
  profiles: ProfileSpec[];
}

export interface BuildProfilesOptions {
  namePattern?: string;
  /** Default region of every profile (default: the Identity Center region). */
  region?: string;
  /** Name of the sso-session section (default: the view's). */
  sessionName?: string;
}

export const SSO_REGISTRATION_SCOPES = 'sso:account:access';

/** Keeps a URL in plain ASCII (non-ASCII characters percent-encoded), so the block is ASCII throughout. */
function asciiUrl(url: string): string {
  return /^[\x20-\x7e]*$/.test(url) ? url : new URL(url).href;
}

/**
 * The profiles of a view (already limited to one person when wanted). Throws when the view has no
 * portal URL or region (no Identity Center instance): there is nothing to sign in to.
 */
export function buildProfiles(view: AccessView, options: BuildProfilesOptions = {}): ProfilesDocument {
  if (!view.portalUrl || !view.identityCenterRegion) {
    throw new UsageError('no IAM Identity Center instance was found: there is no access portal to make profiles for', {
      hints: ['enable Identity Center first (`gatehouse plan` lists the console step), or check --region'],
    });
  }
  const pairs = new Map<string, { accountId: string; accountName: string; permissionSet: string }>();
  for (const e of view.entries) {
    if (e.accountState !== 'ACTIVE') continue;
    pairs.set(nameKey(e), { accountId: e.accountId, accountName: e.accountName, permissionSet: e.permissionSet });
  }
  const items = [...pairs.values()];
  const names = assignProfileNames(items, options.namePattern ?? DEFAULT_NAME_PATTERN);
  const region = options.region ?? view.identityCenterRegion;
  const profiles = items
    .map((item) => ({ name: names.get(nameKey(item))!, ...item, region }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    session: {
      name: options.sessionName ?? view.ssoSessionName,
      startUrl: asciiUrl(view.portalUrl),
      region: view.identityCenterRegion,
    },
    profiles,
  };
}

/** The lines of the sso-session section. */
export function sessionLines(session: SsoSessionSpec): string[] {
  return [
    `[sso-session ${session.name}]`,
    `sso_start_url = ${session.startUrl}`,
    `sso_region = ${session.region}`,
    `sso_registration_scopes = ${SSO_REGISTRATION_SCOPES}`,
  ];
}

/** The lines of one profile section. */
export function profileLines(profile: ProfileSpec, sessionName: string): string[] {
  return [
    `[profile ${profile.name}]`,
    `sso_session = ${sessionName}`,
    `sso_account_id = ${profile.accountId}`,
    `sso_role_name = ${profile.permissionSet}`,
    `region = ${profile.region}`,
  ];
}
