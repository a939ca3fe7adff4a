import { describe, expect, it } from 'vitest';
import type { OrganizationCreate, RootFeatureCreate, ServiceAccessCreate } from '../../plan/actions.js';
import { harness, planWith, runHandler } from '../test-support.test-helpers.js';
import { HANDLERS } from './index.js';
import { organizationHandler, rootFeatureHandler, serviceAccessHandler } from './organization.js';

const common = {
  reason: { code: 'missing' as const, message: 'test' },
  risk: 'neutral' as const,
  dependsOn: [],
  blockedBy: [],
  applyable: true,
};

const createOrganization: OrganizationCreate = {
  ...common,
  id: 'organization#create',
  type: 'organization',
  kind: 'create',
  address: 'organization',
  before: null,
  after: { featureSet: 'ALL' },
};

const trustedAccess: ServiceAccessCreate = {
  ...common,
  id: 'root-management/service-access#create',
  type: 'service-access',
  kind: 'create',
  address: 'root-management/service-access',
  servicePrincipal: 'iam.amazonaws.com',
  before: null,
  after: { servicePrincipal: 'iam.amazonaws.com' },
};

function rootFeature(feature: RootFeatureCreate['feature']): RootFeatureCreate {
  return {
    ...common,
    id: `root-management/${feature}#create`,
    type: 'root-feature',
    kind: 'create',
    address: `root-management/${feature}`,
    feature,
    before: null,
    after: { feature },
  };
}

describe('organization handlers', () => {
  it('creates the organization with all features; a rerun finds it and is satisfied', async () => {
    const h = harness({ scenario: 'fresh' });
    // The fresh scenario has no Identity Center: a plan without an instance.
    const plan = {
      ...planWith(harness().sandbox, []),
      identityCenter: null,
      caller: { accountId: '111111111111', arn: 'x' },
    };
    const first = await runHandler(h, HANDLERS, createOrganization, { ...plan, actions: [createOrganization] });
    expect(first.result).toBeUndefined();
    expect(h.sandbox.state.organization).toMatchObject({ featureSet: 'ALL', managementAccountId: '111111111111' });
    const again = await runHandler(h, HANDLERS, createOrganization, { ...plan, actions: [createOrganization] });
    expect(again.result).toEqual({ note: 'already existed' });
    for (const a of [...first.actions, ...again.actions]) expect(organizationHandler.iamActions).toContain(a);
  });

  it('enables trusted access for IAM, then both root-access features (twice is harmless)', async () => {
    const h = harness();
    const calls: string[] = [];
    for (const action of [trustedAccess, rootFeature('RootCredentialsManagement'), rootFeature('RootSessions')]) {
      for (let round = 0; round < 2; round++) {
        const { actions } = await runHandler(h, HANDLERS, action);
        calls.push(...actions);
      }
    }
    const features = await h.session.call('iam', 'ListOrganizationsFeatures', {});
    expect([...(features.EnabledFeatures ?? [])].sort()).toEqual(['RootCredentialsManagement', 'RootSessions']);
    for (const a of calls) expect([...serviceAccessHandler.iamActions, ...rootFeatureHandler.iamActions]).toContain(a);
  });
});
