/**
 * @module The built-in baseline: what `gatehouse audit` judges against when there is no config. The
 * rules of examples/startup.yaml (root MFA, no root keys, the organization instance with an AWS owned
 * key, MFA required, Admin and PowerUser) without its people and assignments.
 */

import type { DesiredState } from '../model/desired.js';
import { normalizeConfig } from './normalize.js';
import { configSchema, type WrittenConfig } from './schema.js';

/** The baseline as a written config (also what `renderConfigYaml` prints for it). */
export const DEFAULT_BASELINE_CONFIG: WrittenConfig = {
  version: 1,
  root: { mfa: 'required', accessKeys: 'forbidden' },
  identityCenter: { instance: 'organization', encryption: 'aws-owned-key', requireMfa: true },
  permissionSets: {
    Admin: { description: 'Founders / Infra', policies: ['AdministratorAccess'], sessionDuration: 'PT4H' },
    PowerUser: { description: 'DevOps / Engineers', policies: ['PowerUserAccess'], sessionDuration: 'PT8H' },
  },
};

/** A fresh copy of the built-in baseline (no `file`; the hash identifies it in reports). */
export function defaultBaseline(): DesiredState {
  return normalizeConfig(configSchema.parse(DEFAULT_BASELINE_CONFIG), { inlinePolicies: new Map() });
}
