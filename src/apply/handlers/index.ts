/**
 * @module The handler table: one handler per action type. Its type (`HandlerTable`) makes a new
 * action type without a handler a compile error.
 */

import type { HandlerTable } from '../types.js';
import { alternateContactHandler } from './alternate-contact.js';
import { assignmentHandler } from './assignment.js';
import { groupHandler } from './group.js';
import { instanceEncryptionHandler } from './instance-encryption.js';
import { membershipHandler } from './membership.js';
import { organizationHandler, rootFeatureHandler, serviceAccessHandler } from './organization.js';
import { permissionSetHandler } from './permission-set.js';
import { provisionHandler } from './provision.js';
import { userHandler } from './user.js';

export const HANDLERS: HandlerTable = {
  organization: organizationHandler,
  'service-access': serviceAccessHandler,
  'root-feature': rootFeatureHandler,
  'alternate-contact': alternateContactHandler,
  'instance-encryption': instanceEncryptionHandler,
  'permission-set': permissionSetHandler,
  'permission-set-provision': provisionHandler,
  user: userHandler,
  group: groupHandler,
  membership: membershipHandler,
  assignment: assignmentHandler,
};
