/**
 * @module Fact `iam.virtual-mfa-devices`: every virtual MFA device and the user it is bound to. A
 * device bound to `arn:aws:iam::<acct>:root` means the root user's MFA is virtual, not hardware.
 */

import type { VirtualMfaDevice } from '../../model/types.js';
import { ok } from '../evidence.js';
import { defineFact } from '../fact.js';
import { byString, defined, iso } from '../read-helpers.js';

export const iamVirtualMfaDevices = defineFact({
  id: 'iam.virtual-mfa-devices',
  scope: 'account',
  iamActions: ['iam:ListVirtualMFADevices'],
  async read(ctx) {
    const devices = await ctx.aws.list(
      'iam',
      'ListVirtualMFADevices',
      { AssignmentStatus: 'Any' },
      'VirtualMFADevices',
    );
    return ok(
      devices
        .flatMap((d) =>
          d.SerialNumber
            ? [
                defined<VirtualMfaDevice>({
                  serialNumber: d.SerialNumber,
                  userArn: d.User?.Arn,
                  enableDate: iso(d.EnableDate),
                }),
              ]
            : [],
        )
        .sort(byString((d) => d.serialNumber)),
    );
  },
});
