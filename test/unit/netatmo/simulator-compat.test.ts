// The real client against the project's Netatmo simulator: both sides must speak the same dialect
// (paths, methods, envelopes, error codes, token rotation).
import { afterEach, describe, expect, it } from 'vitest';
import { NetatmoClient } from '../../../src/netatmo/client.js';
import { RateBudget } from '../../../src/netatmo/budget.js';
import type { NetatmoError } from '../../../src/netatmo/errors.js';
import { TokenManager } from '../../../src/netatmo/tokens.js';
import { startSimulator } from '../../../src/simulator/index.js';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { silentLogger } from '../../../src/util/logger.js';
import { storeWith } from '../../fakes/memory-store.js';
import { storeTokenRepository } from '../../../src/store/token-repository.js';
import { caught } from './harness.js';

let sim: RunningSimulator | undefined;

afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function stack(scenario: 'demo' | 'multi-home' = 'demo') {
  sim = await startSimulator({ scenario, rateLimits: false });
  const store = storeWith(null, { clientId: sim.clientId, clientSecret: sim.clientSecret });
  const budget = new RateBudget();
  const logger = silentLogger();
  const tokens = new TokenManager({ repository: storeTokenRepository(store), tokenUrl: `${sim.url}/oauth2/token`, budget, logger, envRefreshToken: sim.issueRefreshToken() });
  const client = new NetatmoClient({ apiUrl: sim.url, tokens, budget, logger });
  return { sim, store, tokens, client, budget };
}

describe('NetatmoClient against the simulator', () => {
  it('connects with an issued refresh token, reads topology and status, writes a setpoint', async () => {
    const { sim, client, store } = await stack();
    const homes = await client.homesData();
    const home = homes.homes?.[0];
    expect(home?.id).toBe(sim.world.homeIds()[0]);
    // The first call refreshed the issued token: Netatmo's rotation gave a new pair, saved at once.
    expect(sim.calls.list({ endpoint: 'oauth2/token' })).toHaveLength(1);
    expect(store.diskData.netatmo.tokens?.refreshToken).toMatch(/\S{16,}/);
    const status = await client.homeStatus(home!.id!);
    expect(status.home?.rooms?.map((r) => String(r.id)).sort()).toEqual((home?.rooms ?? []).map((r) => String(r.id)).sort());
    const roomId = String(status.home!.rooms![0]!.id);
    await client.setRoomThermPoint({ homeId: home!.id!, roomId, mode: 'manual', temp: 21.5, endtime: Math.floor(Date.now() / 1000) + 3600 });
    const after = await client.homeStatus(home!.id!);
    expect(after.home?.rooms?.find((r) => String(r.id) === roomId)?.therm_setpoint_temperature).toBe(21.5);
    const write = sim.calls.list().find((c) => c.endpoint === 'setroomthermpoint');
    expect(write).toMatchObject({ method: 'POST', httpStatus: 200 });
    expect(sim.calls.count('oauth2/token')).toBe(1);
  });

  it('recovers from expired access tokens (code 3) with one refresh and retry', async () => {
    const { sim, client } = await stack();
    const homeId = (await client.homesData()).homes![0]!.id!;
    sim.expireAccessTokens();
    const status = await client.homeStatus(homeId);
    expect(status.home?.id).toBe(homeId);
  });

  it('turns revoked refresh tokens into auth_required without a retry loop', async () => {
    const { sim, client, tokens } = await stack();
    const homeId = (await client.homesData()).homes![0]!.id!;
    sim.revokeRefreshTokens();
    sim.expireAccessTokens();
    const error = (await caught(() => client.homeStatus(homeId))) as NetatmoError;
    expect(error.kind).toBe('invalid_grant');
    expect(tokens.status()).toBe('auth_required');
    const refreshes = sim.calls.count('oauth2/token');
    await caught(() => client.homeStatus(homeId));
    expect(sim.calls.count('oauth2/token')).toBe(refreshes);
  });

  it('maps the simulator faults to the right kinds', async () => {
    const { sim, client, budget } = await stack();
    const homeId = (await client.homesData()).homes![0]!.id!;
    const expectKind = async (kind: string) => {
      budget.noteSuccess(Number.MAX_SAFE_INTEGER); // a later success: the back-off ends
      const error = (await caught(() => client.homeStatus(homeId))) as NetatmoError;
      expect(error.kind).toBe(kind);
    };
    sim.faults.inject({ kind: 'rate_limit', endpoints: ['homestatus'], count: 1 });
    await expectKind('rate_limited');
    sim.faults.inject({ kind: 'overloaded', endpoints: ['homestatus'], count: 1 });
    await expectKind('overloaded');
    sim.faults.inject({ kind: 'server_error', endpoints: ['homestatus'], count: 1, httpStatus: 502 });
    await expectKind('server');
    sim.faults.inject({ kind: 'malformed', endpoints: ['homestatus'], count: 1 });
    await expectKind('malformed');
  });

  it('writes through setstate in the OpenTherm home', async () => {
    const { client } = await stack('multi-home');
    const homes = (await client.homesData()).homes ?? [];
    expect(homes.length).toBeGreaterThanOrEqual(2);
    for (const home of homes) {
      const status = await client.homeStatus(home.id!);
      const room = status.home?.rooms?.[0];
      if (!room) continue;
      await client.setState({ home: { id: home.id!, rooms: [{ id: String(room.id), therm_setpoint_mode: 'home' }] } });
    }
  });
});
