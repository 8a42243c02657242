// Which signing key ids a SmartThings lifecycle call may name, and the certificate URL built for
// them: only SmartThings' own forms, and a URL that cannot leave the configured key host.
import { describe, expect, it } from 'vitest';
import { keyIdKind, platformKeyUrl } from '../../../src/smartthings/key-id.js';

const KEY_HOST = 'https://key.smartthings.com';

describe('keyIdKind', () => {
  it.each([
    ['/SmartThings/80:34:9f:9f:51:84:7d:6d:40:21:63:44:9c:b1:78:44', 'app'],
    ['/SmartThings/test-key', 'app'],
    ['/pl/useast2/1e-1b-cd-10-5d-32-a2-5e-8c-30-de-d8-3d-b0-19-4e-5b-76-13-1e', 'platform'],
    ['/pl/useast1/keyId', 'platform'],
    ['/pl/euwest1/1b-64-db-2d-62-e1-ed-34-c1-c3-1f-27-b4-36-17-72-6b-e1-51-34', 'platform'],
  ])('accepts SmartThings form %s as %s', (keyId, kind) => {
    expect(keyIdKind(keyId)).toBe(kind);
  });

  it.each([
    '@evil.example/cert.pem',
    '.evil.example/x',
    '//evil.example/x',
    ':8443/x',
    '/SmartThings/../x',
    '/SmartThings/../../pl/x',
    '/SmartThingsEvil/x',
    '/SmartThings',
    '/SmartThings/',
    '/pl/../x',
    '/pl/useast1/../../x',
    '/pl/%2e%2e/x',
    '/pl/useast1/%2e%2e%2fx',
    '/pl/useast1/a%40evil.example',
    'https://evil.example/cert.pem',
    'http://127.0.0.1:1/x',
    '/pl/useast1\\..\\x',
    '\\\\evil.example\\x',
    '/pl/ｕseast1/x',
    '/pl/useast1/ｘ',
    '/pl/useast1/x\u0000',
    '/pl/useast1/x\n',
    '/pl//x',
    '/pl/useast1/x/',
    '/pl/useast1/x?y=1',
    '/pl/useast1/x#y',
    '/pl/a/b/c/d/e',
    `/pl/${'a'.repeat(300)}`,
    `/SmartThings/${'a'.repeat(200)}`,
    '',
    'pl/useast1/x',
  ])('refuses %j', (keyId) => {
    expect(keyIdKind(keyId)).toBeNull();
    expect(platformKeyUrl(keyId, KEY_HOST)).toBeNull();
  });

  it('refuses non-strings', () => {
    expect(keyIdKind(42)).toBeNull();
    expect(keyIdKind(undefined)).toBeNull();
  });
});

describe('platformKeyUrl', () => {
  it('appends a platform key id to the key host', () => {
    expect(platformKeyUrl('/pl/useast1/keyId', KEY_HOST)?.href).toBe('https://key.smartthings.com/pl/useast1/keyId');
    expect(platformKeyUrl('/pl/useast1/keyId', 'http://127.0.0.1:4000/keys/')?.href).toBe('http://127.0.0.1:4000/keys/pl/useast1/keyId');
  });

  it('builds no URL for the app key (it is configured, never fetched)', () => {
    expect(platformKeyUrl('/SmartThings/test-key', KEY_HOST)).toBeNull();
  });

  it('refuses a key host that is not https (http only on loopback)', () => {
    expect(platformKeyUrl('/pl/useast1/keyId', 'http://key.smartthings.com')).toBeNull();
    expect(platformKeyUrl('/pl/useast1/keyId', 'ftp://127.0.0.1')).toBeNull();
    expect(platformKeyUrl('/pl/useast1/keyId', 'not a url')).toBeNull();
  });

  it('is needed: plain concatenation, as the SDK does it, lets the key id pick the host', () => {
    // What HttpKeyResolver.getKey fetches for these key ids.
    expect(new URL(`${KEY_HOST}@evil.example/cert.pem`).host).toBe('evil.example');
    expect(new URL(`${KEY_HOST}.evil.example/x`).host).toBe('key.smartthings.com.evil.example');
    expect(new URL(`${KEY_HOST}:8443/x`).port).toBe('8443');
  });
});
