// The bridge's stop order seen from outside: once features stop, no request reaches them (the
// HTTP server stopped accepting first), and the demo's real data file is the one opened at start.
import { readFile } from 'node:fs/promises';
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeServices } from '../../src/bridge/services.js';
import type { Feature } from '../../src/core/feature.js';
import type { StoreFs } from '../../src/store/index.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

let tb: TestBridge | undefined;
afterEach(async () => {
  await tb?.stop();
  tb = undefined;
});

/** A feature with an open route that notes whether it was reached after the feature stopped. */
function probeFeature(seen: { afterStop: number; lateRequest: string }) {
  return (services: Pick<BridgeServices, 'httpPort'>): Feature => {
    let stopped = false;
    const router = express.Router();
    router.get('/probe', (_req, res) => {
      if (stopped) seen.afterStop += 1;
      res.json({ stopped });
    });
    return {
      name: 'probe',
      routes: { open: [router] },
      async stop() {
        stopped = true;
        // A request arriving now: it must not reach this stopped feature.
        seen.lateRequest = await fetch(`http://127.0.0.1:${services.httpPort()}/probe`, { headers: { connection: 'close' } }).then(
          (res) => `answered ${res.status}`,
          () => 'refused',
        );
      },
    };
  };
}

describe('stopping a bridge', () => {
  it('the HTTP server stops accepting before any feature stops', async () => {
    const seen = { afterStop: 0, lateRequest: '' };
    tb = await startTestBridge({ bridge: { features: [probeFeature(seen)] } });
    expect((await fetch(`${tb.bridge.url}/probe`)).status).toBe(200);
    await tb.bridge.stop();
    expect(seen.lateRequest).toBe('refused');
    expect(seen.afterStop).toBe(0);
  });

  it("every feature's event listeners are gone once the bridge stopped", async () => {
    tb = await startTestBridge({ env: { METRICS: 'on' } });
    const events = tb.bridge.context.events;
    const running = { pollFinished: events.listenerCount('pollFinished'), netatmoCall: events.listenerCount('netatmoCall') };
    await tb.bridge.stop();
    // Left: only the diagnostics recorder, a service that lives as long as the bus itself.
    expect({ pollFinished: events.listenerCount('pollFinished'), netatmoCall: events.listenerCount('netatmoCall') }).toEqual({ pollFinished: 1, netatmoCall: 0 });
    // Metrics, watchdog and persistence listened while it ran.
    expect(running).toEqual({ pollFinished: 4, netatmoCall: 1 });
  });

  it('the demo writes the real data file through the store opened at start (not a second one)', async () => {
    let hashWrittenThroughSeam = false;
    const seam: StoreFs = {
      ...nodeFs,
      rename: async (from, to) => {
        await nodeFs.rename(from, to);
        if (path.basename(String(to)) !== 'bridge.json' || path.basename(path.dirname(String(to))) === 'simulator') return;
        const data = JSON.parse(await readFile(to, 'utf8')) as { web?: { adminPasswordHash?: string | null } };
        if (data.web?.adminPasswordHash) hashWrittenThroughSeam = true;
      },
    };
    // No ADMIN_PASSWORD: the web feature generates one and saves its hash in the REAL data file.
    tb = await startTestBridge({ bridge: { demo: true, storeFs: seam }, withRefreshToken: false });
    expect(tb.bridge.context.simulator).not.toBeNull();
    expect(tb.bridge.context.realStore).not.toBe(tb.bridge.context.store);
    expect(hashWrittenThroughSeam).toBe(true);
    const real = JSON.parse(await readFile(path.join(tb.dataDir, 'bridge.json'), 'utf8')) as { web: { adminPasswordHash: string | null } };
    expect(real.web.adminPasswordHash).toEqual(expect.stringMatching(/\S{20,}/));
  });
});
