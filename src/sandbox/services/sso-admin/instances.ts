/**
 * @module sso-admin instance operations: ListInstances, DescribeInstance, CreateInstance (account
 * instances only), UpdateInstance (asynchronous encryption change) and the tag operations.
 */

import { SandboxServiceError } from '../../endpoint.js';
import { DEFAULT_VARIANTS } from '../../knobs.js';
import { encodeToken, pageWindow, slicePage } from '../../paginate.js';
import type { InstanceRecord } from '../../state.js';
import { fullMatch, validateInput } from '../../validate.js';
import type { InstanceIndex } from '../../world.js';
import { type CallContext, type OperationTable, req, str, toDate } from '../context.js';
import { checkConcurrency, startRequest } from './async-work.js';
import {
  conflict,
  mayUseInstance,
  notFound,
  quotaExceeded,
  requireInstance,
  rules,
  tagList,
  validation,
} from './common.js';

/** Tags one resource may carry (assumed: IAM Identity Center documents 50 per resource). */
const MAX_TAGS_PER_RESOURCE = 50;

const kmsKeyArn = {
  type: 'string',
  min: 1,
  max: 2048,
  pattern: fullMatch('arn:aws(-[a-z]{1,5}){0,3}:kms:[a-z0-9-]+:\\d{12}:key/[a-zA-Z0-9-]+'),
} as const;

function instanceMetadata(r: InstanceRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    InstanceArn: r.arn,
    IdentityStoreId: r.identityStoreId,
    OwnerAccountId: r.ownerAccountId,
    CreatedDate: toDate(r.createdAt),
    Status: r.status,
  };
  if (r.name !== null) out.Name = r.name;
  return out;
}

/** Generates a new instance record (also used by scenarios and the console step). */
export function newInstanceRecord(
  ctx: Pick<CallContext, 'world'>,
  fields: {
    ownerAccountId: string;
    region: string;
    kind: InstanceRecord['kind'];
    name: string | null;
    createdAt: number;
  },
): InstanceRecord {
  const { world } = ctx;
  return {
    arn: `arn:aws:sso:::instance/ssoins-${world.hex(16)}`,
    identityStoreId: `d-${world.hex(10)}`,
    ownerAccountId: fields.ownerAccountId,
    region: fields.region,
    kind: fields.kind,
    name: fields.name,
    createdAt: fields.createdAt,
    status: 'ACTIVE',
    clientToken: null,
    encryption: { keyType: 'AWS_OWNED_KMS_KEY', kmsKeyArn: null, status: 'ENABLED', statusReason: null },
    tags: {},
    permissionSets: {},
    assignments: {},
    provisioned: {},
    requests: {},
    identityStore: { users: {}, groups: {}, memberships: {} },
  };
}

/** The instance a taggable ARN belongs to, and the tag map it addresses. */
function taggable(
  ctx: CallContext,
  resourceArn: string,
  instanceArn: string | undefined,
): { index: InstanceIndex; tags: Record<string, string> } {
  const ps = /^arn:aws[a-z-]*:sso:::permissionSet\/((?:sso)?ins-[a-zA-Z0-9-.]{16})\/ps-/.exec(resourceArn);
  const owner = ps ? `arn:aws:sso:::instance/${ps[1]}` : resourceArn;
  if (instanceArn !== undefined && instanceArn !== owner) {
    throw validation(`The resource ${resourceArn} does not belong to instance ${instanceArn}.`);
  }
  const index = ctx.world.instance(owner);
  if (!index || index.record.region !== ctx.region || !mayUseInstance(ctx, index)) {
    throw notFound(`Resource ${resourceArn} does not exist.`);
  }
  if (!ps) return { index, tags: index.record.tags };
  const record = index.record.permissionSets[resourceArn];
  if (!record) throw notFound(`Could not find PermissionSet with PermissionSetArn ${resourceArn}.`);
  return { index, tags: record.tags };
}

const taggableResourceArn = {
  type: 'string',
  required: true,
  min: 10,
  max: 2048,
  pattern: fullMatch(
    'arn:aws(-[a-z]{1,5}){0,3}:sso::((:instance/(sso)?ins-[a-zA-Z0-9-.]{16})|(:permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16})|(\\d{12}:application/(sso)?ins-[a-zA-Z0-9-.]{16}/apl-[a-zA-Z0-9]{16})|(\\d{12}:trustedTokenIssuer/(sso)?ins-[a-zA-Z0-9-.]{16}/tti-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}))',
  ),
} as const;

export const instanceOperations: OperationTable = {
  ListInstances: {
    run(input, ctx) {
      validateInput('sso-admin', input, { MaxResults: rules.maxResults, NextToken: rules.nextToken });
      const visible = ctx.world
        .instances()
        .filter((i) => i.record.region === ctx.region && mayUseInstance(ctx, i))
        .map((i) => i.record);
      const scope = `ListInstances|${ctx.accountId}|${ctx.region}`;
      const window = pageWindow('sso-admin', scope, input.NextToken, input.MaxResults, 10);
      const page = slicePage(visible, { ...window, size: Math.min(window.size, 10) });
      const out: Record<string, unknown> = { Instances: page.items.map(instanceMetadata) };
      if (page.next !== null) out.NextToken = encodeToken(scope, page.next);
      return out;
    },
  },

  DescribeInstance: {
    run(input, ctx) {
      validateInput('sso-admin', input, { InstanceArn: rules.instanceArn });
      const r = requireInstance(ctx, req(input, 'InstanceArn')).record;
      const enc: Record<string, unknown> = { KeyType: r.encryption.keyType, EncryptionStatus: r.encryption.status };
      if (r.encryption.kmsKeyArn) enc.KmsKeyArn = r.encryption.kmsKeyArn;
      if (r.encryption.statusReason) enc.EncryptionStatusReason = r.encryption.statusReason;
      // Every member of the block is optional in the model; a variant omits it entirely.
      if ((ctx.knobs.variants ?? DEFAULT_VARIANTS).describeInstanceEncryption === 'absent') return instanceMetadata(r);
      return { ...instanceMetadata(r), EncryptionConfigurationDetails: enc };
    },
  },

  CreateInstance: {
    write: true,
    run(input, ctx) {
      validateInput('sso-admin', input, {
        Name: { type: 'string', min: 0, max: 255, pattern: fullMatch('[\\w+=,.@-]+') },
        ClientToken: { type: 'string', min: 1, max: 64, pattern: fullMatch('[!-~]+') },
        Tags: rules.tags,
      });
      const token = str(input, 'ClientToken');
      const existing = ctx.world.instances().find((i) => i.record.ownerAccountId === ctx.accountId);
      if (existing && token !== undefined && existing.record.clientToken === token) {
        if ((str(input, 'Name') ?? null) !== existing.record.name) {
          throw validation('The ClientToken was used with different parameters (IdempotentParameterMismatch).');
        }
        return { InstanceArn: existing.record.arn };
      }
      const org = ctx.world.organization;
      if (org && org.managementAccountId === ctx.accountId) {
        throw validation(
          'CreateInstance creates account instances only and is not supported in the management account of an organization. Enable the organization instance from the IAM Identity Center console.',
        );
      }
      if (existing) {
        throw conflict(
          `An instance of IAM Identity Center already exists for account ${ctx.accountId} (${existing.record.arn}).`,
        );
      }
      const record = newInstanceRecord(ctx, {
        ownerAccountId: ctx.accountId,
        region: ctx.region,
        kind: 'account',
        name: str(input, 'Name') ?? null,
        createdAt: ctx.now,
      });
      record.clientToken = token ?? null;
      for (const tag of (input.Tags as { Key: string; Value: string }[] | undefined) ?? [])
        record.tags[tag.Key] = tag.Value;
      ctx.world.addInstance(record);
      return { InstanceArn: record.arn };
    },
  },

  UpdateInstance: {
    write: true,
    run(input, ctx) {
      validateInput('sso-admin', input, {
        InstanceArn: rules.instanceArn,
        Name: { type: 'string', min: 0, max: 255, pattern: fullMatch('[\\w+=,.@-]+') },
        EncryptionConfiguration: {
          type: 'object',
          fields: {
            KeyType: { type: 'string', required: true, enum: ['AWS_OWNED_KMS_KEY', 'CUSTOMER_MANAGED_KEY'] },
            KmsKeyArn: kmsKeyArn,
          },
        },
      });
      const index = requireInstance(ctx, req(input, 'InstanceArn'));
      const record = index.record;
      const name = str(input, 'Name');
      const enc = input.EncryptionConfiguration as { KeyType: string; KmsKeyArn?: string } | undefined;
      if (enc) {
        if (enc.KeyType === 'CUSTOMER_MANAGED_KEY' && !enc.KmsKeyArn) {
          throw validation('KmsKeyArn is required when KeyType is CUSTOMER_MANAGED_KEY.');
        }
        if (enc.KeyType === 'AWS_OWNED_KMS_KEY' && enc.KmsKeyArn) {
          throw validation('KmsKeyArn must not be specified when KeyType is AWS_OWNED_KMS_KEY.');
        }
        if (record.encryption.status === 'UPDATING') {
          throw conflict('An encryption configuration update is already in progress for this instance.');
        }
        checkConcurrency(ctx, index, 'instance-update', '', []);
        record.encryption.status = 'UPDATING';
        record.encryption.statusReason = null;
        startRequest(ctx, index, {
          kind: 'instance-update',
          roleAccounts: [],
          encryption: { keyType: enc.KeyType, kmsKeyArn: enc.KmsKeyArn ?? null },
        });
      }
      if (name !== undefined) record.name = name;
      return {};
    },
  },

  TagResource: {
    write: true,
    run(input, ctx) {
      validateInput('sso-admin', input, {
        InstanceArn: { ...rules.instanceArn, required: false },
        ResourceArn: taggableResourceArn,
        Tags: { ...rules.tags, required: true },
      });
      const { tags } = taggable(ctx, req(input, 'ResourceArn'), str(input, 'InstanceArn'));
      const next = { ...tags };
      for (const tag of input.Tags as { Key: string; Value: string }[]) next[tag.Key] = tag.Value;
      if (Object.keys(next).length > MAX_TAGS_PER_RESOURCE) {
        throw quotaExceeded(`A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags.`);
      }
      Object.assign(tags, next);
      return {};
    },
  },

  UntagResource: {
    write: true,
    run(input, ctx) {
      validateInput('sso-admin', input, {
        InstanceArn: { ...rules.instanceArn, required: false },
        ResourceArn: taggableResourceArn,
        TagKeys: { type: 'list', required: true, min: 1, max: 75, item: rules.tags.item.fields.Key },
      });
      const { tags } = taggable(ctx, req(input, 'ResourceArn'), str(input, 'InstanceArn'));
      for (const key of input.TagKeys as string[]) delete tags[key];
      return {};
    },
  },

  ListTagsForResource: {
    run(input, ctx) {
      validateInput('sso-admin', input, {
        InstanceArn: { ...rules.instanceArn, required: false },
        ResourceArn: taggableResourceArn,
        NextToken: rules.nextToken,
      });
      const { tags } = taggable(ctx, req(input, 'ResourceArn'), str(input, 'InstanceArn'));
      // No page-size parameter; a resource has at most 50 tags, so one page always holds them.
      if (input.NextToken !== undefined && input.NextToken !== '') {
        throw new SandboxServiceError('ValidationException', 'Invalid NextToken', 400);
      }
      return { Tags: tagList(tags) };
    },
  },
};
