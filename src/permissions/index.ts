/** @module Least-privilege IAM policies for each use of gatehouse (`gatehouse permissions --for audit|apply`). */

import './apply.js';

export { placesFor } from './places.js';
export {
  type AuditPolicyOptions,
  actionsByResource,
  auditGrants,
  buildPolicy,
  NO_PERMISSION_NEEDED,
  type PolicyDocument,
  type PolicyStatement,
  permissionsPolicy,
} from './policy.js';
export { type PermissionGrant, type PermissionUse, registeredGrants, registerPermissions } from './registry.js';
