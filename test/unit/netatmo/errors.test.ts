import { describe, expect, it } from 'vitest';
import { classifyHttpResponse, localBudgetError, parseRetryAfter, redactSecrets } from '../../../src/netatmo/errors.js';

const none = new Headers();
const body = (code: number, message = 'x') => JSON.stringify({ error: { code, message } });

describe('classifyHttpResponse', () => {
  it.each([
    [403, body(2, 'Invalid access token'), 'auth'],
    [403, body(3, 'Access token expired'), 'auth'],
    [401, 'Unauthorized', 'auth'],
    [403, body(26, 'User usage reached'), 'rate_limited'],
    [429, body(26, 'Maximum api usage reached'), 'rate_limited'],
    [429, body(11, 'Failed to enter concurrency limited section'), 'overloaded'],
    [500, body(11, 'device.setThermPoint is not a function'), 'overloaded'],
    [429, '', 'overloaded'],
    [429, body(28), 'overloaded'],
    [429, body(29), 'overloaded'],
    [503, '<html>down</html>', 'server'],
    [500, '{}', 'server'],
    [404, body(9, 'Device not found'), 'device_not_found'],
    [400, body(10, 'Missing home_id'), 'bad_request'],
    [400, body(21, 'Invalid id'), 'bad_request'],
    [400, body(25, 'Invalid date'), 'bad_request'],
    [403, body(13, 'Application does not have the good scope rights'), 'forbidden'],
    [403, body(30, 'Invalid refresh token'), 'invalid_grant'],
    [400, '{"error":"invalid_grant"}', 'invalid_grant'],
    [400, '{"error":"invalid_client"}', 'auth'],
    [400, '{"error":"too_many_connections"}', 'overloaded'],
    [200, 'not json', 'malformed'],
    [418, body(999, 'new code'), 'bad_request'],
  ] as const)('HTTP %i %s → %s', (status, text, kind) => {
    expect(classifyHttpResponse('homestatus', status, text, none).kind).toBe(kind);
  });

  it('keeps Netatmo code and message in fields and explains the error in plain words', () => {
    const error = classifyHttpResponse('oauth2/token', 400, '{"error":"invalid_grant"}', none);
    expect(error.message).toBe('Netatmo says the refresh token is no longer valid (it was used or revoked): reconnect Netatmo on the status page (oauth2/token: HTTP 400)');
    expect(error.netatmoMessage).toBe('invalid_grant');
    const scope = classifyHttpResponse('homestatus', 403, body(13, 'Application does not have the good scope rights'), none);
    expect(scope).toMatchObject({ code: 13, httpStatus: 403, endpoint: 'homestatus', netatmoMessage: 'Application does not have the good scope rights' });
    expect(scope.message).toMatch(/reconnect Netatmo on the status page/);
  });

  it('reads Retry-After as seconds or as a date', () => {
    const headers = new Headers({ 'retry-after': '120' });
    expect(classifyHttpResponse('homestatus', 429, body(28), headers).retryAfterS).toBe(120);
    expect(parseRetryAfter('Wed, 01 Jan 2026 00:10:00 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(600);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it('never echoes a token that Netatmo or a proxy put in the body', () => {
    const token = '91763b24c43d3e344f424e8b|880b55a08c758e87ff8755a00c6b8a12';
    const error = classifyHttpResponse('homestatus', 403, body(2, `token ${token} is invalid`), none);
    expect(error.message).not.toContain(token);
    expect(error.netatmoMessage).not.toContain(token);
    expect(redactSecrets('refresh_token=abc&client_secret=def Bearer xyz')).toBe('refresh_token=[redacted]&client_secret=[redacted] Bearer [redacted]');
  });

  it('local budget errors carry retryAfterS', () => {
    expect(localBudgetError('homestatus', 1_500, 'at most 40 calls per 10 s')).toMatchObject({ kind: 'rate_limited', retryAfterS: 2 });
  });
});
