/**
 * @module The moto launcher helper itself: it starts moto on loopback and waits until it answers,
 * reset wipes moto's state without a restart, stop ends the process, and a moto that cannot start
 * is a clear error (the moto suites never skip silently).
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { motoClient } from './differential/sides.js';
import { must } from './differential/steps.js';
import { type MotoServer, startMoto } from './moto-server.js';

let moto: MotoServer;

beforeAll(async () => {
  moto = await startMoto();
}, 120_000);

afterAll(async () => {
  await moto?.stop();
});

describe('startMoto', () => {
  it('serves moto on a loopback port with clients configured for it', async () => {
    expect(moto.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(moto.env.AWS_ENDPOINT_URL).toBe(moto.endpoint);
    expect(moto.shims).toEqual([]);
    const side = motoClient(moto.endpoint);
    try {
      const identity = await must(side, 'sts', 'GetCallerIdentity');
      expect(identity.Account).toBe('123456789012');
    } finally {
      side.close();
    }
  });

  it('reset wipes the state without a restart', async () => {
    const side = motoClient(moto.endpoint);
    try {
      await must(side, 'organizations', 'CreateOrganization', { FeatureSet: 'ALL' });
      expect(await side.call('organizations', 'DescribeOrganization')).toHaveProperty('ok');
      await moto.reset();
      expect(await side.call('organizations', 'DescribeOrganization')).toEqual({
        error: { name: 'AWSOrganizationsNotInUseException', status: 400 },
      });
    } finally {
      side.close();
    }
  });

  it('fails with a clear message when the interpreter cannot be run', async () => {
    await expect(startMoto({ python: 'no-such-python-for-gatehouse' })).rejects.toThrow(
      /moto could not be started \(no-such-python-for-gatehouse -m moto\.server/,
    );
  });

  it('fails with a clear message when moto exits instead of serving', async () => {
    await expect(startMoto({ python: 'false' })).rejects.toThrow(
      /moto exited before answering \(false -m moto\.server .*code 1/,
    );
  });

  // Last: it stops this file's server (stop is idempotent, so afterAll may call it again).
  it('stops the server', async () => {
    await moto.stop();
    await expect(fetch(`${moto.endpoint}/moto-api/data.json`)).rejects.toThrow();
    await moto.stop();
  });
});
