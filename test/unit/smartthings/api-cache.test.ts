import { describe, expect, it } from 'vitest';
import { ApiCache } from '../../../src/smartthings/api-cache.js';
import type { ContextRecordInput, RuntimeContext } from '../../../src/smartthings/sdk-types.js';

function context(authenticated: boolean): RuntimeContext {
  return { installedAppId: 'app', locationId: 'loc', config: {}, api: { devices: {}, deviceProfiles: {}, presentation: {} } as never, isAuthenticated: () => authenticated };
}

const RECORD: ContextRecordInput = { installedAppId: 'app', locationId: 'loc', authToken: 'a', refreshToken: 'r', config: {} };

describe('SmartThings API cache', () => {
  it('drops a rejected context look-up so the next sync asks again', async () => {
    let calls = 0;
    const cache = new ApiCache({ withContext: () => (++calls === 1 ? Promise.reject(new Error('store busy')) : Promise.resolve(context(true))) });
    await expect(cache.get('app')).rejects.toThrow('store busy');
    await expect(cache.get('app')).resolves.not.toBeNull();
    await cache.get('app');
    expect(calls).toBe(2);
  });

  it('drops a failed INSTALL/UPDATE client too (it must not block the app forever)', async () => {
    let calls = 0;
    const cache = new ApiCache({ withContext: (input) => (++calls === 1 && typeof input === 'object' ? Promise.reject(new Error('bad record')) : Promise.resolve(context(true))) });
    cache.useRecord(RECORD);
    await new Promise((resolve) => setImmediate(resolve));
    await expect(cache.get('app')).resolves.not.toBeNull();
    expect(calls).toBe(2);
  });

  it('does not keep "no tokens" (INITIALIZE only): the app is looked up again after INSTALL', async () => {
    let authenticated = false;
    const cache = new ApiCache({ withContext: () => Promise.resolve(context(authenticated)) });
    await expect(cache.get('app')).resolves.toBeNull();
    authenticated = true;
    await expect(cache.get('app')).resolves.not.toBeNull();
  });
});
