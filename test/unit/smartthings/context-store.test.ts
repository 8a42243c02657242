import { describe, expect, it } from 'vitest';
import { SmartAppContextStore } from '../../../src/smartthings/context-store.js';
import { MemoryStore } from '../../fakes/memory-store.js';

const secretConfig = { netatmoClientSecret: [{ valueType: 'STRING', stringConfig: { value: 'sekrit' } }], homes: [{ valueType: 'STRING', stringConfig: { value: 'h1' } }] };

describe('SmartApp context store over the data file', () => {
  it('implements what the SDK runtime calls: get, put, update, delete and items', async () => {
    const store = new MemoryStore();
    const contexts = new SmartAppContextStore(store, ['netatmoClientSecret']);
    expect(await contexts.get('app-1')).toBeUndefined();
    await contexts.put({ installedAppId: 'app-1', locationId: 'loc', config: secretConfig });
    await contexts.update('app-1', { authToken: 'a1', refreshToken: 'r1' });
    expect(await contexts.get('app-1')).toMatchObject({ installedAppId: 'app-1', locationId: 'loc', authToken: 'a1', refreshToken: 'r1' });
    expect(store.diskData.smartthings.contexts['app-1']!.refreshToken).toBe('r1');
    expect(JSON.stringify(store.diskData)).not.toContain('sekrit');
    expect(JSON.stringify(store.diskData)).toContain('h1');

    await contexts.setItem('app-1', 'k', { v: 1 });
    expect(await contexts.getItem('app-1', 'k')).toEqual({ v: 1 });
    await contexts.removeItem('app-1', 'k');
    expect(await contexts.getItem('app-1', 'k')).toBeUndefined();
    await contexts.removeAllItems('app-1');

    await contexts.delete('app-1');
    expect(await contexts.get('app-1')).toBeUndefined();
    await expect(contexts.delete('app-1')).resolves.toBeUndefined();
  });

  it('keeps the bridge data (device ids) when the SDK puts a record again', async () => {
    const contexts = new SmartAppContextStore(new MemoryStore());
    await contexts.put({ installedAppId: 'app-1', locationId: 'loc' });
    await contexts.updateBridgeData('app-1', (d) => ({ ...d, devices: { 'home:h1': 'dev-1' } }));
    await contexts.put({ installedAppId: 'app-1', locationId: 'loc', authToken: 'a2', refreshToken: 'r2' });
    expect(contexts.bridgeData('app-1').devices).toEqual({ 'home:h1': 'dev-1' });
    const copy = await contexts.get('app-1');
    copy!.authToken = 'changed';
    expect(contexts.record('app-1')!.authToken).toBe('a2');
  });
});
