/**
 * @module Names → ids at apply time. A plan carries `null` for the id/ARN of anything an earlier
 * action of the same apply creates; handlers record what they create here and later actions look it
 * up by name. Users and groups are never looked up by name in AWS (one this apply did not create is
 * one the plan did not show: gatehouse never adopts it); permission sets not among them (made by a
 * run that died) are found by listing and describing them once.
 */

import { InternalError, StalePlanError } from '../errors.js';
import type { GroupRef, PermissionSetRef, PrincipalRef, UserRef } from '../plan/actions.js';
import type { ApplyAws } from './aws.js';
import type { IdentityCenterTarget } from './types.js';

/** A principal the plan says this apply creates, but it did not: refused like any principal the plan did not show. */
function notCreatedHere(type: 'user' | 'group', name: string): StalePlanError {
  return new StalePlanError(
    `${type} ${name} was to be created earlier in this apply and was not; gatehouse does not look it up by name (it never adopts a ${type} the plan did not show). Run \`gatehouse plan\` again and review it`,
  );
}

export class NameResolver {
  private readonly aws: ApplyAws;
  private readonly target: () => IdentityCenterTarget;
  readonly permissionSets = new Map<string, string>();
  readonly users = new Map<string, string>();
  readonly groups = new Map<string, string>();
  private permissionSetListing?: Promise<Map<string, string>>;

  constructor(aws: ApplyAws, target: () => IdentityCenterTarget) {
    this.aws = aws;
    this.target = target;
  }

  async permissionSetArn(ref: PermissionSetRef): Promise<string> {
    if (ref.arn) return ref.arn;
    const arn = this.permissionSets.get(ref.name) ?? (await this.findPermissionSet(ref.name));
    if (!arn) throw new InternalError(`permission set ${ref.name} should have been created earlier in this apply`);
    return arn;
  }

  async userId(ref: UserRef): Promise<string> {
    if (ref.id) return ref.id;
    // Never looked up by name in AWS: a user this apply did not create is one the plan did not show.
    const id = this.users.get(ref.userName);
    if (!id) throw notCreatedHere('user', ref.userName);
    return id;
  }

  async groupId(ref: GroupRef): Promise<string> {
    if (ref.id) return ref.id;
    const id = this.groups.get(ref.name);
    if (!id) throw notCreatedHere('group', ref.name);
    return id;
  }

  principalId(ref: PrincipalRef): Promise<string> {
    return ref.type === 'user' ? this.userId({ userName: ref.name, id: ref.id }) : this.groupId(ref);
  }

  /**
   * The ARN of a permission set by name in AWS, or undefined. AWS has no lookup by name: the sets
   * are listed and described once per run (O(P) calls), and only when a name is not known already.
   */
  async findPermissionSet(name: string): Promise<string | undefined> {
    const known = this.permissionSets.get(name);
    if (known) return known;
    if (!this.permissionSetListing) {
      const listing = this.listPermissionSets();
      this.permissionSetListing = listing;
      // A failed listing is not kept: the next lookup tries again.
      listing.catch(() => {
        if (this.permissionSetListing === listing) this.permissionSetListing = undefined;
      });
    }
    const arn = (await this.permissionSetListing).get(name);
    if (arn) this.permissionSets.set(name, arn);
    return arn;
  }

  /** Forgets the listing (after a create failed because the name exists, the listing may be older). */
  forgetListing(): void {
    this.permissionSetListing = undefined;
  }

  private async listPermissionSets(): Promise<Map<string, string>> {
    const { instanceArn, region } = this.target();
    const arns = await this.aws.list(
      'sso-admin',
      'ListPermissionSets',
      { InstanceArn: instanceArn },
      'PermissionSets',
      {
        region,
      },
    );
    const byName = new Map<string, string>();
    for (const arn of arns) {
      const out = await this.aws.call(
        'sso-admin',
        'DescribePermissionSet',
        { InstanceArn: instanceArn, PermissionSetArn: arn },
        { region },
      );
      const setName = out.PermissionSet?.Name;
      if (setName) byName.set(setName, arn);
    }
    return byName;
  }
}
