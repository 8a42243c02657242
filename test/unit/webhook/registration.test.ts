import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebhookRegistration } from '../../../src/webhook/registration.js';
import { silentLogger } from '../../../src/util/logger.js';

function fakeApi(failures: number) {
  const calls: string[] = [];
  let left = failures;
  return {
    calls,
    api: {
      addWebhook: (url: string) => {
        calls.push(`add ${url}`);
        if (left-- > 0) return Promise.reject(new Error('unreachable'));
        return Promise.resolve();
      },
      dropWebhook: () => {
        calls.push('drop');
        return Promise.resolve();
      },
    },
  };
}

describe('WebhookRegistration', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('retries a failed registration after 30 s, then 60 s, and drops it on stop', async () => {
    const fake = fakeApi(2);
    const registration = new WebhookRegistration({ api: fake.api, url: 'https://bridge.example/webhooks/netatmo', log: silentLogger(), wanted: true });
    await registration.register();
    expect(registration.registered).toBe(false);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(fake.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(fake.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.calls).toEqual(['add https://bridge.example/webhooks/netatmo', 'add https://bridge.example/webhooks/netatmo', 'add https://bridge.example/webhooks/netatmo']);
    expect(registration.registered).toBe(true);
    await registration.stop();
    expect(fake.calls.at(-1)).toBe('drop');
    expect(registration.registered).toBe(false);
  });

  it('stop cancels a pending retry: nothing is registered after the bridge stopped', async () => {
    const fake = fakeApi(1);
    const registration = new WebhookRegistration({ api: fake.api, url: 'https://b/webhooks/netatmo', log: silentLogger(), wanted: true });
    await registration.register();
    await registration.stop();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(fake.calls).toEqual(['add https://b/webhooks/netatmo']);
  });

  it('follows whether it is wanted: not registered while unwanted, dropped when no longer wanted', async () => {
    const fake = fakeApi(0);
    const registration = new WebhookRegistration({ api: fake.api, url: 'https://b/webhooks/netatmo', log: silentLogger(), wanted: false });
    await registration.register();
    expect(fake.calls).toEqual([]);
    registration.setWanted(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(registration.registered).toBe(true);
    registration.setWanted(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls).toEqual(['add https://b/webhooks/netatmo', 'drop']);
  });
});
