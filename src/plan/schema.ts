/**
 * @module The zod schema of the plan file: validates plan files on load and generates
 * `schema/plan.schema.json`. It mirrors the hand-written types of `actions.ts` exactly; the type
 * assertions at the bottom fail to compile when the two drift apart.
 */

import { z } from 'zod';
import {
  DRIFT_CODES,
  MANUAL_STEP_IDS,
  PERMISSION_SET_ATTRIBUTES,
  PLAN_FORMAT,
  PLAN_FORMAT_VERSION,
  type PlanAction,
  type PlanDocument,
  type PlanFile,
  REASON_CODES,
  RISKS,
} from './actions.js';

const accountId = z.string().regex(/^\d{12}$/);
const strings = z.array(z.string());

const customerPolicy = z.strictObject({ name: z.string(), path: z.string() }).meta({ id: 'CustomerManagedPolicyRef' });
const boundary = z
  .union([z.strictObject({ managedPolicyArn: z.string() }), z.strictObject({ customerManagedPolicy: customerPolicy })])
  .meta({ id: 'PermissionsBoundary' });

const base = {
  id: z.string().describe('`<address>#<kind>`; unique in the plan'),
  address: z.string().describe('Canonical address (formatAddress)'),
  reason: z.strictObject({ code: z.enum(REASON_CODES), message: z.string() }).meta({
    id: 'Reason',
    description: 'Why the action was chosen. For humans only: apply must never branch on it.',
  }),
  risk: z.enum(RISKS),
  dependsOn: strings.describe('Action ids that must finish (asynchronous ones: SUCCEEDED) first'),
  blockedBy: strings.describe('Manual step ids that must be done first'),
  applyable: z.boolean().describe('False when blocked by a manual step: apply skips it'),
};

const permissionSetAttributes = z
  .strictObject({
    name: z.string(),
    description: z.string().nullable(),
    sessionDuration: z.string(),
    relayState: z.string().nullable(),
    managedPolicies: strings,
    customerManagedPolicies: z.array(customerPolicy),
    inlinePolicy: z.string().nullable().describe('Canonical compact JSON, or null'),
    permissionsBoundary: boundary.nullable(),
    tags: z.record(z.string(), z.string()),
  })
  .meta({ id: 'PermissionSetAttributes' });
const knownSet = z.strictObject({ name: z.string(), arn: z.string() });
const newSet = z.strictObject({ name: z.string(), arn: z.null() });
const anySet = z.strictObject({ name: z.string(), arn: z.string().nullable() });
const contact = z
  .strictObject({ name: z.string(), title: z.string(), email: z.string(), phone: z.string() })
  .meta({ id: 'AlternateContact' });
const encryption = z
  .strictObject({
    keyType: z.enum(['AWS_OWNED_KMS_KEY', 'CUSTOMER_MANAGED_KEY']),
    kmsKeyArn: z.string().nullable(),
  })
  .meta({ id: 'InstanceEncryption' });
const provisioningView = z
  .strictObject({ accounts: z.array(accountId), outdated: z.array(accountId) })
  .meta({ id: 'ProvisioningView' });
const userAttributes = z
  .strictObject({
    userName: z.string(),
    displayName: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    email: z.string(),
  })
  .meta({ id: 'UserAttributes' });
const userAttribute = z.enum(['displayName', 'givenName', 'familyName', 'email']);
const groupAttributes = z
  .strictObject({ displayName: z.string(), description: z.string().nullable() })
  .meta({ id: 'GroupAttributes' });
const membershipView = z.strictObject({ group: z.string(), userName: z.string() }).meta({ id: 'MembershipView' });
const principalType = z.enum(['user', 'group']);
const assignmentView = z
  .strictObject({ permissionSet: z.string(), principal: z.string(), accountId })
  .meta({ id: 'AssignmentView' });

const organizationAction = z.strictObject({
  ...base,
  type: z.literal('organization'),
  kind: z.literal('create'),
  before: z.null(),
  after: z.strictObject({ featureSet: z.literal('ALL') }),
});
const serviceAccessAction = z.strictObject({
  ...base,
  type: z.literal('service-access'),
  kind: z.literal('create'),
  servicePrincipal: z.string(),
  before: z.null(),
  after: z.strictObject({ servicePrincipal: z.string() }),
});
const rootFeature = z.enum(['RootCredentialsManagement', 'RootSessions']);
const rootFeatureAction = z.strictObject({
  ...base,
  type: z.literal('root-feature'),
  kind: z.literal('create'),
  feature: rootFeature,
  before: z.null(),
  after: z.strictObject({ feature: rootFeature }),
});
const alternateContactAction = z.strictObject({
  ...base,
  type: z.literal('alternate-contact'),
  kind: z.enum(['create', 'update']),
  contactType: z.enum(['SECURITY', 'OPERATIONS', 'BILLING']),
  accountId,
  before: contact.nullable(),
  after: contact,
});
const instanceEncryptionAction = z.strictObject({
  ...base,
  type: z.literal('instance-encryption'),
  kind: z.literal('update'),
  before: encryption,
  after: encryption,
});
const permissionSetAction = z.discriminatedUnion('kind', [
  z.strictObject({
    ...base,
    type: z.literal('permission-set'),
    kind: z.literal('create'),
    permissionSet: newSet,
    before: z.null(),
    after: permissionSetAttributes,
  }),
  z.strictObject({
    ...base,
    type: z.literal('permission-set'),
    kind: z.literal('update'),
    permissionSet: knownSet,
    changes: z.array(z.enum(PERMISSION_SET_ATTRIBUTES)),
    before: permissionSetAttributes,
    after: permissionSetAttributes,
  }),
  z.strictObject({
    ...base,
    type: z.literal('permission-set'),
    kind: z.literal('replace'),
    permissionSet: newSet,
    replaces: knownSet,
    before: permissionSetAttributes,
    after: permissionSetAttributes,
  }),
  z.strictObject({
    ...base,
    type: z.literal('permission-set'),
    kind: z.literal('delete'),
    permissionSet: knownSet,
    before: permissionSetAttributes,
    after: z.null(),
  }),
]);
const provisionAction = z.strictObject({
  ...base,
  type: z.literal('permission-set-provision'),
  kind: z.literal('provision'),
  permissionSet: knownSet,
  target: z.enum(['ALL_PROVISIONED_ACCOUNTS', 'AWS_ACCOUNT']),
  accountIds: z.array(accountId),
  before: provisioningView,
  after: provisioningView,
});
const userAction = z.discriminatedUnion('kind', [
  z.strictObject({
    ...base,
    type: z.literal('user'),
    kind: z.literal('create'),
    user: z.strictObject({ userName: z.string(), id: z.null() }),
    before: z.null(),
    after: userAttributes,
  }),
  z.strictObject({
    ...base,
    type: z.literal('user'),
    kind: z.literal('update'),
    user: z.strictObject({ userName: z.string(), id: z.string() }),
    changes: z.array(userAttribute),
    before: userAttributes,
    after: userAttributes,
  }),
  z.strictObject({
    ...base,
    type: z.literal('user'),
    kind: z.literal('delete'),
    user: z.strictObject({ userName: z.string(), id: z.string() }),
    before: userAttributes,
    after: z.null(),
  }),
]);
const groupAction = z.discriminatedUnion('kind', [
  z.strictObject({
    ...base,
    type: z.literal('group'),
    kind: z.literal('create'),
    group: z.strictObject({ name: z.string(), id: z.null() }),
    before: z.null(),
    after: groupAttributes,
  }),
  z.strictObject({
    ...base,
    type: z.literal('group'),
    kind: z.literal('update'),
    group: z.strictObject({ name: z.string(), id: z.string() }),
    before: groupAttributes,
    after: groupAttributes,
  }),
  z.strictObject({
    ...base,
    type: z.literal('group'),
    kind: z.literal('delete'),
    group: z.strictObject({ name: z.string(), id: z.string() }),
    before: groupAttributes,
    after: z.null(),
  }),
]);
const membershipAction = z.discriminatedUnion('kind', [
  z.strictObject({
    ...base,
    type: z.literal('membership'),
    kind: z.literal('create'),
    group: z.strictObject({ name: z.string(), id: z.string().nullable() }),
    user: z.strictObject({ userName: z.string(), id: z.string().nullable() }),
    before: z.null(),
    after: membershipView,
  }),
  z.strictObject({
    ...base,
    type: z.literal('membership'),
    kind: z.literal('delete'),
    membershipId: z.string(),
    group: z.strictObject({ name: z.string(), id: z.string() }),
    user: z.strictObject({ userName: z.string(), id: z.string() }),
    before: membershipView,
    after: z.null(),
  }),
]);
const assignmentAction = z.discriminatedUnion('kind', [
  z.strictObject({
    ...base,
    type: z.literal('assignment'),
    kind: z.literal('create'),
    permissionSet: anySet,
    principal: z.strictObject({ type: principalType, name: z.string(), id: z.string().nullable() }),
    accountId,
    before: z.null(),
    after: assignmentView,
  }),
  z.strictObject({
    ...base,
    type: z.literal('assignment'),
    kind: z.literal('delete'),
    permissionSet: knownSet,
    principal: z.strictObject({ type: principalType, name: z.string(), id: z.string() }),
    accountId,
    before: assignmentView,
    after: z.null(),
  }),
]);

export const planActionSchema = z
  .discriminatedUnion('type', [
    organizationAction,
    serviceAccessAction,
    rootFeatureAction,
    alternateContactAction,
    instanceEncryptionAction,
    permissionSetAction,
    provisionAction,
    userAction,
    groupAction,
    membershipAction,
    assignmentAction,
  ])
  .meta({ id: 'PlanAction', description: 'One action: a closed union discriminated on `type`, then `kind`.' });

const manualStep = z
  .strictObject({
    id: z.enum(MANUAL_STEP_IDS),
    address: z.string(),
    title: z.string(),
    why: z.string(),
    consoleSteps: strings,
    resources: strings.optional().describe('ARNs of the resources the step acts on, as the audit names them'),
    blocks: strings.describe('Action ids that wait for this step'),
    after: strings.describe('Action ids to apply before this step can be done'),
    verify: z.string(),
  })
  .meta({ id: 'ManualStep', description: 'Something only a person in the console can do.' });

const sourceRef = z.strictObject({ file: z.string(), line: z.number().int(), column: z.number().int() });
const diagnostic = z
  .strictObject({
    severity: z.enum(['error', 'warning']),
    code: z.string(),
    message: z.string(),
    file: z.string(),
    line: z.number().int(),
    column: z.number().int(),
    path: z.string().optional(),
  })
  .meta({ id: 'Diagnostic' });

const ruleResolution = z
  .strictObject({
    rule: z.number().int().min(0),
    principal: z.string(),
    permissionSet: z.string(),
    targets: strings,
    exclude: strings,
    accounts: z.array(accountId),
    skipped: z.array(z.strictObject({ id: accountId, why: z.string() })),
    source: sourceRef.optional(),
  })
  .meta({ id: 'RuleResolution' });

const count = z.number().int().min(0);

const planDocumentShape = {
  format: z.literal(PLAN_FORMAT),
  formatVersion: z.literal(PLAN_FORMAT_VERSION),
  createdAt: z.string(),
  configHash: z.string(),
  configFile: z.string().nullable(),
  observedAt: z.string(),
  observedFingerprint: z.string(),
  caller: z.strictObject({ accountId, arn: z.string() }),
  organizationId: z.string().nullable(),
  managementAccountId: accountId,
  identityCenter: z
    .strictObject({ instanceArn: z.string(), identityStoreId: z.string(), region: z.string() })
    .nullable(),
  options: z.strictObject({ prune: z.boolean() }),
  actions: z.array(planActionSchema).describe('In execution order'),
  manualSteps: z.array(manualStep),
  resolution: z.array(ruleResolution),
  drift: z.array(z.strictObject({ code: z.enum(DRIFT_CODES), address: z.string(), message: z.string() })),
  warnings: z.array(diagnostic),
  accountNames: z.record(z.string(), z.string()),
  summary: z.strictObject({
    add: count,
    change: count,
    destroy: count,
    provision: count,
    manual: count,
    blocked: count,
    broadening: count,
    destructive: count,
  }),
  estimate: z.strictObject({
    apiCalls: count,
    seconds: count,
    byService: z.record(z.string(), count),
    assumptions: z.strictObject({
      completionSeconds: z.number().min(0),
      ssoAdminCallsPerSecond: z.number(),
      identityStoreCallsPerSecond: z.number(),
      organizationsCallsPerSecond: z.number(),
      maxOutstandingAssignmentOperations: z.number().int(),
      maxConcurrentProvisioning: z.number().int(),
      pollSeconds: z.number(),
    }),
  }),
};

export const planDocumentSchema = z.strictObject(planDocumentShape);

/** The plan file on disk: the document plus its checksum. */
export const planFileSchema = z
  .strictObject({
    ...planDocumentShape,
    checksum: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/)
      .describe('sha256 of the canonical JSON of every other field'),
    signature: z
      .string()
      .regex(/^hmac-sha256:[0-9a-f]{64}$/)
      .optional()
      .describe(
        'HMAC-SHA256 (key: GATEHOUSE_PLAN_KEY) of the canonical JSON of every field but checksum and signature; present when the plan was made with the key set',
      ),
  })
  .meta({
    title: 'gatehouse plan',
    description: 'A gatehouse plan document (`gatehouse plan -o plan.json`), applied with `gatehouse apply plan.json`.',
  });

/** The JSON Schema of plan files (draft 2020-12), as committed in `schema/plan.schema.json`. */
export function planJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(planFileSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}

// The hand-written types and the schema must describe the same data.
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type _ActionMatches = Assert<Mutual<z.infer<typeof planActionSchema>, PlanAction>>;
export type _DocumentMatches = Assert<Mutual<z.infer<typeof planDocumentSchema>, PlanDocument>>;
export type _FileMatches = Assert<Mutual<z.infer<typeof planFileSchema>, PlanFile>>;
