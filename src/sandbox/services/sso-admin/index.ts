/** @module The sso-admin (IAM Identity Center) operations the sandbox emulates, by operation name. */

import type { OperationTable } from '../context.js';
import { assignmentOperations } from './assignments.js';
import { instanceOperations } from './instances.js';
import { permissionSetOperations } from './permission-sets.js';

export const ssoAdminOperations: OperationTable = {
  ...instanceOperations,
  ...permissionSetOperations,
  ...assignmentOperations,
};
