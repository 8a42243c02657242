// The Host allow-list as a pure function: machine names with and without a domain, PUBLIC_URL,
// ALLOWED_HOSTS wildcards, malformed headers, and the one-entry memo of the hot path.
import { describe, expect, it } from 'vitest';
import { allowedHosts, hostName, misdirectedMessage } from '../../../src/http/allowed-hosts.js';

describe('allowedHosts', () => {
  it('a machine with a domain name: the name, its first label (.local) and names under both', () => {
    const allows = allowedHosts({ machineName: 'NAS.home.example.', publicUrl: undefined, allowed: [] });
    for (const host of ['nas.home.example', 'nas', 'nas.local', 'printer.nas.local', 'x.nas.home.example:5000']) expect(allows(host), host).toBe(true);
    for (const host of ['home.example', 'nas.evil.example', 'x.nas']) expect(allows(host), host).toBe(false);
  });

  it('a single-label machine name admits no names under it (they could be public domains)', () => {
    const allows = allowedHosts({ machineName: 'cloud', publicUrl: undefined, allowed: [] });
    expect(allows('cloud')).toBe(true);
    expect(allows('evil.cloud')).toBe(false);
  });

  it("PUBLIC_URL's host and ALLOWED_HOSTS (exact, and *.x for names under x)", () => {
    const allows = allowedHosts({ machineName: 'vm', publicUrl: 'https://Bridge.Example.com:8443', allowed: ['nas.fritz.box', '*.home.example'] });
    for (const host of ['bridge.example.com', 'bridge.example.com:443', 'nas.fritz.box', 'a.home.example', 'a.b.home.example']) expect(allows(host), host).toBe(true);
    for (const host of ['example.com', 'home.example', 'fritz.box', 'xnas.fritz.box']) expect(allows(host), host).toBe(false);
  });

  it('answers each header on its own merits, also when the memo holds another one', () => {
    const allows = allowedHosts({ machineName: 'vm', publicUrl: undefined, allowed: [] });
    const sequence: [string, boolean][] = [['10.0.0.2:5000', true], ['evil.example', false], ['evil.example', false], ['10.0.0.2:5000', true], ['[::1]', true]];
    for (const [host, expected] of sequence) expect(allows(host), host).toBe(expected);
    expect(allows(undefined)).toBe(true);
  });

  it('parses Host headers strictly', () => {
    expect(hostName('[::1]:80')).toBe('[::1]');
    expect(hostName('[::1')).toBeNull();
    expect(hostName('[not-ip]')).toBeNull();
    expect(hostName('a b')).toBeNull();
    expect(hostName('host:port')).toBeNull();
    expect(hostName('Host.Example.:8080')).toBe('host.example');
  });

  it('names the setting to change and quotes the refused name safely', () => {
    const message = misdirectedMessage('<script>"x"</script>');
    expect(message).toContain('ALLOWED_HOSTS');
    expect(message).toContain(JSON.stringify('<script>"x"</script>'));
  });
});
