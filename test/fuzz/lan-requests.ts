// fast-check generators for LAN API requests: every route with real and hostile ids, methods,
// auth headers, content types and bodies (JSON and not, unicode, huge numbers, oversize,
// deep nesting, prototype-pollution keys). Most of them are wrong; some are valid by chance.
import fc from 'fast-check';

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface KnownIds {
  homeId: string;
  roomIds: string[];
  scheduleIds: string[];
  lanToken: string;
}

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Header-safe text (Node's client refuses control characters in header values). */
const headerText = fc.string({ maxLength: 80 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));

const hostileId = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', '..', '.', '%2e%2e', '%00', '%', '%E0%A4%A', '0', '-1', '1e400', 'null', 'undefined', '%20', 'NaN'),
  fc.string({ unit: 'grapheme', maxLength: 40 }).map(encodeURIComponent),
  fc.string({ minLength: 65, maxLength: 300 }).map(encodeURIComponent),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
);

function idArb(real: string[]): fc.Arbitrary<string> {
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...real) }, { weight: 2, arbitrary: hostileId });
}

function pathArb(ids: KnownIds): fc.Arbitrary<string> {
  const home = idArb([ids.homeId]);
  const room = idArb(ids.roomIds);
  return fc.oneof(
    fc.constantFrom('/api/v1/state', '/api/v1/description', '/api/v1/pair', '/api/v1/pairing', '/api/v1/pairing/open', '/api/v1/refresh', '/api/v1/', '/api/v2/state', '/api/v1/homes'),
    home.map((h) => `/api/v1/homes/${h}/mode`),
    home.map((h) => `/api/v1/homes/${h}/schedule`),
    home.map((h) => `/api/v1/homes/${h}/back-to-schedule`),
    fc.tuple(home, room).map(([h, r]) => `/api/v1/homes/${h}/rooms/${r}/setpoint`),
    fc.tuple(home, room).map(([h, r]) => `/api/v1/homes/${h}/rooms/${r}/mode`),
    fc.tuple(home, room, hostileId).map(([h, r, x]) => `/api/v1/homes/${h}/rooms/${r}/${x}`),
    fc.tuple(fc.constantFrom('/api/v1/state', '/api/v1/refresh'), fc.string({ maxLength: 30 })).map(([p, q]) => `${p}?${encodeURIComponent(q)}=${encodeURIComponent(q)}`),
  );
}

const hugeNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, -0, 2 ** 53 + 1, 1e21, 7, 30, 6.99, 30.01, 45, 46, 113, 0.25),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Values for known field names: right type and range sometimes, everything else often. */
function fieldValue(ids: KnownIds): fc.Arbitrary<unknown> {
  return fc.oneof(
    hugeNumber,
    fc.constantFrom('schedule', 'away', 'frostguard', 'manual', 'boost', 'off', 'max', 'hg', 'home', 'SCHEDULE', ''),
    fc.constantFrom(...ids.scheduleIds, '2026-11-26T22:00:00Z', '2099-01-01T00:00:00+01:00', '1970-01-01T00:00:00Z', '2026-13-45T99:99:99Z', 'tomorrow'),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constant(null),
    fc.boolean(),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...POLLUTION_KEYS), fc.constant('polluted')),
  );
}

function jsonBody(ids: KnownIds): fc.Arbitrary<string> {
  const known = fc.constantFrom('mode', 'endsAt', 'durationMinutes', 'scheduleId', 'temperatureC', 'temperature', 'id');
  const key = fc.oneof({ weight: 4, arbitrary: known }, { weight: 1, arbitrary: fc.constantFrom(...POLLUTION_KEYS) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) });
  const object = fc.dictionary(key, fieldValue(ids), { maxKeys: 4 });
  return fc.oneof(
    { weight: 6, arbitrary: object.map((o) => JSON.stringify(o)) },
    // JSON.stringify drops a __proto__ own key; put it in the text itself.
    { weight: 1, arbitrary: fc.constantFrom(...POLLUTION_KEYS).map((k) => `{"${k}":{"polluted":"yes","prototype":{"polluted":"yes"}},"temperatureC":21}`) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom('{"temperatureC":1e400}', '{"temperatureC":-1e400}', '{"durationMinutes":1e999}', '{"temperatureC":21,"temperatureC":"x"}', '{}', '[]', 'null', '0', '"x"', 'true') },
  );
}

function bodyArb(ids: KnownIds): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 8, arbitrary: jsonBody(ids) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"temperatureC":', '{"a":1}}', 'NaN', '{temperatureC: 21}', "{'mode':'away'}", '\u0000', '\ufeff{}', 'mode=away&durationMinutes=5') },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }).map((n) => `{"temperatureC":21,"pad":"${'x'.repeat(16 * 1024 * n)}"}`) },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 6000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`) },
  );
}

export function requestArb(ids: KnownIds): fc.Arbitrary<FuzzRequest> {
  const method = fc.oneof({ weight: 6, arbitrary: fc.constant('POST') }, { weight: 3, arbitrary: fc.constant('GET') }, { weight: 2, arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') });
  const authorization = fc.oneof(
    { weight: 8, arbitrary: fc.constant(`Bearer ${ids.lanToken}`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('Bearer', 'Bearer ', `bearer  ${ids.lanToken}`, `Bearer ${ids.lanToken}x`, `Basic ${ids.lanToken}`, `Bearer ${ids.lanToken.slice(1)}`) },
    { weight: 1, arbitrary: headerText.map((t) => `Bearer ${t}`) },
  );
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/json') },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x', 'application/json; charset=utf-8', '*/*', 'garbage') },
  );
  const encoding = fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown') });
  return fc.record({ method, path: pathArb(ids), authorization, contentType, encoding, body: bodyArb(ids), ifNoneMatch: fc.option(fc.constantFrom('"1"', '*', 'W/"2"', '"abc"', ''), { nil: undefined }) }).map((r) => {
    const headers: Record<string, string> = {};
    if (r.authorization !== undefined) headers.authorization = r.authorization;
    if (r.contentType !== undefined) headers['content-type'] = r.contentType;
    if (r.encoding !== undefined) headers['content-encoding'] = r.encoding;
    if (r.ifNoneMatch !== undefined) headers['if-none-match'] = r.ifNoneMatch;
    const carriesBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD';
    return { method: r.method, path: r.path, headers, ...(carriesBody ? { body: r.body } : {}) };
  });
}
