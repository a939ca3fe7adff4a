/**
 * @module Fact `identity-center.instance`: the IAM Identity Center instance, from ListInstances in the
 * configured region or, when none is configured, in every region where Identity Center exists
 * (probed in parallel); DescribeInstance adds its encryption. A multi-region instance is read in its
 * primary region (permission sets and assignments are only readable there). Instances in several
 * regions, or a probe that could not ask everywhere, are errors rather than guesses.
 */

import type { InstanceSummary, RegionProbeResult } from '../../aws/index.js';
import type { IdentityCenterInstance, KeyType } from '../../model/types.js';
import { denied, type Evidence, failed, ok } from '../evidence.js';
import { defineFact, type FactContext } from '../fact.js';
import { defined, iso } from '../read-helpers.js';

type InstanceFact = { instance: IdentityCenterInstance | null; probedRegions: string[] };

interface Located {
  region: string;
  summary: InstanceSummary;
}

/** Distinct instances across regions; the same instance seen in several regions counts once. */
function distinctInstances(found: RegionProbeResult['found']): Located[] {
  const byArn = new Map<string, Located>();
  for (const { region, instances } of found) {
    for (const summary of instances) {
      const known = byArn.get(summary.instanceArn);
      // Prefer the primary region's listing.
      if (!known || summary.primaryRegion === region) byArn.set(summary.instanceArn, { region, summary });
    }
  }
  return [...byArn.values()];
}

function summarize(regions: string[]): string {
  return regions.length > 4 ? `${regions.slice(0, 4).join(', ')} and ${regions.length - 4} more` : regions.join(', ');
}

/** What a probe found, as evidence (before DescribeInstance). */
export function interpretProbe(probe: RegionProbeResult): Evidence<Located | null> {
  const instances = distinctInstances(probe.found).filter((l) => l.summary.status !== 'DELETE_IN_PROGRESS');
  if (instances.length > 1) {
    const list = instances.map((l) => `${l.region} (${l.summary.instanceArn})`).join(', ');
    return failed(
      'multiple-instances',
      `IAM Identity Center instances were found in several regions: ${list}; name the one to use with identityCenter.region or --region`,
    );
  }
  if (instances.length === 1) return ok(instances[0] as Located);
  // Nothing found. "Region not enabled for this account" is an answer (no instance can live
  // there); anything else means we could not ask, so "no instance" would be a guess.
  const unanswered = probe.failed.filter((f) => f.error.kind !== 'wrong-region');
  if (unanswered.length === 0) return ok(null);
  const deniedRegions = unanswered.filter((f) => f.error.kind === 'access-denied');
  if (deniedRegions.length === unanswered.length) {
    return denied(
      'sso:ListInstances',
      `sso:ListInstances was denied in ${summarize(deniedRegions.map((f) => f.region))}: ${deniedRegions[0]?.error.message}`,
    );
  }
  const first = unanswered.find((f) => f.error.kind !== 'access-denied') ?? unanswered[0];
  return failed(
    'region-probe-incomplete',
    `could not look for an IAM Identity Center instance in ${summarize(unanswered.map((f) => f.region))}: ${first?.error.message}; set identityCenter.region or --region`,
  );
}

async function listInRegion(ctx: FactContext, region: string): Promise<RegionProbeResult> {
  const instances = await ctx.aws.list('sso-admin', 'ListInstances', {}, 'Instances', { region });
  return {
    probedRegions: [region],
    found:
      instances.length === 0
        ? []
        : [
            {
              region,
              instances: instances.map((i) =>
                defined({
                  instanceArn: i.InstanceArn ?? '',
                  identityStoreId: i.IdentityStoreId ?? '',
                  ownerAccountId: i.OwnerAccountId,
                  status: i.Status,
                  name: i.Name,
                  createdDate: iso(i.CreatedDate),
                  primaryRegion: i.PrimaryRegion,
                }),
              ),
            },
          ],
    failed: [],
  };
}

export const identityCenterInstance = defineFact({
  id: 'identity-center.instance',
  scope: 'organization',
  iamActions: ['sso:ListInstances', 'sso:DescribeInstance'],
  async read(ctx): Promise<Evidence<InstanceFact>> {
    const configured = ctx.identityCenterRegion;
    const probe = configured ? await listInRegion(ctx, configured) : await ctx.probeIdentityCenterRegions();
    const located = interpretProbe(probe);
    if (located.status !== 'ok') return located;
    if (!located.value) {
      if (!configured) {
        ctx.host.emit({
          type: 'log',
          level: 'info',
          code: 'observe.region-probe',
          message: `no IAM Identity Center instance in any of ${probe.probedRegions.length} regions`,
        });
      }
      return ok({ instance: null, probedRegions: probe.probedRegions });
    }
    const { summary } = located.value;
    const region = summary.primaryRegion ?? located.value.region;
    if (!configured) {
      ctx.host.emit({
        type: 'log',
        level: 'info',
        code: 'observe.region-probe',
        message: `IAM Identity Center instance found in ${region} (searched ${probe.probedRegions.length} regions); set identityCenter.region: ${region} to skip the search`,
      });
    }
    const d = await ctx.aws.call('sso-admin', 'DescribeInstance', { InstanceArn: summary.instanceArn }, { region });
    const e = d.EncryptionConfigurationDetails;
    const instance: IdentityCenterInstance = defined({
      arn: summary.instanceArn,
      identityStoreId: d.IdentityStoreId ?? summary.identityStoreId,
      ownerAccountId: d.OwnerAccountId ?? summary.ownerAccountId ?? '',
      region,
      status: d.Status ?? summary.status ?? 'ACTIVE',
      name: d.Name ?? summary.name,
      createdDate: iso(d.CreatedDate) ?? summary.createdDate,
      encryption: e?.KeyType
        ? defined({
            keyType: e.KeyType as KeyType,
            kmsKeyArn: e.KmsKeyArn,
            status: e.EncryptionStatus,
            statusReason: e.EncryptionStatusReason,
          })
        : undefined,
    });
    return ok({ instance, probedRegions: probe.probedRegions });
  },
});
