// Every real captured Netatmo payload (provided by CI at ../shared/fixtures/netatmo/; skipped when
// absent) must parse with the client's schemas,
// and every error capture must map to the right error kind, whatever HTTP status it arrives with
// (classification is by Netatmo's error.code first).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { NetatmoErrorKind } from '../../src/model/types.js';
import { classifyHttpResponse } from '../../src/netatmo/errors.js';
import {
  parseErrorEnvelope,
  parseHomesDataBody,
  parseHomeStatusBody,
  parseSuccessEnvelope,
  parseTokenResponse,
  parseWriteEnvelope,
  scheduleSchema,
} from '../../src/netatmo/schemas.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixturesDir = path.resolve(repoRoot, '../shared/fixtures/netatmo');
const present = existsSync(fixturesDir);

function listJson(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return listJson(full);
    return name.endsWith('.json') ? [full] : [];
  });
}

const files = present ? listJson(fixturesDir).map((full) => ({ name: path.relative(fixturesDir, full), json: JSON.parse(readFileSync(full, 'utf8')) as Record<string, unknown> })) : [];

/** Error captures and the kind each must map to. A new error capture must be added here. */
const EXPECTED_ERROR_KINDS: Record<string, NetatmoErrorKind> = {
  'pyatmo/error_scope.json': 'forbidden', // code 13
  'pyatmo/home_status_error_invalid_id.json': 'bad_request', // code 21
  'pyatmo/home_status_error_invalid_schedule_id.json': 'bad_request', // code 21
  'pyatmo/home_status_error_mode_not_authorized.json': 'bad_request', // code 21
  'pyatmo/home_status_error_missing_home_id.json': 'bad_request', // code 10
  'pyatmo/home_status_error_missing_parameters.json': 'bad_request', // code 10
  'pyatmo/home_status_error_mode_is_missing.json': 'bad_request', // code 10
  'pyatmo/invalid_grant.json': 'invalid_grant',
  'pyatmo/too_many_connections.json': 'overloaded', // legacy OAuth-style string: retry later
};

type Category = 'token' | 'error' | 'write' | 'homesdata' | 'homestatus' | 'schedule-request';

function categorise(name: string, json: Record<string, unknown>): Category {
  if ('access_token' in json) return 'token';
  if ('error' in json) return 'error';
  if ('body' in json) return /homesdata/.test(name) ? 'homesdata' : 'homestatus';
  if (json.status === 'ok') return 'write';
  if ('timetable' in json && 'zones' in json) return 'schedule-request';
  throw new Error(`${name}: unknown kind of capture; teach the conformance test about it`);
}

const describeIfPresent = present ? describe : describe.skip;
if (!present) {
  console.warn(`[conformance] ${fixturesDir} not found: skipping the Netatmo envelope conformance tests (real captured payloads, provided by CI).`);
}

describeIfPresent('Netatmo captures parse with the client schemas (../shared/fixtures/netatmo)', () => {
  it('found the captures', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files.map((f) => [f.name, f.json] as const))('%s', (name, json) => {
    const category = categorise(name, json);
    switch (category) {
      case 'token': {
        const parsed = parseTokenResponse(json);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) {
          expect(parsed.value.expiresInS).toBe(10_800);
          expect(parsed.value.scope).toContain('write_thermostat');
        }
        return;
      }
      case 'error': {
        expect(parseErrorEnvelope(json).ok).toBe(true);
        const expected = EXPECTED_ERROR_KINDS[name];
        expect(expected, `${name} needs an expected kind`).toBeDefined();
        const text = JSON.stringify(json);
        const statuses = typeof json.error === 'object' ? [400, 403, 500] : [400];
        for (const status of statuses) expect(classifyHttpResponse('homestatus', status, text, new Headers()).kind).toBe(expected);
        return;
      }
      case 'write':
        expect(parseWriteEnvelope(json).ok).toBe(true);
        return;
      case 'schedule-request':
        expect(scheduleSchema.safeParse(json).success).toBe(true);
        return;
      case 'homesdata':
      case 'homestatus': {
        const envelope = parseSuccessEnvelope(json);
        expect(envelope.ok).toBe(true);
        if (!envelope.ok) return;
        const body = category === 'homesdata' ? parseHomesDataBody(envelope.value.body) : parseHomeStatusBody(envelope.value.body);
        expect(body.ok).toBe(true);
        return;
      }
    }
  });

  it('status_ok.json is a write success', () => {
    const file = files.find((f) => f.name === 'pyatmo/status_ok.json');
    expect(file && parseWriteEnvelope(file.json).ok).toBe(true);
  });

  it('keeps the real variants: numeric room ids, open_windows, rf_strenght, relay-offline errors', () => {
    const body = (name: string): unknown => files.find((f) => f.name === name)?.json.body;
    const nemHomes = parseHomesDataBody(body('netatmo-energy-mcp/homesdata.json'));
    expect(nemHomes.ok && nemHomes.value.homes?.[0]?.rooms?.map((r) => r.id)).toContain('1000000002');
    const nemStatus = parseHomeStatusBody(body('netatmo-energy-mcp/homestatus.json'));
    expect(nemStatus.ok && nemStatus.value.home?.rooms?.some((r) => r.open_windows === true)).toBe(true);
    expect(nemStatus.ok && nemStatus.value.home?.modules?.some((m) => m.rf_strenght === 82)).toBe(true);
    const offline = parseHomeStatusBody(body('pyatmo/home_status_error_disconnected.json'));
    expect(offline.ok && offline.value.errors).toEqual([{ code: 6, id: '12:34:56:00:fa:d0' }]);
    expect(offline.ok && offline.value.home?.rooms).toBeUndefined();
  });

  it('every error capture listed here exists (the list is not stale)', () => {
    for (const name of Object.keys(EXPECTED_ERROR_KINDS)) expect(files.some((f) => f.name === name), name).toBe(true);
  });
});
