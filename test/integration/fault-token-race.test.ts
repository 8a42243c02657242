// A token race, repeated: another process on the same data directory rotates
// the refresh token while the bridge saves its state (right after the first poll, and again after
// a failed one). Without the data file's lock, the bridge's read-modify-write could land last and
// put the older pair back (seen once under load). Each round is a fresh bridge + simulator; every
// round must end with the rotated pair on disk and a working bridge.
//
// TOKEN_RACE_ROUNDS (default 5; `npm run test:proof` runs 200). To prove it under load, run it
// beside a bounded CPU hog, e.g.:
//   timeout 600 sh -c 'while :; do :; done' & TOKEN_RACE_ROUNDS=200 npx vitest run test/integration/fault-token-race.test.ts
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RateBudget } from '../../src/netatmo/budget.js';
import { TokenManager } from '../../src/netatmo/tokens.js';
import { openFileStore, storeTokenRepository } from '../../src/store/index.js';
import { silentLogger } from '../../src/util/logger.js';
import { startFaultRig, type FaultRig } from './fault-rig.js';

const ROUNDS = Number(process.env.TOKEN_RACE_ROUNDS ?? 5);

async function storedRefreshToken(rig: FaultRig): Promise<string | undefined> {
  const file = JSON.parse(await readFile(path.join(rig.t.dataDir, 'bridge.json'), 'utf8')) as { netatmo: { tokens: { refreshToken: string } | null } };
  return file.netatmo.tokens?.refreshToken;
}

/** One round; returns what went wrong, or null. */
async function round(): Promise<string | null> {
  const rig = await startFaultRig();
  try {
    // The first poll's state save may still be on its way to disk: the other process starts now.
    const otherStore = await openFileStore({ dataDir: rig.t.dataDir, logger: silentLogger() });
    const otherTokens = new TokenManager({
      repository: storeTokenRepository(otherStore),
      tokenUrl: `${rig.sim.url}/oauth2/token`,
      budget: new RateBudget({ now: rig.now }),
      logger: silentLogger(),
      envCredentials: { clientId: rig.sim.clientId, clientSecret: rig.sim.clientSecret },
      now: rig.now,
    });
    await otherTokens.refreshAfterRejection(otherStore.data.netatmo.tokens?.accessToken ?? '');
    const rotated = otherStore.data.netatmo.tokens?.refreshToken;

    rig.sim.faults.inject({ kind: 'server_error', endpoints: ['homestatus'], count: 1 });
    await rig.nextPoll();
    await rig.ctx.store.flush();
    const onDisk = await storedRefreshToken(rig);
    if (onDisk !== rotated) return 'the data file held the older token pair';
    const next = await rig.nextPoll();
    if (!next.ok) return `the next poll failed: ${next.error?.message ?? 'deferred'}`;
    return null;
  } finally {
    await rig.stop();
  }
}

describe('fault matrix: token rotation by another process racing the state save, repeated', () => {
  it(`${ROUNDS} rounds: the rotated pair always survives and the bridge carries on`, async () => {
    const failures: string[] = [];
    const started = Date.now();
    for (let i = 0; i < ROUNDS; i++) {
      const problem = await round();
      if (problem) failures.push(`round ${i}: ${problem}`);
    }
    console.log(`token race: ${ROUNDS} rounds in ${Math.round((Date.now() - started) / 1000)} s, ${failures.length} lost the rotated pair or failed`);
    expect(failures).toEqual([]);
  }, 60_000 + ROUNDS * 5_000);
});
