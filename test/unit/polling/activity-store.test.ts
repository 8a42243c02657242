// The learnt hours of activity in the data file: saved, read back, a damaged profile dropped.
import { describe, expect, it } from 'vitest';
import { activitySaver, loadActivityProfiles } from '../../../src/polling/activity-store.js';
import { emptyProfile, recordActivity } from '../../../src/polling/activity-profile.js';
import { MemoryStore } from '../../fakes/memory-store.js';
import { LogCapture } from '../../helpers/bridge.js';

describe('activity profiles in the data file', () => {
  it('saves a profile and reads it back as it was', async () => {
    const store = new MemoryStore();
    const logs = new LogCapture();
    const at = Date.parse('2026-01-05T18:30:00Z');
    const profile = recordActivity(emptyProfile(at), at, 'Europe/Paris');
    activitySaver(store, logs.logger())('home-1', profile);
    await store.flush();
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.data.polling.activity['home-1']).toEqual({ hours: profile.hours, updatedAt: new Date(at).toISOString() });
    expect(loadActivityProfiles(store.data.polling.activity, logs.logger())).toEqual({ 'home-1': profile });
  });

  it('drops a damaged profile with a warning, keeps the others', () => {
    const logs = new LogCapture();
    const good = { hours: new Array(24).fill(0.5), updatedAt: '2026-01-05T18:30:00.000Z' };
    const loaded = loadActivityProfiles({ a: good, b: { hours: [1, 2, 3], updatedAt: 'yesterday' }, c: 'nonsense' }, logs.logger());
    expect(Object.keys(loaded)).toEqual(['a']);
    expect(logs.find('hours of activity of a home are damaged')).toHaveLength(2);
  });
});
