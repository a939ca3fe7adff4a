/**
 * @module Differential steps for Organizations: create the organization (both through the API),
 * build the same tree on both sides (OUs /Security, /Workloads, /Workloads/Dev; accounts
 * log-archive, dev and prod with tags), then read it back the ways gatehouse does.
 */

import { addMemberAccount, addOu } from '../../../src/sandbox/scenarios/builder.js';
import { MOTO_ACCOUNT_ID } from '../moto-server.js';
import { must, registerFrom, type Step } from './steps.js';

/** The tree both sides get: OU → parent label; account → OU label, tags and the sandbox's chosen id. */
const OUS: [name: string, parent: string][] = [
  ['Security', 'root'],
  ['Workloads', 'root'],
  ['Dev', 'ou:Workloads'],
];
const ACCOUNTS: { name: string; ou: string; tags: Record<string, string>; sandboxId: string }[] = [
  { name: 'log-archive', ou: 'ou:Security', tags: {}, sandboxId: '210000000001' },
  { name: 'dev', ou: 'ou:Dev', tags: { env: 'dev' }, sandboxId: '210000000002' },
  { name: 'prod', ou: 'ou:Workloads', tags: { env: 'prod' }, sandboxId: '210000000003' },
];
/** Member accounts' e-mail, as the sandbox's builder writes it. */
const emailOf = (name: string) => `aws+${name}@example.com`;
const ROOT_TAGS = { owner: 'platform' };

export const organizationsSteps: Step[] = [
  {
    name: 'account ids are the same on both sides',
    setup: {
      sandbox: (s) => s.ids.register('acct:master', MOTO_ACCOUNT_ID),
      moto: async (s) => s.ids.register('acct:master', MOTO_ACCOUNT_ID),
    },
  },
  { name: 'no organization yet', service: 'organizations', op: 'DescribeOrganization' },
  {
    name: 'create an organization with all features',
    service: 'organizations',
    op: 'CreateOrganization',
    input: () => ({ FeatureSet: 'ALL' }),
    after: registerFrom('org', 'Organization.Id'),
  },
  {
    name: 'a second organization is refused',
    service: 'organizations',
    op: 'CreateOrganization',
    input: () => ({ FeatureSet: 'ALL' }),
  },
  { name: 'describe the organization', service: 'organizations', op: 'DescribeOrganization' },
  {
    name: 'list roots',
    service: 'organizations',
    op: 'ListRoots',
    after: registerFrom('root', 'Roots.0.Id'),
  },
  {
    name: 'build OUs, member accounts and tags',
    setup: {
      sandbox: (s) => {
        s.sandbox.mutate((world) => {
          const now = s.clock.now();
          for (const [name, parent] of OUS) s.ids.register(`ou:${name}`, addOu(world, name, s.ids.raw(parent), now));
          for (const a of ACCOUNTS) {
            const record = addMemberAccount(world, {
              id: a.sandboxId,
              name: a.name,
              parentId: s.ids.raw(a.ou),
              tags: a.tags,
              now,
            });
            record.email = emailOf(a.name);
            s.ids.register(`acct:${a.name}`, a.sandboxId);
          }
          const org = world.organization;
          if (!org) throw new Error('sandbox: no organization');
          org.root.tags = { ...ROOT_TAGS };
        });
      },
      moto: async (s) => {
        for (const [name, parent] of OUS) {
          const out = await must(s, 'organizations', 'CreateOrganizationalUnit', {
            ParentId: s.ids.raw(parent),
            Name: name,
          });
          s.ids.register(`ou:${name}`, (out.OrganizationalUnit as { Id: string }).Id);
        }
        for (const a of ACCOUNTS) {
          const out = await must(s, 'organizations', 'CreateAccount', { Email: emailOf(a.name), AccountName: a.name });
          const id = (out.CreateAccountStatus as { AccountId: string }).AccountId;
          s.ids.register(`acct:${a.name}`, id);
          await must(s, 'organizations', 'MoveAccount', {
            AccountId: id,
            SourceParentId: s.ids.raw('root'),
            DestinationParentId: s.ids.raw(a.ou),
          });
          const tags = Object.entries(a.tags).map(([Key, Value]) => ({ Key, Value }));
          if (tags.length > 0) await must(s, 'organizations', 'TagResource', { ResourceId: id, Tags: tags });
        }
        await must(s, 'organizations', 'TagResource', {
          ResourceId: s.ids.raw('root'),
          Tags: Object.entries(ROOT_TAGS).map(([Key, Value]) => ({ Key, Value })),
        });
      },
    },
  },
  {
    name: 'OUs under the root',
    service: 'organizations',
    op: 'ListOrganizationalUnitsForParent',
    input: (s) => ({ ParentId: s.ids.raw('root') }),
  },
  {
    name: 'OUs under /Workloads',
    service: 'organizations',
    op: 'ListOrganizationalUnitsForParent',
    input: (s) => ({ ParentId: s.ids.raw('ou:Workloads') }),
  },
  {
    name: 'describe OU /Workloads/Dev',
    service: 'organizations',
    op: 'DescribeOrganizationalUnit',
    input: (s) => ({ OrganizationalUnitId: s.ids.raw('ou:Dev') }),
  },
  { name: 'list accounts', service: 'organizations', op: 'ListAccounts' },
  { name: 'list accounts two at a time', service: 'organizations', op: 'ListAccounts', page: { size: 2 } },
  {
    name: 'accounts directly under /Workloads',
    service: 'organizations',
    op: 'ListAccountsForParent',
    input: (s) => ({ ParentId: s.ids.raw('ou:Workloads') }),
  },
  {
    name: 'accounts directly under the root',
    service: 'organizations',
    op: 'ListAccountsForParent',
    input: (s) => ({ ParentId: s.ids.raw('root') }),
  },
  {
    name: 'accounts under a parent that does not exist',
    service: 'organizations',
    op: 'ListAccountsForParent',
    input: () => ({ ParentId: 'ou-zzzz-zzzzzzzz' }),
  },
  {
    name: 'OU children of the root',
    service: 'organizations',
    op: 'ListChildren',
    input: (s) => ({ ParentId: s.ids.raw('root'), ChildType: 'ORGANIZATIONAL_UNIT' }),
  },
  {
    name: 'account children of /Workloads/Dev',
    service: 'organizations',
    op: 'ListChildren',
    input: (s) => ({ ParentId: s.ids.raw('ou:Dev'), ChildType: 'ACCOUNT' }),
  },
  {
    name: 'parent of account dev',
    service: 'organizations',
    op: 'ListParents',
    input: (s) => ({ ChildId: s.ids.raw('acct:dev') }),
  },
  {
    name: 'parent of OU /Workloads/Dev',
    service: 'organizations',
    op: 'ListParents',
    input: (s) => ({ ChildId: s.ids.raw('ou:Dev') }),
  },
  {
    name: 'describe account dev',
    service: 'organizations',
    op: 'DescribeAccount',
    input: (s) => ({ AccountId: s.ids.raw('acct:dev') }),
  },
  {
    name: 'describe an account that does not exist',
    service: 'organizations',
    op: 'DescribeAccount',
    input: () => ({ AccountId: '999999999999' }),
  },
  {
    name: 'tags of account dev',
    service: 'organizations',
    op: 'ListTagsForResource',
    input: (s) => ({ ResourceId: s.ids.raw('acct:dev') }),
  },
  {
    name: 'tags of the root',
    service: 'organizations',
    op: 'ListTagsForResource',
    input: (s) => ({ ResourceId: s.ids.raw('root') }),
  },
  {
    name: 'tags of the management account (none)',
    service: 'organizations',
    op: 'ListTagsForResource',
    input: (s) => ({ ResourceId: s.ids.raw('acct:master') }),
  },
  {
    name: 'enable trusted access for Identity Center',
    service: 'organizations',
    op: 'EnableAWSServiceAccess',
    input: () => ({ ServicePrincipal: 'sso.amazonaws.com' }),
  },
  {
    name: 'enable trusted access for Account Management',
    service: 'organizations',
    op: 'EnableAWSServiceAccess',
    input: () => ({ ServicePrincipal: 'account.amazonaws.com' }),
  },
  { name: 'trusted services', service: 'organizations', op: 'ListAWSServiceAccessForOrganization' },
  {
    name: 'trusted access for IAM (centralized root access needs it)',
    service: 'organizations',
    op: 'EnableAWSServiceAccess',
    input: () => ({ ServicePrincipal: 'iam.amazonaws.com' }),
  },
  {
    name: 'an unknown service principal is refused',
    service: 'organizations',
    op: 'EnableAWSServiceAccess',
    input: () => ({ ServicePrincipal: 'not-a-service.example.com' }),
  },
  { name: 'delegated administrators (none)', service: 'organizations', op: 'ListDelegatedAdministrators' },
];
