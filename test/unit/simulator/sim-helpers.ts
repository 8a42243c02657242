// Shared helpers for the simulator tests: a hand-driven clock and thin HTTP wrappers.
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../src/simulator/index.js';

/** Answers are probed field by field in the tests; a loose JSON type keeps that readable. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** Monday 2025-01-06 09:00 UTC = 10:00 in Paris: the Standard schedule is in its Eco zone. */
export const MONDAY_10_PARIS = Date.UTC(2025, 0, 6, 9, 0, 0);

export interface ManualClock {
  now: () => number;
  set(ms: number): void;
  tick(ms: number): void;
}

export function manualClock(start = MONDAY_10_PARIS): ManualClock {
  let current = start;
  return {
    now: () => current,
    set: (ms) => {
      current = ms;
    },
    tick: (ms) => {
      current += ms;
    },
  };
}

export interface ApiInit {
  method?: string;
  token?: string;
  json?: unknown;
}

export interface ApiResult {
  status: number;
  json: Json;
  text: string;
}

export interface Harness {
  sim: RunningSimulator;
  clock: ManualClock;
  accessToken: string;
  refreshToken: string;
  homeId: string;
  /** Calls /api/<endpoint>; refreshes the token once on code 3 (unless a token is forced). */
  api(endpoint: string, params?: Record<string, string | number>, init?: ApiInit): Promise<ApiResult>;
  /** Calls /api/<endpoint> exactly once. */
  rawApi(endpoint: string, params?: Record<string, string | number>, init?: ApiInit): Promise<ApiResult>;
}

export async function tokenRequest(sim: RunningSimulator, params: Record<string, string>): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${sim.url}/oauth2/token`, { method: 'POST', body: new URLSearchParams(params) });
  return { status: res.status, json: await res.json() };
}

export async function refresh(sim: RunningSimulator, refreshToken: string): Promise<{ status: number; json: Json }> {
  return tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: sim.clientId, client_secret: sim.clientSecret });
}

export async function startHarness(options: SimulatorOptions = {}): Promise<Harness> {
  const clock = manualClock();
  const sim = await startSimulator({ clock: clock.now, seed: 7, ...options });
  const first = await refresh(sim, sim.issueRefreshToken());
  const harness: Harness = {
    sim,
    clock,
    accessToken: first.json.access_token,
    refreshToken: first.json.refresh_token,
    homeId: sim.world.homeIds()[0]!,
    async api(endpoint, params = {}, init = {}) {
      const first = await harness.rawApi(endpoint, params, init);
      // Tests jump the clock by hours; act like a client and refresh an expired token once.
      if (first.status !== 403 || first.json?.error?.code !== 3 || init.token) return first;
      const next = await refresh(sim, harness.refreshToken);
      harness.accessToken = next.json.access_token;
      harness.refreshToken = next.json.refresh_token;
      return harness.rawApi(endpoint, params, init);
    },
    async rawApi(endpoint, params = {}, init = {}) {
      const method = init.method ?? 'GET';
      const headers: Record<string, string> = { authorization: `Bearer ${init.token ?? harness.accessToken}` };
      const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
      let url = `${sim.url}/api/${endpoint}`;
      let body: string | URLSearchParams | undefined;
      if (init.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(init.json);
      } else if (method === 'GET') {
        url += `?${query.toString()}`;
      } else {
        body = query;
      }
      const res = await fetch(url, { method, headers, body });
      const text = await res.text();
      let json: Json;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, json, text };
    },
  };
  return harness;
}
