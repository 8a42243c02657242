// SSDP discovery by unicast on 127.0.0.1 only (never multicast on the host network): the bridge's
// responder is bound to 127.0.0.1:0 without group membership, and the test searches it directly.
import dgram from 'node:dgram';
import type { NetworkInterfaceInfo } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { descriptionSchema } from '../../src/lan/contract-schemas.js';
import { isLanIPv4 as replyAllowedTo } from '../../src/lan/lan-address.js';
import { MAX_REPLIES_PER_S, SsdpReplyLimiter } from '../../src/lan/ssdp-limits.js';
import { SEARCH_TARGET, buildReply, locationHost, parseMSearch } from '../../src/lan/ssdp-message.js';
import { ssdpFeatureWith } from '../../src/lan/ssdp.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

let t: TestBridge | undefined;
let client: dgram.Socket | undefined;
afterEach(async () => {
  client?.close();
  client = undefined;
  await t?.stop();
  t = undefined;
});

const msearch = (st: string): string => ['M-SEARCH * HTTP/1.1', 'HOST: 239.255.255.250:1900', 'MAN: "ssdp:discover"', 'MX: 1', `ST: ${st}`, '', ''].join('\r\n');

function headersOf(reply: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of reply.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) out[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return out;
}

async function bridgeWithSsdp(): Promise<{ t: TestBridge; port: number }> {
  let port = 0;
  t = await startTestBridge({
    bridge: { features: [ssdpFeatureWith({ enabled: true, bindAddress: '127.0.0.1', port: 0, multicast: false, maxDelayMs: 0, onListening: (a) => (port = a.port) })] },
  });
  expect(port).toBeGreaterThan(0);
  return { t, port };
}

async function searchClient(): Promise<{ socket: dgram.Socket; replies: string[]; next: () => Promise<string> }> {
  const socket = dgram.createSocket('udp4');
  client = socket;
  const replies: string[] = [];
  const waiting: ((reply: string) => void)[] = [];
  socket.on('message', (msg) => {
    const text = msg.toString('utf8');
    const waiter = waiting.shift();
    if (waiter) waiter(text);
    else replies.push(text);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return { socket, replies, next: () => (replies.length > 0 ? Promise.resolve(replies.shift()!) : new Promise((resolve) => waiting.push(resolve))) };
}

describe('SSDP responder over unicast on 127.0.0.1', () => {
  it('answers our search target with LOCATION, USN, ST, SERVER, CACHE-CONTROL and EXT', async () => {
    const { t, port } = await bridgeWithSsdp();
    const { socket, next } = await searchClient();
    socket.send(msearch(SEARCH_TARGET), port, '127.0.0.1');
    const reply = await next();
    expect(reply.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    const h = headersOf(reply);
    const id = t.bridge.context.store.data.bridgeId;
    expect(h).toMatchObject({
      location: `http://127.0.0.1:${t.bridge.port}/api/v1/description`,
      usn: `uuid:${id}::${SEARCH_TARGET}`,
      st: SEARCH_TARGET,
      'cache-control': 'max-age=1800',
      ext: '',
    });
    expect(h.server).toMatch(/UPnP\/1\.1 netatmo-smartthings-bridge\//);
    const description = descriptionSchema.parse(await (await fetch(h.location!)).json());
    expect(description.id).toBe(id);
  });

  it('answers ssdp:all and ignores other targets and non-searches', async () => {
    const { port } = await bridgeWithSsdp();
    const { socket, next } = await searchClient();
    // Sent in order on loopback: had the first two been answered, their replies would come first.
    socket.send(msearch('urn:schemas-upnp-org:device:MediaRenderer:1'), port, '127.0.0.1');
    socket.send('NOTIFY * HTTP/1.1\r\nNT: upnp:rootdevice\r\n\r\n', port, '127.0.0.1');
    socket.send(msearch('ssdp:all'), port, '127.0.0.1');
    expect(headersOf(await next()).st).toBe(SEARCH_TARGET);
  });

  it('does not listen at all with SSDP=off (the test bridges default)', async () => {
    let listened = false;
    t = await startTestBridge({ bridge: { features: [ssdpFeatureWith({ bindAddress: '127.0.0.1', port: 0, multicast: false, onListening: () => (listened = true) })] } });
    expect(t.config.ssdp).toBe(false);
    expect(listened).toBe(false);
  });
});

describe('SSDP messages', () => {
  it('parses M-SEARCH and refuses anything else', () => {
    expect(parseMSearch(msearch(SEARCH_TARGET))).toEqual({ st: SEARCH_TARGET, mx: 1 });
    expect(parseMSearch('M-SEARCH * HTTP/1.1\r\nST: ssdp:all\r\n\r\n')).toBeNull();
    expect(parseMSearch('M-SEARCH * HTTP/1.1\r\nMAN: "ssdp:discover"\r\nST: ssdp:all\r\n\r\n')).toBeNull();
    expect(parseMSearch('GET / HTTP/1.1\r\n\r\n')).toBeNull();
  });

  it('puts the LAN address in LOCATION, never 0.0.0.0', () => {
    const ifaces: NodeJS.Dict<NetworkInterfaceInfo[]> = {
      lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
      eth0: [{ address: '10.0.0.5', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '10.0.0.5/24' }],
      wlan0: [{ address: '192.168.1.20', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:02', internal: false, cidr: '192.168.1.20/24' }],
    };
    expect(locationHost('0.0.0.0', ifaces, '192.168.1.77')).toBe('192.168.1.20');
    expect(locationHost('0.0.0.0', ifaces, '172.16.0.9')).toBe('10.0.0.5');
    expect(locationHost('0.0.0.0', ifaces, '127.0.0.1')).toBe('127.0.0.1');
    expect(locationHost('192.168.1.20', ifaces, '10.0.0.9')).toBe('192.168.1.20');
    expect(locationHost('0.0.0.0', { lo: ifaces.lo }, '192.168.1.77')).toBeNull();
  });

  it('replies only to LAN addresses (private, link-local, loopback): never reflects to the internet', () => {
    for (const address of ['192.168.1.7', '10.1.2.3', '172.16.0.1', '172.31.255.254', '169.254.10.10', '127.0.0.1']) expect(replyAllowedTo(address), address).toBe(true);
    for (const address of ['8.8.8.8', '172.32.0.1', '100.64.0.1', '192.169.0.1', '0.0.0.0', '255.255.255.255', '224.0.0.1', 'not-an-ip']) expect(replyAllowedTo(address), address).toBe(false);
  });

  it('answers each address once a second and everyone at most MAX_REPLIES_PER_S a second', () => {
    let now = 0;
    const limiter = new SsdpReplyLimiter(() => now);
    expect(limiter.allow('192.168.1.7')).toBe(true);
    expect(limiter.allow('192.168.1.7')).toBe(false);
    expect(limiter.allow('8.8.8.8')).toBe(false);
    const others = Array.from({ length: 40 }, (_, i) => limiter.allow(`10.0.0.${i + 1}`));
    expect(others.filter(Boolean)).toHaveLength(MAX_REPLIES_PER_S - 1);
    now = 1_000;
    expect(limiter.allow('192.168.1.7')).toBe(true);
    expect(limiter.allow('10.0.0.40')).toBe(true);
  });

  it('builds the reply with CRLF and an empty line at the end', () => {
    const reply = buildReply({ location: 'http://10.0.0.5:5000/api/v1/description', bridgeId: 'abc', server: 'Linux/6 UPnP/1.1 x/1' });
    expect(reply.endsWith('\r\n\r\n')).toBe(true);
    expect(reply).toContain('USN: uuid:abc::urn:netatmo-smartthings-bridge:device:bridge:1\r\n');
  });
});

describe('SSDP against amplification', () => {
  it('answers with a short reply: no DATE, a short SERVER (request vs reply sizes)', async () => {
    const { port } = await bridgeWithSsdp();
    const { socket, next } = await searchClient();
    const search = msearch(SEARCH_TARGET);
    socket.send(search, port, '127.0.0.1');
    const reply = await next();
    expect(headersOf(reply).date).toBeUndefined();
    expect(headersOf(reply).server).toMatch(/^\S+\/\d+ UPnP\/1\.1 netatmo-smartthings-bridge\/\S+$/);
    // A LAN address as long as they come (15 characters) instead of 127.0.0.1.
    const longest = Buffer.byteLength(reply.replace('127.0.0.1', '192.168.100.200'));
    expect(longest).toBeLessThanOrEqual(330); // was 370 with DATE and the full kernel release
    console.info(`SSDP sizes: search ${Buffer.byteLength(search)} B, reply ${longest} B`);
  });

  it('ignores searches without HOST (every real M-SEARCH has one)', async () => {
    const { port } = await bridgeWithSsdp();
    const { socket, next, replies } = await searchClient();
    socket.send(['M-SEARCH * HTTP/1.1', 'MAN: "ssdp:discover"', 'ST: ssdp:all', '', ''].join('\r\n'), port, '127.0.0.1');
    // The responder reads datagrams in order: the first reply is the valid search's (had the
    // HOST-less one been answered, it would come first and use up this address's one reply).
    socket.send(msearch(SEARCH_TARGET), port, '127.0.0.1');
    expect(headersOf(await next()).st).toBe(SEARCH_TARGET);
    expect(replies).toHaveLength(0);
  });

  it('answers a flood of searches from one address once (a spoofed flood cannot aim at one victim)', async () => {
    const { port } = await bridgeWithSsdp();
    const { socket, next, replies } = await searchClient();
    for (let i = 0; i < 5; i += 1) socket.send(msearch('ssdp:all'), port, '127.0.0.1');
    await next();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(replies).toHaveLength(0);
  });
});
