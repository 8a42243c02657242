// Drives every path that logs or builds an error (refresh, rotation, invalid_grant, auth retry,
// failures) at debug level and checks that no token or client secret reaches a log line or an
// error message.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/util/logger.js';
import { makeTokens, TEST_CREDENTIALS } from '../../fakes/memory-store.js';
import { apiError, ok, tokenAnswer } from '../../fakes/scripted-netatmo.js';
import { caught, startHarness, T0, type Harness } from './harness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.server.close();
  h = undefined;
});

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, stream };
}

describe('no secret in logs or error messages', () => {
  it('holds across refresh, auth retry, invalid_grant and failures', async () => {
    const { lines, stream } = capture();
    const logger = createLogger({ level: 'debug', destination: stream });
    h = await startHarness({ storedTokens: makeTokens('old', new Date(T0 + 60_000)), logger, tokenOptions: { envRefreshToken: 'refresh-env' } });
    const errors: unknown[] = [];

    h.server.enqueue('oauth2/token', tokenAnswer('new1'), tokenAnswer('new2'));
    h.server.enqueue('homestatus', apiError(403, 2, 'Invalid access token'), ok({ home: { id: 'h' } }), { status: 500, text: 'oops access-new2' });
    await h.client.homeStatus('h');
    errors.push(await caught(() => h!.client.homeStatus('h')));

    h.clock.advance(4 * 3_600_000);
    h.server.setDefault('oauth2/token', { status: 400, json: { error: 'invalid_grant', error_description: 'refresh_token=refresh-new2 is invalid' } });
    errors.push(await caught(() => h!.client.homeStatus('h')));
    errors.push(await caught(() => h!.tokens.getAccessToken()));

    const secrets = ['access-old', 'refresh-old', 'access-new1', 'refresh-new1', 'access-new2', 'refresh-new2', 'refresh-env', TEST_CREDENTIALS.clientSecret];
    const texts = [...lines, ...errors.map((e) => (e instanceof Error ? `${e.message} ${JSON.stringify(e)}` : String(e)))];
    expect(lines.length).toBeGreaterThan(5); // the paths above did log
    expect(lines.some((l) => l.includes('"outcome":"auth"'))).toBe(true);
    for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
