/** @module Public face of the policy evaluator: documents, three-valued evaluation, the admin definition. */

export {
  ADMIN_DEFINITION,
  ADMIN_PATHS,
  type AdminJudgement,
  customerPolicyName,
  judgeAdmin,
  type PermissionSetPolicies,
  permissionSetAdmin,
  permissionSetInputs,
} from './admin.js';
export { awsManagedPolicy, KNOWN_AWS_MANAGED_POLICIES } from './aws-managed.js';
export { type Policy, policyFromDocument, policyFromText, type Statement } from './document.js';
export { allows, type PermissionInputs, statementCovers, type Tri, triMax, triMin } from './evaluate.js';
export { actionMatches, resourceMatches } from './match.js';
