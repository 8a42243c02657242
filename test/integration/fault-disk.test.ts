// Fault matrix, disk side: the data directory turns read-only (EROFS) or full (ENOSPC) while the
// bridge runs. Tests run as root in CI, where chmod does not stop writes, so the store's file-system
// seam (startBridge({ storeFs })) makes writes fail on demand. Promises: a clear log line naming
// the cause and the fix, the file on disk never damaged, the bridge keeps serving and polling from
// memory (a token Netatmo rotated meanwhile is kept and used), and everything is saved once the
// disk takes writes again.
import * as nodeFs from 'node:fs/promises';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreFs } from '../../src/store/index.js';
import { parseStoreText } from '../../src/store/load.js';
import { rigTracker, type FaultRig } from './fault-rig.js';

const rigs = rigTracker();
afterEach(() => rigs.stopAll());

type DiskFault = 'EROFS' | 'ENOSPC';

/** node:fs/promises whose writes (temp-file create, rename) fail with `code` while switched on. */
function failingDisk(): { fs: StoreFs; fail(code: DiskFault | null): void } {
  let failing: DiskFault | null = null;
  const refuse = (op: string): Error => Object.assign(new Error(`${failing}: simulated ${op} failure`), { code: failing });
  const fs: StoreFs = {
    ...nodeFs,
    open: ((file: string, flags?: string, mode?: number) => {
      if (failing && flags !== undefined && flags !== 'r') return Promise.reject(refuse('open'));
      return nodeFs.open(file, flags, mode);
    }) as StoreFs['open'],
    rename: ((from: string, to: string) => (failing ? Promise.reject(refuse('rename')) : nodeFs.rename(from, to))) as StoreFs['rename'],
  };
  return { fs, fail: (code) => (failing = code) };
}

async function fileOnDisk(rig: FaultRig) {
  const parsed = parseStoreText(await readFile(path.join(rig.t.dataDir, 'bridge.json'), 'utf8'), new Date());
  expect(parsed.kind).toBe('ok');
  if (parsed.kind !== 'ok') throw new Error('data file does not parse');
  return parsed.data;
}

/** Let chained saves (a change noted while a save was running) reach the store queue and finish. */
async function settle(rig: FaultRig): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await rig.ctx.store.flush();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const MESSAGES: Record<DiskFault, RegExp> = {
  EROFS: /the file system is read-only\. Mount the data directory writable/,
  ENOSPC: /the disk is full\. Free some space on that disk/,
};

describe('fault matrix: data directory read-only or full', () => {
  it.each(['EROFS', 'ENOSPC'] as const)('%s: clear error, file intact, bridge keeps running, saved again once writable', async (code) => {
    const disk = failingDisk();
    const rig = await rigs.start({ storeFs: disk.fs });
    const saved = await fileOnDisk(rig);
    const home = rig.ctx.state.homes[0]!;
    const room = home.rooms[0]!;

    disk.fail(code);
    // A command changes the state (a write), and Netatmo rotates the token (another write).
    const command = await rig.t.api(`/api/v1/homes/${rig.homeId}/rooms/${room.id}/setpoint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ temperatureC: room.setpointC === 22 ? 21 : 22 }),
    });
    expect(command.status).toBe(200);
    rig.sim.expireAccessTokens();
    expect((await rig.nextPoll()).ok).toBe(true);
    await settle(rig);

    const errors = rig.t.logs.lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((e) => e.level >= 50);
    expect(errors.some((e) => MESSAGES[code].test(e.msg))).toBe(true);
    expect(errors.some((e) => /could not save the new Netatmo tokens/.test(e.msg))).toBe(true);
    // The file still holds the last good content; no half-written or temp file is left.
    const during = await fileOnDisk(rig);
    expect(during.state.revision).toBe(saved.state.revision);
    expect((await readdir(rig.t.dataDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // The bridge runs on from memory: it serves the new state and polls with the rotated token.
    const served = await rig.state();
    expect(served.revision).toBeGreaterThan(saved.state.revision);
    expect(served.netatmo.status).toBe('ok');
    // …but says the rotated token is not saved: the status page must not claim "Connected".
    expect(served.netatmo.tokenSaved).toBe(false);
    const page = (await (await fetch(`${rig.t.bridge.url}/status.json`)).json()) as { netatmo: { headline: string }; dataFile: { saving: boolean; problem: string } };
    expect(page.netatmo.headline).toBe('Connected, but the Netatmo sign-in is not saved');
    expect(page.dataFile.saving).toBe(false);
    expect(page.dataFile.problem).toMatch(MESSAGES[code]);
    expect((await rig.nextPoll()).ok).toBe(true);

    disk.fail(null);
    expect((await rig.nextPoll()).ok).toBe(true);
    const changed = await rig.t.api(`/api/v1/homes/${rig.homeId}/rooms/${room.id}/setpoint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ temperatureC: 19 }),
    });
    expect(changed.status).toBe(200);
    await settle(rig);
    const after = await fileOnDisk(rig);
    expect(after.state.revision).toBe(rig.ctx.state.revision);
    // The token that lived only in memory is on disk now: a restart would keep working.
    expect(after.netatmo.tokens?.refreshToken).toBe(rig.ctx.store.data.netatmo.tokens?.refreshToken);
    expect(after.netatmo.tokens?.refreshToken).not.toBe(saved.netatmo.tokens?.refreshToken);
    expect(rig.t.logs.find('Saving the bridge data works again').length).toBeGreaterThan(0);
    expect((await rig.state()).netatmo.tokenSaved).toBe(true);
  });
});
