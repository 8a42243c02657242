// The canonical LAN payloads in test/fixtures/lan/ (read by the Lua driver specs too) must be what
// the server really sends: every file is validated against the server's request and response
// schemas, and the deterministic error bodies are compared with live answers.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandErrorToLan } from '../../src/lan/command-routes.js';
import {
  commandResultSchema,
  descriptionSchema,
  errorBodySchema,
  netatmoErrorDetailsSchema,
  pairResultSchema,
  refreshResultSchema,
  stateDocumentSchema,
} from '../../src/lan/contract-schemas.js';
import { PAIRING_CLOSED_MESSAGE } from '../../src/lan/pair-routes.js';
import { emptyBody, homeModeBody, parseBody, roomModeBody, scheduleBody, setpointBody } from '../../src/lan/validation.js';
import { CommandError, type CommandErrorCode } from '../../src/sync/command-types.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

const DIR = path.resolve(import.meta.dirname, '../fixtures/lan');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const load = (name: string): unknown => JSON.parse(readFileSync(path.join(DIR, name), 'utf8')) as unknown;

interface Envelope {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}
interface RequestFixture {
  method: string;
  path: string;
  body?: unknown;
}

const ROUTES: { pattern: RegExp; validate: (body: unknown) => unknown }[] = [
  { pattern: /^\/api\/v1\/homes\/[^/]+\/mode$/, validate: (b) => parseBody(homeModeBody, b) },
  { pattern: /^\/api\/v1\/homes\/[^/]+\/schedule$/, validate: (b) => parseBody(scheduleBody, b) },
  { pattern: /^\/api\/v1\/homes\/[^/]+\/back-to-schedule$/, validate: (b) => parseBody(emptyBody, b) },
  { pattern: /^\/api\/v1\/homes\/[^/]+\/rooms\/[^/]+\/setpoint$/, validate: (b) => parseBody(setpointBody, b) },
  { pattern: /^\/api\/v1\/homes\/[^/]+\/rooms\/[^/]+\/mode$/, validate: (b) => parseBody(roomModeBody, b) },
  { pattern: /^\/api\/v1\/refresh$/, validate: (b) => parseBody(emptyBody, b) },
];

describe('canonical LAN payloads', () => {
  it('covers every kind of file (nothing left unchecked)', () => {
    const known = /^(state-.+|description|pair-ok|pair-closed|command-.+\.(request|response)|error-.+)\.json$/;
    expect(files.filter((f) => !known.test(f))).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files.filter((f) => f.startsWith('state-')))('%s is a state document', (file) => {
    stateDocumentSchema.parse(load(file));
  });

  it('description, pair-ok and pair-closed', () => {
    descriptionSchema.parse(load('description.json'));
    pairResultSchema.parse(load('pair-ok.json'));
    const closed = errorBodySchema.parse(load('pair-closed.json'));
    expect(closed.error).toEqual({ code: 'pairing_closed', message: PAIRING_CLOSED_MESSAGE });
  });

  it.each(files.filter((f) => f.endsWith('.request.json')))('%s is a valid request', (file) => {
    const request = load(file) as RequestFixture;
    expect(request.method).toBe('POST');
    const route = ROUTES.find((r) => r.pattern.test(request.path));
    expect(route, `no route for ${request.path}`).toBeDefined();
    route!.validate(request.body);
  });

  it.each(files.filter((f) => f.endsWith('.response.json')))('%s is a valid answer', (file) => {
    const envelope = load(file) as Envelope;
    expect(envelope.status).toBe(200);
    if (file === 'command-refresh.response.json') refreshResultSchema.parse(envelope.body);
    else commandResultSchema.parse(envelope.body);
  });

  it.each(files.filter((f) => f.startsWith('error-')))('%s matches its code and status', (file) => {
    const envelope = load(file) as Envelope;
    const body = errorBodySchema.parse(envelope.body);
    expect(file).toBe(`error-${body.error.code.replaceAll('_', '-')}.json`);
    const statuses: Record<string, number> = { unauthorized: 401, pairing_closed: 403, payload_too_large: 413 };
    const expected = statuses[body.error.code] ?? commandErrorToLan(new CommandError(body.error.code as CommandErrorCode, 'x')).status;
    expect(envelope.status).toBe(expected);
    if (body.error.code === 'netatmo_error') netatmoErrorDetailsSchema.parse(body.error.details);
    if (body.error.code === 'rate_limited') expect(Number(envelope.headers?.['Retry-After'])).toBeGreaterThan(0);
  });
});

describe('fixtures against live answers', () => {
  let t: TestBridge;
  beforeAll(async () => {
    t = await startTestBridge();
    await t.bridge.context.poller.pollNow();
  });
  afterAll(async () => {
    await t.stop();
  });

  const bodyOf = (file: string): unknown => (load(file) as Envelope).body;

  it('state, description and a command answer validate like the fixtures', async () => {
    stateDocumentSchema.parse(await (await t.api('/api/v1/state')).json());
    descriptionSchema.parse(await (await fetch(`${t.bridge.url}/api/v1/description`)).json());
    const home = t.bridge.context.state.homes[0]!;
    const res = await t.api(`/api/v1/homes/${home.id}/rooms/${home.rooms[0]!.id}/mode`, { method: 'POST', body: JSON.stringify({ mode: 'boost', durationMinutes: 30 }) });
    commandResultSchema.parse(await res.json());
  });

  it('deterministic error bodies are exactly what the server sends', async () => {
    const wrong = await fetch(`${t.bridge.url}/api/v1/state`, { headers: { authorization: 'Bearer wrong-token' } });
    expect(await wrong.json()).toEqual(bodyOf('error-unauthorized.json'));
    const big = await t.api('/api/v1/refresh', { method: 'POST', body: JSON.stringify({ pad: 'x'.repeat(20_000) }) });
    expect(await big.json()).toEqual(bodyOf('error-payload-too-large.json'));
    const home = t.bridge.context.state.homes[0]!;
    const badTemp = await t.api(`/api/v1/homes/${home.id}/rooms/${home.rooms[0]!.id}/setpoint`, { method: 'POST', body: JSON.stringify({ temperatureC: 'warm' }) });
    expect(await badTemp.json()).toEqual(bodyOf('error-invalid-request.json'));
    t.bridge.context.pairing.close();
    const closed = await fetch(`${t.bridge.url}/api/v1/pair`, { method: 'POST' });
    expect(await closed.json()).toEqual(load('pair-closed.json'));
  });
});
