import { describe, expect, it } from 'vitest';
import { InternalError } from '../errors.js';
import type { DraftAction } from './actions.js';
import type { ManualStepDraft } from './context.js';
import { linkDependencies, orderActions } from './order.js';

const reason = { code: 'missing' as const, message: 'test' };
const serviceAccess: DraftAction = {
  id: 'root-management/service-access#create',
  type: 'service-access',
  kind: 'create',
  address: 'root-management/service-access',
  servicePrincipal: 'iam.amazonaws.com',
  reason,
  risk: 'neutral',
  before: null,
  after: { servicePrincipal: 'iam.amazonaws.com' },
};
const rootSessions: DraftAction = {
  id: 'root-management/RootSessions#create',
  type: 'root-feature',
  kind: 'create',
  address: 'root-management/RootSessions',
  feature: 'RootSessions',
  reason,
  risk: 'neutral',
  before: null,
  after: { feature: 'RootSessions' },
};
const organization: DraftAction = {
  id: 'organization#create',
  type: 'organization',
  kind: 'create',
  address: 'organization',
  reason,
  risk: 'neutral',
  before: null,
  after: { featureSet: 'ALL' },
};
const step = (blocks: (a: DraftAction) => boolean): ManualStepDraft => ({
  id: 'enable-all-features',
  address: 'manual/enable-all-features',
  title: 't',
  why: 'w',
  consoleSteps: [],
  verify: 'v',
  blocks,
  after: (a) => a.type === 'organization',
});

describe('orderActions', () => {
  it('orders by dependency and phase whatever the input order', () => {
    const { actions } = orderActions([rootSessions, serviceAccess, organization], []);
    expect(actions.map((a) => a.id)).toEqual([organization.id, serviceAccess.id, rootSessions.id]);
    expect(actions[2]!.dependsOn).toEqual([organization.id, serviceAccess.id]);
    expect(linkDependencies([rootSessions]).get(rootSessions.id)).toEqual([]);
  });

  it('blocks what a manual step names and, transitively, everything depending on it', () => {
    const { actions, manualSteps } = orderActions(
      [serviceAccess, rootSessions, organization],
      [step((a) => a.type === 'service-access')],
    );
    expect(actions.map((a) => [a.id, a.applyable, a.blockedBy])).toEqual([
      [organization.id, true, []],
      [serviceAccess.id, false, ['enable-all-features']],
      [rootSessions.id, false, ['enable-all-features']],
    ]);
    expect(manualSteps[0]).toMatchObject({ blocks: [serviceAccess.id, rootSessions.id], after: [organization.id] });
    // Resolved to plain data: the predicates do not leak into the document.
    expect(JSON.parse(JSON.stringify(manualSteps))).toEqual(manualSteps);
  });

  it('refuses two actions with the same id (a bug in the diff)', () => {
    expect(() => orderActions([organization, organization], [])).toThrow(InternalError);
  });
});
