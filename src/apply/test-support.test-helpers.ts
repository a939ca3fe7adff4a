/**
 * @module Test support for apply: a sandbox and a real session (real SDK clients over the sandbox
 * transport) on one VirtualClock, plan documents around hand-made actions, and action builders.
 */

import { type AwsSession, createAwsSession, type Limits } from '../aws/index.js';
import { parseConfigText } from '../config/index.js';
import { RecordingHost } from '../events/events.js';
import type { DesiredState } from '../model/desired.js';
import type {
  AssignmentAction,
  GroupAction,
  MembershipAction,
  PermissionSetAttributes,
  PlanAction,
  PlanDocument,
  UserAction,
  UserAttributes,
} from '../plan/actions.js';
import { PLAN_FORMAT, PLAN_FORMAT_VERSION } from '../plan/actions.js';
import {
  createSandbox,
  type KnobsPatch,
  type Sandbox,
  type SandboxState,
  type ScenarioName,
} from '../sandbox/index.js';
import { VirtualClock } from '../util/clock.js';
import { createRunContext } from './context.js';
import type { HandlerContext, HandlerResult, HandlerTable } from './types.js';

export const MANAGEMENT = '111111111111';
export const LOG_ARCHIVE = '222222222222';
export const SECURITY = '333333333333';
export const DEV = '444444444444';
export const STAGING = '555555555555';
export const PROD = '666666666666';

/** A deterministic [0, 1) stream. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Harness {
  clock: VirtualClock;
  sandbox: Sandbox;
  session: AwsSession;
  host: RecordingHost;
}

export function harness(
  options: { scenario?: ScenarioName; knobs?: KnobsPatch; limits?: Partial<Limits>; state?: SandboxState } = {},
): Harness {
  const clock = new VirtualClock();
  const sandbox = createSandbox({
    clock,
    ...(options.state ? { state: options.state } : { scenario: options.scenario ?? 'org' }),
    ...(options.knobs ? { knobs: options.knobs } : {}),
  });
  const credentials = sandbox.defaultCredentials();
  if (!credentials) throw new Error('the scenario has no default credentials');
  const host = new RecordingHost();
  const session = createAwsSession(
    { mode: 'sandbox', endpoint: sandbox, credentials },
    { clock, host, env: {}, random: seededRandom(7), ...(options.limits ? { limits: options.limits } : {}) },
  );
  return { clock, sandbox, session, host };
}

/** The organization instance of the sandbox. */
export function instanceOf(sandbox: Sandbox) {
  const instance = Object.values(sandbox.state.instances).find((i) => i.kind === 'organization');
  if (!instance) throw new Error('the sandbox has no organization instance');
  return instance;
}

/** A plan document for the sandbox's organization holding `actions` (already ordered). */
export function planWith(sandbox: Sandbox, actions: PlanAction[]): PlanDocument {
  const instance = instanceOf(sandbox);
  const org = sandbox.state.organization;
  return {
    format: PLAN_FORMAT,
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt: '2026-11-28T09:00:00.000Z',
    configHash: `sha256:${'0'.repeat(64)}`,
    configFile: 'gatehouse.yaml',
    observedAt: '2026-11-28T09:00:00.000Z',
    observedFingerprint: `sha256:${'0'.repeat(64)}`,
    caller: { accountId: MANAGEMENT, arn: `arn:aws:sts::${MANAGEMENT}:assumed-role/Admin/gatehouse` },
    organizationId: org?.id ?? null,
    managementAccountId: MANAGEMENT,
    identityCenter: { instanceArn: instance.arn, identityStoreId: instance.identityStoreId, region: instance.region },
    options: { prune: false },
    actions,
    manualSteps: [],
    resolution: [],
    drift: [],
    warnings: [],
    accountNames: {},
    summary: { add: 0, change: 0, destroy: 0, provision: 0, manual: 0, blocked: 0, broadening: 0, destructive: 0 },
    estimate: {
      apiCalls: 0,
      seconds: 0,
      byService: {},
      assumptions: {
        completionSeconds: 5,
        ssoAdminCallsPerSecond: 20,
        identityStoreCallsPerSecond: 20,
        organizationsCallsPerSecond: 2,
        maxOutstandingAssignmentOperations: 15,
        maxConcurrentProvisioning: 3,
        pollSeconds: 1,
      },
    },
  };
}

/** Runs one action through its handler, as the executor would; returns what it reported and the calls made. */
export async function runHandler<T extends PlanAction['type']>(
  h: Harness,
  handlers: HandlerTable,
  action: Extract<PlanAction, { type: T }>,
  plan: PlanDocument = planWith(h.sandbox, [action]),
): Promise<{ result: HandlerResult; actions: string[]; ctx: HandlerContext }> {
  const before = h.sandbox.calls().length;
  const run = createRunContext(plan, { session: h.session, host: h.host, random: seededRandom(3) });
  const ctx = run.forAction(action.address);
  const handler = handlers[action.type] as unknown as { run(a: PlanAction, c: HandlerContext): Promise<HandlerResult> };
  const result = await handler.run(action, ctx);
  run.close();
  return {
    result,
    actions: h.sandbox
      .calls()
      .slice(before)
      .map((c) => c.action),
    ctx,
  };
}

type Common = 'id' | 'reason' | 'risk' | 'dependsOn' | 'blockedBy' | 'applyable';

function common(address: string, kind: string): Pick<PlanAction, Common> {
  return {
    id: `${address}#${kind}`,
    reason: { code: 'missing', message: 'test' },
    risk: 'neutral',
    dependsOn: [],
    blockedBy: [],
    applyable: true,
  };
}

/** Attributes of a permission set with sensible defaults. */
export function attributes(name: string, overrides: Partial<PermissionSetAttributes> = {}): PermissionSetAttributes {
  return {
    name,
    description: null,
    sessionDuration: 'PT1H',
    relayState: null,
    managedPolicies: [],
    customerManagedPolicies: [],
    inlinePolicy: null,
    permissionsBoundary: null,
    tags: { 'managed-by': 'gatehouse' },
    ...overrides,
  };
}

export function createSetAction(after: PermissionSetAttributes): Extract<PlanAction, { type: 'permission-set' }> {
  const address = `permission-set/${after.name}`;
  return {
    ...common(address, 'create'),
    type: 'permission-set',
    kind: 'create',
    address,
    permissionSet: { name: after.name, arn: null },
    before: null,
    after,
  };
}

export function createUserAction(
  userName: string,
  overrides: Partial<UserAttributes> = {},
): Extract<UserAction, { kind: 'create' }> {
  const address = `user/${userName}`;
  return {
    ...common(address, 'create'),
    type: 'user',
    kind: 'create',
    address,
    user: { userName, id: null },
    before: null,
    after: {
      userName,
      displayName: `${userName} Example`,
      givenName: userName,
      familyName: 'Example',
      email: `${userName}@example.com`,
      ...overrides,
    },
  };
}

export function createGroupAction(
  name: string,
  description: string | null = null,
): Extract<GroupAction, { kind: 'create' }> {
  const address = `group/${name}`;
  return {
    ...common(address, 'create'),
    type: 'group',
    kind: 'create',
    address,
    group: { name, id: null },
    before: null,
    after: { displayName: name, description },
  };
}

export function createMembershipAction(group: string, userName: string): Extract<MembershipAction, { kind: 'create' }> {
  const address = `membership/${group}/${userName}`;
  return {
    ...common(address, 'create'),
    type: 'membership',
    kind: 'create',
    address,
    group: { name: group, id: null },
    user: { userName, id: null },
    before: null,
    after: { group, userName },
  };
}

export function assignmentAction(
  kind: 'create' | 'delete',
  permissionSet: { name: string; arn: string },
  principal: { type: 'user' | 'group'; name: string; id: string },
  accountId: string,
): AssignmentAction {
  const view = { permissionSet: permissionSet.name, principal: `${principal.type}:${principal.name}`, accountId };
  const address = `assignment/${permissionSet.name}/${view.principal}/${accountId}`;
  return kind === 'create'
    ? {
        ...common(address, kind),
        type: 'assignment',
        kind,
        address,
        permissionSet,
        principal,
        accountId,
        before: null,
        after: view,
      }
    : {
        ...common(address, kind),
        type: 'assignment',
        kind,
        address,
        permissionSet,
        principal,
        accountId,
        before: view,
        after: null,
      };
}

/** Live permission sets of the sandbox's organization instance, by name. */
export function liveSets(sandbox: Sandbox) {
  return Object.values(instanceOf(sandbox).permissionSets);
}

/** Live assignments as `set|TYPE:name|account` strings, sorted (names resolved through the store). */
export function liveAssignments(sandbox: Sandbox): string[] {
  const instance = instanceOf(sandbox);
  const setName = new Map(Object.values(instance.permissionSets).map((p) => [p.arn, p.name]));
  const principal = new Map<string, string>();
  for (const u of Object.values(instance.identityStore.users)) principal.set(u.UserId, `USER:${u.UserName}`);
  for (const g of Object.values(instance.identityStore.groups)) principal.set(g.GroupId, `GROUP:${g.DisplayName}`);
  return Object.values(instance.assignments)
    .map(
      (a) =>
        `${setName.get(a.permissionSetArn) ?? a.permissionSetArn}|${principal.get(a.principalId) ?? a.principalId}|${a.accountId}`,
    )
    .sort();
}

/** A desired state from config text (YAML), validated like a file. */
export async function desiredFrom(yaml: string): Promise<DesiredState> {
  return (await parseConfigText(yaml, 'gatehouse.yaml', { now: Date.UTC(2026, 10, 28) })).desired;
}

/** A config over the `org` scenario: `body` is appended to the version and Identity Center lines. */
export function orgConfig(body: string): Promise<DesiredState> {
  return desiredFrom(`version: 1
root: { mfa: required }
identityCenter: { region: eu-west-1, instance: organization }
${body}`);
}
