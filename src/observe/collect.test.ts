import { describe, expect, it } from 'vitest';
import { collectFromStub } from '../../test/observe/helpers/collect-stub.js';
import { stubCredentials } from '../../test/observe/helpers/stub-endpoint.js';
import { stubWorld } from '../../test/observe/helpers/stub-world.js';
import { createAwsSession } from '../aws/index.js';
import { AwsAccessError } from '../errors.js';
import { RecordingHost } from '../events/events.js';
import { SandboxServiceError } from '../sandbox/endpoint.js';
import { VirtualClock } from '../util/clock.js';
import { collect } from './collect.js';
import { ALL_FACT_IDS } from './facts/index.js';

describe('collect', () => {
  it('reads only the requested facts (and what they need)', async () => {
    const endpoint = stubWorld();
    const { snapshot } = await collectFromStub(endpoint, ['iam.account-summary']);
    expect(Object.keys(snapshot.org)).toEqual([]);
    expect(Object.keys(snapshot.accounts)).toEqual(['111111111111']);
    expect(Object.keys(snapshot.accounts['111111111111'] ?? {})).toEqual(['iam.account-summary']);
    expect(endpoint.calls.map((c) => `${c.service}:${c.operation}`)).toEqual([
      'sts:GetCallerIdentity',
      'iam:GetAccountSummary',
    ]);
  });

  it('reads a fact’s needs first and nothing else', async () => {
    const endpoint = stubWorld();
    const { snapshot } = await collectFromStub(endpoint, ['identity-center.permission-sets']);
    expect(Object.keys(snapshot.org).sort()).toEqual(['identity-center.instance', 'identity-center.permission-sets']);
    expect(endpoint.count('identitystore')).toBe(0);
    expect(endpoint.count('organizations')).toBe(0);
    const first = endpoint.calls.findIndex((c) => c.operation === 'ListPermissionSets');
    const describe = endpoint.calls.findIndex((c) => c.operation === 'DescribeInstance');
    expect(describe).toBeLessThan(first);
    expect(snapshot.identityCenterRegion).toBe('eu-west-1');
  });

  it('--region overrides the config’s Identity Center region', async () => {
    const endpoint = stubWorld({ instanceRegions: ['ap-south-1'] });
    const { snapshot } = await collectFromStub(endpoint, ['identity-center.instance'], {
      identityCenterRegion: 'eu-west-1',
      sessionRegion: 'ap-south-1',
    });
    expect(snapshot.identityCenterRegion).toBe('ap-south-1');
    expect(endpoint.calls.filter((c) => c.operation === 'ListInstances').map((c) => c.region)).toEqual(['ap-south-1']);
  });

  it('reads each fact once and shares reads between facts', async () => {
    const endpoint = stubWorld();
    const { snapshot } = await collectFromStub(endpoint, [
      'identity-center.assignments',
      'identity-center.provisioning',
      'identity-center.permission-sets',
      'identity-center.instance',
    ]);
    expect(snapshot.org['identity-center.assignments']?.status).toBe('ok');
    expect(endpoint.count('sso-admin', 'ListInstances')).toBe(1);
    expect(endpoint.count('sso-admin', 'DescribeInstance')).toBe(1);
    // Two pages of one permission set each, listed once for three facts.
    expect(endpoint.count('sso-admin', 'ListPermissionSets')).toBe(2);
    const unfiltered = endpoint
      .inputs('sso-admin', 'ListAccountsForProvisionedPermissionSet')
      .filter((i) => !i.ProvisioningStatus);
    expect(unfiltered).toHaveLength(2);
    expect(endpoint.count('identitystore', 'ListUsers')).toBe(1);
  });

  it('collects every fact of a small organization as ok, with a stable snapshot', async () => {
    const a = await collectFromStub(stubWorld(), ALL_FACT_IDS, { accounts: 'all' });
    const b = await collectFromStub(stubWorld(), ALL_FACT_IDS, { accounts: 'all' });
    for (const [id, e] of Object.entries(a.snapshot.org)) expect([id, e?.status]).toEqual([id, 'ok']);
    expect(Object.keys(a.snapshot.accounts)).toEqual(['111111111111', '222222222222']);
    for (const facts of Object.values(a.snapshot.accounts)) {
      for (const [id, e] of Object.entries(facts)) expect([id, e?.status]).toEqual([id, 'ok']);
    }
    expect(JSON.stringify(a.snapshot)).toBe(JSON.stringify(b.snapshot));
    expect(a.snapshot.callerAccountId).toBe('111111111111');
    expect(a.snapshot.observedAt).toBe(new Date(a.clock.now()).toISOString());
  });

  it('reads member accounts with their own credentials and reports an account it cannot enter', async () => {
    const endpoint = stubWorld();
    const { snapshot } = await collectFromStub(endpoint, ['iam.password-policy', 'iam.account-summary'], {
      accounts: ['222222222222', '444444444444'],
    });
    expect(snapshot.accounts['111111111111']?.['iam.password-policy']).toMatchObject({
      status: 'ok',
      value: { minimumPasswordLength: 14 },
    });
    expect(snapshot.accounts['222222222222']?.['iam.password-policy']).toEqual({ status: 'ok', value: null });
    // Each member account entered once, however many of its facts are read.
    expect(endpoint.count('sts', 'AssumeRole')).toBe(2);
    const lost = snapshot.accounts['444444444444'];
    expect(lost?.['iam.password-policy']).toMatchObject({ status: 'error', code: 'account-entry' });
    expect(lost?.['iam.account-summary']).toMatchObject({ status: 'error', code: 'account-entry' });
    expect(lost?.['iam.account-summary']).toMatchObject({
      message: expect.stringContaining('could not enter account 444444444444 with role OrganizationAccountAccessRole'),
    });
  });

  it('refuses account ids that are not 12 digits', async () => {
    await expect(collectFromStub(stubWorld(), ['iam.account-summary'], { accounts: ['all'] })).rejects.toThrow(
      'accounts must be 12-digit account ids, not "all"',
    );
  });

  it('with accounts: all, enters every ACTIVE account of the tree and skips suspended ones', async () => {
    const endpoint = stubWorld();
    const { snapshot } = await collectFromStub(endpoint, ['iam.account-summary'], { accounts: 'all' });
    expect(Object.keys(snapshot.accounts)).toEqual(['111111111111', '222222222222']);
    expect(snapshot.org['organizations.tree']?.status).toBe('ok');
  });

  it('turns a denied call into denied evidence for that fact and goes on', async () => {
    const endpoint = stubWorld().deny('identitystore:ListGroups');
    const { snapshot } = await collectFromStub(endpoint, [
      'identity-store.groups',
      'identity-store.users',
      'identity-store.memberships',
    ]);
    expect(snapshot.org['identity-store.groups']).toMatchObject({
      status: 'denied',
      action: 'identitystore:ListGroups',
    });
    expect(snapshot.org['identity-store.memberships']).toMatchObject({
      status: 'denied',
      action: 'identitystore:ListGroups',
    });
    expect(snapshot.org['identity-store.users']?.status).toBe('ok');
  });

  it('stops the run on expired credentials (exit 3), quietly, instead of reporting every fact as an error', async () => {
    const endpoint = stubWorld();
    endpoint.on('sts', 'GetCallerIdentity', () => {
      throw new SandboxServiceError('ExpiredToken', 'The security token included in the request is expired', 400);
    });
    const clock = new VirtualClock();
    const host = new RecordingHost();
    const session = createAwsSession(
      { mode: 'sandbox', endpoint, credentials: stubCredentials },
      { clock, host, env: {} },
    );
    const run = collect({
      session,
      host,
      facts: ['sts.caller-identity', 'iam.account-summary', 'identity-center.permission-sets'],
    });
    await expect(run).rejects.toBeInstanceOf(AwsAccessError);
    await expect(run).rejects.toMatchObject({ kind: 'credentials-expired' });
    // Let the other reads wind down: they stop without further progress or a closing phase event.
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(host.events.some((e) => e.type === 'phase' && e.status === 'end')).toBe(false);
    const progress = host.events.filter((e) => e.type === 'progress');
    expect(progress.every((e) => e.type === 'progress' && e.done < e.total)).toBe(true);
  });

  it('emits phase and progress events', async () => {
    const { host } = await collectFromStub(stubWorld(), ['organizations.organization', 'iam.account-summary']);
    expect(host.events[0]).toEqual({ type: 'phase', phase: 'observe', status: 'start' });
    expect(host.events.at(-1)).toMatchObject({ type: 'phase', phase: 'observe', status: 'end' });
    const progress = host.events.filter((e) => e.type === 'progress' && e.task === 'observe');
    expect(progress.at(-1)).toMatchObject({ done: 2, total: 2 });
  });

  it('stays within the limits: Organizations two at a time, sso-admin at its rate', async () => {
    const clock = new VirtualClock();
    const endpoint = stubWorld();
    const serve = endpoint.handle.bind(endpoint);
    let inFlight = 0;
    let peak = 0;
    endpoint.handle = async (call) => {
      inFlight += call.service === 'organizations' ? 1 : 0;
      peak = Math.max(peak, inFlight);
      await clock.sleep(50);
      inFlight -= call.service === 'organizations' ? 1 : 0;
      return serve(call);
    };
    const { snapshot, elapsedMs } = await collectFromStub(
      endpoint,
      [
        'organizations.tree',
        'organizations.account-tags',
        'organizations.service-access',
        'identity-center.permission-sets',
      ],
      { clock, limits: { organizationsConcurrency: 2, ssoAdmin: { rate: 2, burst: 1 } } },
    );
    expect(snapshot.org['organizations.account-tags']?.status).toBe('ok');
    expect(snapshot.org['identity-center.permission-sets']?.status).toBe('ok');
    expect(peak).toBe(2);
    // 16 sso-admin calls at 2/s after a burst of one take at least 7.5 s.
    const sso = endpoint.count('sso-admin');
    expect(sso).toBe(16);
    expect(elapsedMs).toBeGreaterThanOrEqual(((sso - 1) / 2) * 1000);
  });
});
