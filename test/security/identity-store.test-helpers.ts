/**
 * @module Attacker-side helpers for the identity tests: change the sandbox's Identity Store out of
 * band (as someone other than gatehouse would, through the emulated API) and read who can reach what.
 */

import { openSandboxFile, readStateFile } from '../../src/sandbox/index.js';
import type { SandboxState } from '../../src/sandbox/state.js';
import type { VirtualClock } from '../../src/util/clock.js';

type Call = (operation: string, input: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** Runs `change` with an identitystore caller on the sandbox file (shared with a command that has it open). */
export async function outOfBand(sandbox: string, clock: VirtualClock, change: (call: Call) => Promise<void>) {
  const file = await openSandboxFile(sandbox, { clock });
  try {
    const instance = Object.values(file.sandbox.state.instances)[0]!;
    const accessKeyId = file.sandbox.defaultCredentials()!.accessKeyId;
    const call: Call = (operation, input) =>
      file.sandbox.handle({
        service: 'identitystore',
        operation,
        input: { IdentityStoreId: instance.identityStoreId, ...input },
        accessKeyId,
        region: instance.region,
      });
    await change(call);
  } finally {
    file.close();
  }
}

/** Creates a user (as an administrator in the console would) and returns its id. */
export async function createUser(call: Call, userName: string): Promise<string> {
  const out = await call('CreateUser', {
    UserName: userName,
    DisplayName: userName,
    Name: { GivenName: userName, FamilyName: 'X' },
    Emails: [{ Value: `${userName.toLowerCase()}@evil.example`, Type: 'work', Primary: true }],
  });
  return out.UserId as string;
}

/** Creates a group with the given member ids and returns its id. */
export async function createGroup(call: Call, name: string, memberIds: string[]): Promise<string> {
  const out = await call('CreateGroup', { DisplayName: name });
  const groupId = out.GroupId as string;
  for (const id of memberIds) await call('CreateGroupMembership', { GroupId: groupId, MemberId: { UserId: id } });
  return groupId;
}

/** Every `userName → permission set → account` access in a state, directly or through a group. */
export function accessesIn(state: Readonly<SandboxState>): Set<string> {
  const out = new Set<string>();
  for (const instance of Object.values(state.instances)) {
    const store = instance.identityStore;
    for (const a of Object.values(instance.assignments)) {
      const set = instance.permissionSets[a.permissionSetArn]?.name ?? a.permissionSetArn;
      const userIds =
        a.principalType === 'USER'
          ? [a.principalId]
          : Object.values(store.memberships)
              .filter((m) => m.GroupId === a.principalId)
              .map((m) => m.UserId);
      for (const id of userIds) out.add(`${store.users[id]?.UserName ?? id} → ${set} → ${a.accountId}`);
    }
  }
  return out;
}

export function accessesInFile(sandbox: string): Set<string> {
  return accessesIn(readStateFile(sandbox));
}
