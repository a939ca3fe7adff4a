/**
 * @module Organizations (aws-api.md §2.3): CreateOrganization, DescribeOrganization, the tree walk
 * (ListRoots, ListOrganizationalUnitsForParent, ListAccountsForParent, ListChildren, ListParents,
 * ListAccounts, DescribeAccount, DescribeOrganizationalUnit), tags, SCP listings, delegated
 * administrators and trusted access. List pages are small and may come back empty with a NextToken
 * (the knob), as AWS documents.
 */

import { SandboxServiceError } from '../endpoint.js';
import { encodeToken, pageWindow, slicePage } from '../paginate.js';
import { organizationsInvalidInput } from '../service-errors.js';
import type { AccountRecord, OrganizationRecord, OrgPolicyRecord } from '../state.js';
import { fullMatch, type Schema, validateInput } from '../validate.js';
import type { OrgIndex, World } from '../world.js';
import { type CallContext, type OperationTable, req, str, toDate } from './context.js';

/** Default page size when MaxResults is omitted (assumed; the model allows 1..20). */
const DEFAULT_PAGE_SIZE = 10;

export const POLICY_TYPES = [
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
  'TAG_POLICY',
  'BACKUP_POLICY',
  'AISERVICES_OPT_OUT_POLICY',
  'CHATBOT_POLICY',
  'DECLARATIVE_POLICY_EC2',
  'SECURITYHUB_POLICY',
  'SECURITYHUB_CSPM_POLICY',
  'INSPECTOR_POLICY',
  'UPGRADE_ROLLOUT_POLICY',
  'BEDROCK_POLICY',
  'S3_POLICY',
  'NETWORK_SECURITY_DIRECTOR_POLICY',
  'GUARDDUTY_POLICY',
];

const FULL_AWS_ACCESS: OrgPolicyRecord = {
  id: 'p-FullAWSAccess',
  name: 'FullAWSAccess',
  description: 'Allows access to every operation',
  type: 'SERVICE_CONTROL_POLICY',
  awsManaged: true,
  content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
};

const rules = {
  maxResults: { type: 'integer', min: 1, max: 20 },
  nextToken: { type: 'string', min: 0, max: 100000 },
  parentId: {
    type: 'string',
    required: true,
    min: 0,
    max: 100,
    pattern: fullMatch('(r-[0-9a-z]{4,32})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})'),
  },
  childId: {
    type: 'string',
    required: true,
    min: 0,
    max: 100,
    pattern: fullMatch('(\\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})'),
  },
  accountId: { type: 'string', required: true, min: 0, max: 12, pattern: fullMatch('\\d{12}') },
  policyType: { type: 'string', required: true, enum: POLICY_TYPES },
  targetId: {
    type: 'string',
    required: true,
    min: 0,
    max: 100,
    pattern: fullMatch('(r-[0-9a-z]{4,32})|(\\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})'),
  },
  servicePrincipal: { type: 'string', min: 1, max: 128, pattern: fullMatch('[\\w+=,.@-]*') },
} as const;

const paging: Schema = { MaxResults: rules.maxResults, NextToken: rules.nextToken };

/** A new organization with the caller's account as management account (used by scenarios too). */
export function newOrganizationRecord(
  world: World,
  managementAccountId: string,
  createdAt: number,
  scpEnabled: boolean,
): OrganizationRecord {
  const rootId = `r-${world.lowerAlnum(4)}`;
  return {
    id: `o-${world.lowerAlnum(10)}`,
    featureSet: 'ALL',
    managementAccountId,
    createdAt,
    root: {
      id: rootId,
      name: 'Root',
      policyTypes: scpEnabled ? [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] : [],
      tags: {},
    },
    ous: {},
    policies: { [FULL_AWS_ACCESS.id]: { ...FULL_AWS_ACCESS } },
    attachments: scpEnabled ? { [rootId]: [FULL_AWS_ACCESS.id] } : {},
    serviceAccess: {},
    delegatedAdmins: [],
    rootFeatures: [],
  };
}

function orgArn(org: OrganizationRecord, kind: string, id: string): string {
  return `arn:aws:organizations::${org.managementAccountId}:${kind}/${org.id}/${id}`;
}

function organizationShape(org: OrganizationRecord, world: World): Record<string, unknown> {
  const management = world.account(org.managementAccountId);
  return {
    Id: org.id,
    Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`,
    FeatureSet: org.featureSet,
    MasterAccountArn: orgArn(org, 'account', org.managementAccountId),
    MasterAccountId: org.managementAccountId,
    MasterAccountEmail: management?.email,
    AvailablePolicyTypes: org.root.policyTypes.map((p) => ({ ...p })),
  };
}

function legacyStatus(state: string): string {
  if (state === 'SUSPENDED' || state === 'CLOSED') return 'SUSPENDED';
  if (state === 'PENDING_CLOSURE') return 'PENDING_CLOSURE';
  return 'ACTIVE';
}

export function accountShape(a: AccountRecord, org: OrganizationRecord, index: OrgIndex): Record<string, unknown> {
  const membership = a.org as NonNullable<AccountRecord['org']>;
  return {
    Id: a.id,
    Arn: orgArn(org, 'account', a.id),
    Email: a.email,
    Name: a.name,
    Status: legacyStatus(membership.state),
    State: membership.state,
    Paths: [`${org.id}/${index.ancestry(membership.parentId).join('/')}/${a.id}/`],
    JoinedMethod: membership.joinedMethod,
    JoinedTimestamp: toDate(membership.joinedAt),
  };
}

function ouShape(org: OrganizationRecord, index: OrgIndex, id: string): Record<string, unknown> {
  const ou = org.ous[id];
  return {
    Id: id,
    Arn: orgArn(org, 'ou', id),
    Name: ou?.name,
    Path: `${org.id}/${index.ancestry(id).join('/')}/`,
  };
}

function notInUse(): SandboxServiceError {
  return new SandboxServiceError(
    'AWSOrganizationsNotInUseException',
    'Your account is not a member of an organization.',
    404,
  );
}

/** The organization the caller belongs to. */
function requireOrg(ctx: CallContext): { org: OrganizationRecord; index: OrgIndex } {
  const org = ctx.world.organization;
  const index = ctx.world.org;
  if (!org || !index || !ctx.world.inOrganization(ctx.accountId)) throw notInUse();
  return { org, index };
}

/** List and Describe calls: only the management account or a delegated administrator. */
function requireManagement(ctx: CallContext): { org: OrganizationRecord; index: OrgIndex } {
  const found = requireOrg(ctx);
  const { org } = found;
  const delegated = org.delegatedAdmins.some((d) => d.accountId === ctx.accountId);
  if (org.managementAccountId !== ctx.accountId && !delegated) {
    throw new SandboxServiceError('AccessDeniedException', 'You don’t have permissions to access this resource.', 403);
  }
  return found;
}

function requireParent(org: OrganizationRecord, parentId: string): void {
  if (parentId !== org.root.id && !org.ous[parentId]) {
    throw new SandboxServiceError(
      'ParentNotFoundException',
      'We can’t find a root or OU with the ParentId that you specified.',
      404,
    );
  }
}

function memberAccount(ctx: CallContext, id: string): AccountRecord | undefined {
  const a = ctx.world.account(id);
  return a?.org ? a : undefined;
}

/** One page, or (knob) an empty page that keeps the position, as Organizations is documented to do. */
function listPage<T>(
  ctx: CallContext,
  input: Record<string, unknown>,
  scope: string,
  items: readonly T[],
  key: string,
  map: (item: T) => unknown,
) {
  const window = pageWindow('organizations', scope, input.NextToken, input.MaxResults, DEFAULT_PAGE_SIZE);
  if (window.start < items.length && ctx.emptyPage()) {
    return { [key]: [], NextToken: encodeToken(scope, window.start) };
  }
  const page = slicePage(items, window);
  const out: Record<string, unknown> = { [key]: page.items.map(map) };
  if (page.next !== null) out.NextToken = encodeToken(scope, page.next);
  return out;
}

function policyShape(org: OrganizationRecord, p: OrgPolicyRecord): Record<string, unknown> {
  const kind = p.type.toLowerCase();
  return {
    Id: p.id,
    Arn: p.awsManaged
      ? `arn:aws:organizations::aws:policy/${kind}/${p.id}`
      : `arn:aws:organizations::${org.managementAccountId}:policy/${org.id}/${kind}/${p.id}`,
    Name: p.name,
    Description: p.description,
    Type: p.type,
    AwsManaged: p.awsManaged,
  };
}

function targetExists(ctx: CallContext, org: OrganizationRecord, id: string): boolean {
  return id === org.root.id || Boolean(org.ous[id]) || Boolean(memberAccount(ctx, id));
}

function targetNotFound(): SandboxServiceError {
  return new SandboxServiceError(
    'TargetNotFoundException',
    'We can’t find a root, OU, account, or policy with the TargetId that you specified.',
    404,
  );
}

export const organizationsOperations: OperationTable = {
  CreateOrganization: {
    write: true,
    run(input, ctx) {
      validateInput('organizations', input, { FeatureSet: { type: 'string', enum: ['ALL', 'CONSOLIDATED_BILLING'] } });
      if (ctx.world.inOrganization(ctx.accountId)) {
        throw new SandboxServiceError(
          'AlreadyInOrganizationException',
          'The provided account is already a member of an organization.',
          409,
        );
      }
      if (ctx.world.organization) {
        throw new SandboxServiceError(
          'ConstraintViolationException',
          'The sandbox models a single organization, and another account already created it.',
          409,
        );
      }
      const account = ctx.world.account(ctx.accountId);
      if (!account) throw notInUse();
      const org = newOrganizationRecord(ctx.world, ctx.accountId, ctx.now, false);
      org.featureSet = (str(input, 'FeatureSet') as 'ALL' | 'CONSOLIDATED_BILLING' | undefined) ?? 'ALL';
      account.org = { parentId: org.root.id, state: 'ACTIVE', joinedMethod: 'CREATED', joinedAt: ctx.now };
      ctx.world.setOrganization(org);
      return { Organization: organizationShape(org, ctx.world) };
    },
  },

  DescribeOrganization: {
    run(_input, ctx) {
      const { org } = requireOrg(ctx);
      return { Organization: organizationShape(org, ctx.world) };
    },
  },

  ListRoots: {
    run(input, ctx) {
      validateInput('organizations', input, paging);
      const { org } = requireManagement(ctx);
      return listPage(ctx, input, 'ListRoots', [org.root], 'Roots', (r) => ({
        Id: r.id,
        Arn: orgArn(org, 'root', r.id),
        Name: r.name,
        PolicyTypes: r.policyTypes.map((p) => ({ ...p })),
      }));
    },
  },

  ListAccounts: {
    run(input, ctx) {
      validateInput('organizations', input, paging);
      const { org, index } = requireManagement(ctx);
      return listPage(ctx, input, 'ListAccounts', index.memberAccounts, 'Accounts', (id) =>
        accountShape(ctx.world.account(id) as AccountRecord, org, index),
      );
    },
  },

  ListOrganizationalUnitsForParent: {
    run(input, ctx) {
      validateInput('organizations', input, { ParentId: rules.parentId, ...paging });
      const { org, index } = requireManagement(ctx);
      const parentId = req(input, 'ParentId');
      requireParent(org, parentId);
      return listPage(
        ctx,
        input,
        `ListOUs|${parentId}`,
        index.ousByParent.get(parentId) ?? [],
        'OrganizationalUnits',
        (id) => ouShape(org, index, id),
      );
    },
  },

  ListAccountsForParent: {
    run(input, ctx) {
      validateInput('organizations', input, { ParentId: rules.parentId, ...paging });
      const { org, index } = requireManagement(ctx);
      const parentId = req(input, 'ParentId');
      requireParent(org, parentId);
      return listPage(
        ctx,
        input,
        `ListAccountsForParent|${parentId}`,
        index.accountsByParent.get(parentId) ?? [],
        'Accounts',
        (id) => accountShape(ctx.world.account(id) as AccountRecord, org, index),
      );
    },
  },

  ListChildren: {
    run(input, ctx) {
      validateInput('organizations', input, {
        ParentId: rules.parentId,
        ChildType: { type: 'string', required: true, enum: ['ACCOUNT', 'ORGANIZATIONAL_UNIT'] },
        ...paging,
      });
      const { org, index } = requireManagement(ctx);
      const parentId = req(input, 'ParentId');
      requireParent(org, parentId);
      const type = req(input, 'ChildType');
      const ids = (type === 'ACCOUNT' ? index.accountsByParent : index.ousByParent).get(parentId) ?? [];
      return listPage(ctx, input, `ListChildren|${parentId}|${type}`, ids, 'Children', (id) => ({
        Id: id,
        Type: type,
      }));
    },
  },

  ListParents: {
    run(input, ctx) {
      validateInput('organizations', input, { ChildId: rules.childId, ...paging });
      const { org } = requireManagement(ctx);
      const childId = req(input, 'ChildId');
      const parentId = org.ous[childId]?.parentId ?? memberAccount(ctx, childId)?.org?.parentId;
      if (!parentId) {
        throw new SandboxServiceError(
          'ChildNotFoundException',
          'We can’t find an organizational unit (OU) or AWS account with the ChildId that you specified.',
          404,
        );
      }
      return listPage(ctx, input, `ListParents|${childId}`, [parentId], 'Parents', (id) => ({
        Id: id,
        Type: id === org.root.id ? 'ROOT' : 'ORGANIZATIONAL_UNIT',
      }));
    },
  },

  DescribeAccount: {
    run(input, ctx) {
      validateInput('organizations', input, { AccountId: rules.accountId });
      const { org, index } = requireManagement(ctx);
      const account = memberAccount(ctx, req(input, 'AccountId'));
      if (!account)
        throw new SandboxServiceError('AccountNotFoundException', 'You specified an account that doesn’t exist.', 404);
      return { Account: accountShape(account, org, index) };
    },
  },

  DescribeOrganizationalUnit: {
    run(input, ctx) {
      validateInput('organizations', input, {
        OrganizationalUnitId: {
          type: 'string',
          required: true,
          max: 68,
          pattern: fullMatch('ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}'),
        },
      });
      const { org, index } = requireManagement(ctx);
      const id = req(input, 'OrganizationalUnitId');
      if (!org.ous[id]) {
        throw new SandboxServiceError(
          'OrganizationalUnitNotFoundException',
          'We can’t find an OU with the OrganizationalUnitId that you specified.',
          404,
        );
      }
      return { OrganizationalUnit: ouShape(org, index, id) };
    },
  },

  ListTagsForResource: {
    run(input, ctx) {
      validateInput('organizations', input, {
        ResourceId: {
          type: 'string',
          required: true,
          min: 0,
          max: 130,
          pattern: fullMatch(
            '(r-[0-9a-z]{4,32})|(\\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})|(p-[0-9a-zA-Z_]{8,128})|(rp-[0-9a-zA-Z_]{4,128})|(rt-[0-9a-zA-Z_]{8,32})',
          ),
        },
        NextToken: rules.nextToken,
      });
      const { org } = requireManagement(ctx);
      const id = req(input, 'ResourceId');
      let tags: Record<string, string> | undefined;
      if (id === org.root.id) tags = org.root.tags;
      else if (org.ous[id]) tags = org.ous[id]?.tags;
      else if (org.policies[id]) tags = {};
      else tags = memberAccount(ctx, id)?.tags;
      if (!tags) throw targetNotFound();
      // No page size: tags (at most 50) always fit one page.
      return { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
    },
  },

  ListPolicies: {
    run(input, ctx) {
      validateInput('organizations', input, { Filter: rules.policyType, ...paging });
      const { org } = requireManagement(ctx);
      const type = req(input, 'Filter');
      const policies = Object.values(org.policies).filter((p) => p.type === type);
      return listPage(ctx, input, `ListPolicies|${type}`, policies, 'Policies', (p) => policyShape(org, p));
    },
  },

  ListPoliciesForTarget: {
    run(input, ctx) {
      validateInput('organizations', input, { TargetId: rules.targetId, Filter: rules.policyType, ...paging });
      const { org } = requireManagement(ctx);
      const targetId = req(input, 'TargetId');
      if (!targetExists(ctx, org, targetId)) throw targetNotFound();
      const type = req(input, 'Filter');
      const policies = (org.attachments[targetId] ?? [])
        .map((id) => org.policies[id])
        .filter((p): p is OrgPolicyRecord => p?.type === type);
      return listPage(ctx, input, `ListPoliciesForTarget|${targetId}|${type}`, policies, 'Policies', (p) =>
        policyShape(org, p),
      );
    },
  },

  ListTargetsForPolicy: {
    run(input, ctx) {
      validateInput('organizations', input, {
        PolicyId: { type: 'string', required: true, min: 0, max: 130, pattern: fullMatch('p-[0-9a-zA-Z_]{8,128}') },
        ...paging,
      });
      const { org } = requireManagement(ctx);
      const policyId = req(input, 'PolicyId');
      if (!org.policies[policyId]) {
        throw new SandboxServiceError(
          'PolicyNotFoundException',
          'We can’t find a policy with the PolicyId that you specified.',
          404,
        );
      }
      const targets = Object.entries(org.attachments)
        .filter(([, ids]) => ids.includes(policyId))
        .map(([id]) => id);
      return listPage(ctx, input, `ListTargetsForPolicy|${policyId}`, targets, 'Targets', (id) => {
        if (id === org.root.id)
          return { TargetId: id, Arn: orgArn(org, 'root', id), Name: org.root.name, Type: 'ROOT' };
        const ou = org.ous[id];
        if (ou) return { TargetId: id, Arn: orgArn(org, 'ou', id), Name: ou.name, Type: 'ORGANIZATIONAL_UNIT' };
        return { TargetId: id, Arn: orgArn(org, 'account', id), Name: ctx.world.account(id)?.name, Type: 'ACCOUNT' };
      });
    },
  },

  ListDelegatedAdministrators: {
    run(input, ctx) {
      validateInput('organizations', input, { ServicePrincipal: rules.servicePrincipal, ...paging });
      const { org, index } = requireManagement(ctx);
      const service = str(input, 'ServicePrincipal');
      const first = new Map<string, number>();
      for (const d of org.delegatedAdmins) {
        if (service && d.servicePrincipal !== service) continue;
        first.set(d.accountId, Math.min(first.get(d.accountId) ?? d.enabledAt, d.enabledAt));
      }
      const ids = [...first.keys()].filter((id) => memberAccount(ctx, id));
      return listPage(
        ctx,
        input,
        `ListDelegatedAdministrators|${service ?? ''}`,
        ids,
        'DelegatedAdministrators',
        (id) => {
          const a = accountShape(ctx.world.account(id) as AccountRecord, org, index);
          return {
            Id: a.Id,
            Arn: a.Arn,
            Email: a.Email,
            Name: a.Name,
            Status: a.Status,
            State: a.State,
            JoinedMethod: a.JoinedMethod,
            JoinedTimestamp: a.JoinedTimestamp,
            DelegationEnabledDate: toDate(first.get(id) as number),
          };
        },
      );
    },
  },

  ListAWSServiceAccessForOrganization: {
    run(input, ctx) {
      validateInput('organizations', input, paging);
      const { org } = requireManagement(ctx);
      return listPage(
        ctx,
        input,
        'ListAWSServiceAccess',
        Object.entries(org.serviceAccess),
        'EnabledServicePrincipals',
        ([p, at]) => ({
          ServicePrincipal: p,
          DateEnabled: toDate(at),
        }),
      );
    },
  },

  RegisterDelegatedAdministrator: {
    write: true,
    run(input, ctx) {
      validateInput('organizations', input, {
        AccountId: { ...rules.accountId, required: true },
        ServicePrincipal: { ...rules.servicePrincipal, required: true },
      });
      const { org } = requireOrg(ctx);
      if (org.managementAccountId !== ctx.accountId) {
        throw new SandboxServiceError(
          'AccessDeniedException',
          'You don’t have permissions to access this resource.',
          403,
        );
      }
      const accountId = req(input, 'AccountId');
      const servicePrincipal = req(input, 'ServicePrincipal');
      const constraint = (reason: string, message: string) =>
        new SandboxServiceError('ConstraintViolationException', message, 409, { Reason: reason });
      if (accountId === org.managementAccountId) {
        throw constraint(
          'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR',
          'You cannot register the management account as a delegated administrator.',
        );
      }
      const account = ctx.world.account(accountId);
      if (!account?.org) {
        throw new SandboxServiceError('AccountNotFoundException', 'You specified an account that doesn’t exist.', 404);
      }
      if (account.org.state !== 'ACTIVE') {
        throw constraint(
          'CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR',
          'You cannot register a suspended account as a delegated administrator.',
        );
      }
      const existing = org.delegatedAdmins.filter((d) => d.servicePrincipal === servicePrincipal);
      if (existing.some((d) => d.accountId === accountId)) {
        throw new SandboxServiceError(
          'AccountAlreadyRegisteredException',
          'The provided account is already a delegated administrator for your organization.',
          409,
        );
      }
      // Identity Center allows one delegated administrator (AWS Identity Center user guide).
      if (servicePrincipal === 'sso.amazonaws.com' && existing.length > 0) {
        throw constraint(
          'DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE',
          'A delegated administrator already exists for this service.',
        );
      }
      org.delegatedAdmins.push({ accountId, servicePrincipal, enabledAt: ctx.now });
      return {};
    },
  },

  EnableAWSServiceAccess: {
    write: true,
    run(input, ctx) {
      validateInput('organizations', input, { ServicePrincipal: { ...rules.servicePrincipal, required: true } });
      const { org } = requireOrg(ctx);
      if (org.managementAccountId !== ctx.accountId) {
        throw new SandboxServiceError(
          'AccessDeniedException',
          'You don’t have permissions to access this resource.',
          403,
        );
      }
      const principal = req(input, 'ServicePrincipal');
      if (!principal.endsWith('.amazonaws.com')) throw organizationsInvalidInput('UNRECOGNIZED_SERVICE_PRINCIPAL');
      if (org.featureSet !== 'ALL') {
        throw new SandboxServiceError(
          'ConstraintViolationException',
          'Trusted access requires an organization with all features enabled.',
          409,
          { Reason: 'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE' },
        );
      }
      org.serviceAccess[principal] ??= ctx.now;
      return {};
    },
  },
};
