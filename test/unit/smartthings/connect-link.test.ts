import { describe, expect, it } from 'vitest';
import type { SmartAppFeatureDeps } from '../../../src/smartthings/feature-deps.js';
import { connectPageUrls } from '../../../src/smartthings/pages-account.js';

function context(host: string, publicUrl: string | undefined): SmartAppFeatureDeps {
  return { config: { host, publicUrl }, httpPort: () => 5000 } as unknown as SmartAppFeatureDeps;
}

describe('link to the guided Netatmo connection', () => {
  it("points at the bridge's admin page on the home network, and also through PUBLIC_URL when that is another address", () => {
    expect(connectPageUrls(context('192.168.1.20', 'https://bridge.example.com'))).toEqual(['http://192.168.1.20:5000/admin#connect', 'https://bridge.example.com/admin#connect']);
    expect(connectPageUrls(context('192.168.1.20', undefined))).toEqual(['http://192.168.1.20:5000/admin#connect', null]);
    expect(connectPageUrls(context('127.0.0.1', 'http://127.0.0.1:5000'))).toEqual(['http://127.0.0.1:5000/admin#connect', null]);
  });
});
