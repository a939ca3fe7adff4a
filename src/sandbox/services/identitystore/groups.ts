/**
 * @module identitystore groups and memberships: CreateGroup, DescribeGroup, ListGroups, UpdateGroup,
 * DeleteGroup, GetGroupId, and the membership operations. Group DisplayName and (group, member) are
 * unique (ConflictException UNIQUENESS_CONSTRAINT_VIOLATION).
 */

import { encodeToken, pageWindow, slicePage } from '../../paginate.js';
import type { IdentityStoreGroupRecord, MembershipRecord } from '../../state.js';
import { type Schema, validateInput } from '../../validate.js';
import { type InstanceIndex, uniqueKey } from '../../world.js';
import { type CallContext, type OperationTable, req, toDate } from '../context.js';
import {
  alternateIdentifierRule,
  attributeOperationsRule,
  DEFAULT_PAGE_SIZE,
  filtersRule,
  idRules,
  memberIdRule,
  newResourceId,
  notFound,
  quotaExceeded,
  RESERVED_NAMES,
  requireStore,
  uniquenessConflict,
  validation,
  visible,
} from './common.js';
import { type AlternateIdentifier, describeIdentifier, requireUser } from './users.js';

/** Groups per identity store (DOC-LIMITS). */
export const MAX_GROUPS = 100_000;

function groupShape(g: IdentityStoreGroupRecord, storeId: string): Record<string, unknown> {
  const out: Record<string, unknown> = { GroupId: g.GroupId, IdentityStoreId: storeId };
  if (g.DisplayName !== null) out.DisplayName = g.DisplayName;
  if (g.Description !== null) out.Description = g.Description;
  if (g.ExternalIds) out.ExternalIds = structuredClone(g.ExternalIds);
  out.CreatedAt = toDate(g.createdAt);
  out.CreatedBy = g.createdBy;
  out.UpdatedAt = toDate(g.updatedAt);
  out.UpdatedBy = g.updatedBy;
  return out;
}

function membershipShape(m: MembershipRecord, storeId: string): Record<string, unknown> {
  return {
    IdentityStoreId: storeId,
    MembershipId: m.MembershipId,
    GroupId: m.GroupId,
    MemberId: { UserId: m.UserId },
    CreatedAt: toDate(m.createdAt),
    CreatedBy: m.createdBy,
    UpdatedAt: toDate(m.createdAt),
    UpdatedBy: m.createdBy,
  };
}

function checkDisplayName(ctx: CallContext, index: InstanceIndex, name: string, self?: string): void {
  if (RESERVED_NAMES.includes(name.toLowerCase())) {
    throw validation(ctx, `The group name ${name} is reserved and cannot be used.`);
  }
  const existing = index.groupByName.get(uniqueKey(name));
  if (existing && existing !== self) throw uniquenessConflict(ctx, 'Duplicate GroupDisplayName');
}

function requireGroup(ctx: CallContext, index: InstanceIndex, groupId: string): IdentityStoreGroupRecord {
  const g = index.record.identityStore.groups[groupId];
  if (!g || !visible(ctx, g.createdAt)) throw notFound(ctx, 'GROUP', groupId);
  return g;
}

function requireMembership(ctx: CallContext, index: InstanceIndex, membershipId: string): MembershipRecord {
  const m = index.record.identityStore.memberships[membershipId];
  if (!m) throw notFound(ctx, 'GROUP_MEMBERSHIP', membershipId);
  return m;
}

const paging: Schema = { MaxResults: idRules.maxResults, NextToken: idRules.nextToken };

function listMemberships(
  input: Record<string, unknown>,
  index: InstanceIndex,
  scope: string,
  ids: readonly string[],
): Record<string, unknown> {
  const window = pageWindow('identitystore', scope, input.NextToken, input.MaxResults, DEFAULT_PAGE_SIZE);
  const page = slicePage(ids, window);
  const store = index.record.identityStore;
  const out: Record<string, unknown> = {
    GroupMemberships: page.items.flatMap((id) => {
      const m = store.memberships[id];
      return m ? [membershipShape(m, index.record.identityStoreId)] : [];
    }),
  };
  if (page.next !== null) out.NextToken = encodeToken(scope, page.next);
  return out;
}

export const groupOperations: OperationTable = {
  CreateGroup: {
    write: true,
    run(input, ctx) {
      validateInput('identitystore', input, {
        IdentityStoreId: idRules.identityStoreId,
        DisplayName: { ...idRules.groupDisplayName, required: true },
        Description: idRules.sensitive,
      });
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      const name = req(input, 'DisplayName');
      checkDisplayName(ctx, index, name);
      if (index.groupOrder.length >= MAX_GROUPS)
        throw quotaExceeded(ctx, `The identity store already has ${MAX_GROUPS} groups.`);
      const group: IdentityStoreGroupRecord = {
        GroupId: newResourceId(ctx, index),
        DisplayName: name,
        Description: (input.Description as string | undefined) ?? null,
        ExternalIds: null,
        createdAt: ctx.now,
        createdBy: ctx.callerArn,
        updatedAt: ctx.now,
        updatedBy: ctx.callerArn,
      };
      index.addGroup(group);
      return { GroupId: group.GroupId, IdentityStoreId: index.record.identityStoreId };
    },
  },

  DescribeGroup: {
    run(input, ctx) {
      validateInput('identitystore', input, { IdentityStoreId: idRules.identityStoreId, GroupId: idRules.resourceId });
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      return groupShape(requireGroup(ctx, index, req(input, 'GroupId')), index.record.identityStoreId);
    },
  },

  ListGroups: {
    run(input, ctx) {
      validateInput('identitystore', input, {
        IdentityStoreId: idRules.identityStoreId,
        Filters: filtersRule,
        ...paging,
      });
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      const filter = (input.Filters as { AttributePath: string; AttributeValue: string }[] | undefined)?.[0];
      let ids: readonly string[] = index.groupOrder;
      if (filter) {
        if (filter.AttributePath.toLowerCase() !== 'displayname') {
          throw validation(ctx, `Filtering groups by ${filter.AttributePath} is not supported.`);
        }
        const id = index.groupByName.get(uniqueKey(filter.AttributeValue));
        ids = id ? [id] : [];
      }
      const scope = `ListGroups|${index.record.identityStoreId}|${filter?.AttributeValue ?? ''}`;
      const window = pageWindow('identitystore', scope, input.NextToken, input.MaxResults, DEFAULT_PAGE_SIZE);
      const page = slicePage(ids, window);
      const groups = page.items.flatMap((id) => {
        const g = index.record.identityStore.groups[id];
        return g && visible(ctx, g.createdAt) ? [groupShape(g, index.record.identityStoreId)] : [];
      });
      const out: Record<string, unknown> = { Groups: groups };
      if (page.next !== null) out.NextToken = encodeToken(scope, page.next);
      return out;
    },
  },

  UpdateGroup: {
    write: true,
    run(input, ctx) {
      validateInput('identitystore', input, {
        IdentityStoreId: idRules.identityStoreId,
        GroupId: idRules.resourceId,
        Operations: attributeOperationsRule,
      });
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      const group = requireGroup(ctx, index, req(input, 'GroupId'));
      let displayName = group.DisplayName;
      let description = group.Description;
      for (const op of input.Operations as { AttributePath: string; AttributeValue?: unknown }[]) {
        const path = op.AttributePath.toLowerCase();
        const value = op.AttributeValue ?? null;
        if (path === 'displayname') {
          if (typeof value !== 'string') throw validation(ctx, 'DisplayName cannot be removed.');
          validateInput('identitystore', { DisplayName: value }, { DisplayName: idRules.groupDisplayName });
          checkDisplayName(ctx, index, value, group.GroupId);
          displayName = value;
        } else if (path === 'description') {
          if (value !== null)
            validateInput('identitystore', { Description: value }, { Description: idRules.sensitive });
          description = value as string | null;
        } else {
          throw validation(ctx, `Invalid attribute path ${op.AttributePath}.`);
        }
      }
      const before = group.DisplayName;
      group.DisplayName = displayName;
      group.Description = description;
      group.updatedAt = ctx.now;
      group.updatedBy = ctx.callerArn;
      index.renameGroup(group, before);
      return {};
    },
  },

  DeleteGroup: {
    write: true,
    run(input, ctx) {
      validateInput('identitystore', input, { IdentityStoreId: idRules.identityStoreId, GroupId: idRules.resourceId });
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      const group = requireGroup(ctx, index, req(input, 'GroupId'));
      index.removeGroup(group.GroupId);
      return {};
    },
  },

  GetGroupId: {
    run(input, ctx) {
      validateInput('identitystore', input, {
        IdentityStoreId: idRules.identityStoreId,
        AlternateIdentifier: alternateIdentifierRule,
      });
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      const id = input.AlternateIdentifier as AlternateIdentifier;
      if ((id.ExternalId === undefined) === (id.UniqueAttribute === undefined)) {
        throw validation(ctx, 'AlternateIdentifier must contain exactly one of ExternalId or UniqueAttribute.');
      }
      let group: IdentityStoreGroupRecord | undefined;
      const groups = index.record.identityStore.groups;
      if (id.ExternalId) {
        const { Issuer, Id } = id.ExternalId;
        group = Object.values(groups).find((g) =>
          (g.ExternalIds ?? []).some((e) => e.Issuer === Issuer && e.Id === Id),
        );
      } else {
        const { AttributePath, AttributeValue } = id.UniqueAttribute as {
          AttributePath: string;
          AttributeValue: unknown;
        };
        if (AttributePath.toLowerCase() !== 'displayname') {
          throw validation(ctx, `${AttributePath} is not a unique attribute of groups: use displayName.`);
        }
        if (typeof AttributeValue !== 'string') throw validation(ctx, 'AttributeValue must be a string.');
        const groupId = index.groupByName.get(uniqueKey(AttributeValue));
        group = groupId ? groups[groupId] : undefined;
      }
      if (!group || !visible(ctx, group.createdAt)) throw notFound(ctx, 'GROUP', describeIdentifier(id));
      return { GroupId: group.GroupId, IdentityStoreId: index.record.identityStoreId };
    },
  },

  CreateGroupMembership: {
    write: true,
    run(input, ctx) {
      validateInput('identitystore', input, {
        IdentityStoreId: idRules.identityStoreId,
        GroupId: idRules.resourceId,
        MemberId: memberIdRule,
      });
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      const group = requireGroup(ctx, index, req(input, 'GroupId'));
      const user = requireUser(ctx, index, (input.MemberId as { UserId: string }).UserId);
      if (index.membershipByPair.has(`${group.GroupId}|${user.UserId}`)) {
        throw uniquenessConflict(ctx, 'Member and Group relationship already exists.');
      }
      const membership: MembershipRecord = {
        MembershipId: newResourceId(ctx, index),
        GroupId: group.GroupId,
        UserId: user.UserId,
        createdAt: ctx.now,
        createdBy: ctx.callerArn,
      };
      index.addMembership(membership);
      return { MembershipId: membership.MembershipId, IdentityStoreId: index.record.identityStoreId };
    },
  },

  DeleteGroupMembership: {
    write: true,
    run(input, ctx) {
      validateInput('identitystore', input, {
        IdentityStoreId: idRules.identityStoreId,
        MembershipId: idRules.resourceId,
      });
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      const m = requireMembership(ctx, index, req(input, 'MembershipId'));
      index.removeMembership(m.MembershipId);
      return {};
    },
  },

  DescribeGroupMembership: {
    run(input, ctx) {
      validateInput('identitystore', input, {
        IdentityStoreId: idRules.identityStoreId,
        MembershipId: idRules.resourceId,
      });
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      return membershipShape(requireMembership(ctx, index, req(input, 'MembershipId')), index.record.identityStoreId);
    },
  },

  ListGroupMemberships: {
    run(input, ctx) {
      validateInput('identitystore', input, {
        IdentityStoreId: idRules.identityStoreId,
        GroupId: idRules.resourceId,
        ...paging,
      });
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      const group = requireGroup(ctx, index, req(input, 'GroupId'));
      return listMemberships(
        input,
        index,
        `ListGroupMemberships|${group.GroupId}`,
        index.membershipsByGroup.get(group.GroupId) ?? [],
      );
    },
  },

  ListGroupMembershipsForMember: {
    run(input, ctx) {
      validateInput('identitystore', input, {
        IdentityStoreId: idRules.identityStoreId,
        MemberId: memberIdRule,
        ...paging,
      });
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      const user = requireUser(ctx, index, (input.MemberId as { UserId: string }).UserId);
      return listMemberships(
        input,
        index,
        `ListGroupMembershipsForMember|${user.UserId}`,
        index.membershipsByMember.get(user.UserId) ?? [],
      );
    },
  },

  GetGroupMembershipId: {
    run(input, ctx) {
      validateInput('identitystore', input, {
        IdentityStoreId: idRules.identityStoreId,
        GroupId: idRules.resourceId,
        MemberId: memberIdRule,
      });
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      const groupId = req(input, 'GroupId');
      const userId = (input.MemberId as { UserId: string }).UserId;
      const id = index.membershipByPair.get(`${groupId}|${userId}`);
      if (!id) throw notFound(ctx, 'GROUP_MEMBERSHIP', `${groupId}|${userId}`);
      return { MembershipId: id, IdentityStoreId: index.record.identityStoreId };
    },
  },

  IsMemberInGroups: {
    run(input, ctx) {
      validateInput('identitystore', input, {
        IdentityStoreId: idRules.identityStoreId,
        MemberId: memberIdRule,
        GroupIds: { type: 'list', required: true, min: 1, max: 100, item: idRules.resourceId },
      });
      const index = requireStore(ctx, req(input, 'IdentityStoreId'));
      const user = requireUser(ctx, index, (input.MemberId as { UserId: string }).UserId);
      return {
        Results: (input.GroupIds as string[]).map((groupId) => ({
          GroupId: groupId,
          MemberId: { UserId: user.UserId },
          MembershipExists: index.membershipByPair.has(`${groupId}|${user.UserId}`),
        })),
      };
    },
  },
};
