// SSDP responder: the Edge driver finds the bridge with an M-SEARCH and we answer by unicast.
// Own dgram code rather than node-ssdp (the maintained option we checked): its server always
// starts a multicast NOTIFY loop and joins the group on every interface, which tests may not do
// (they must stay on 127.0.0.1 unicast) and the bridge does not need — the hub searches, we answer.
// The product binds 0.0.0.0:1900 and joins 239.255.255.250 only when SSDP is on (the default);
// tests inject 127.0.0.1:0 without membership.
import dgram from 'node:dgram';
import os from 'node:os';
import type { Config } from '../config/index.js';
import type { Feature, FeatureFactory } from '../core/feature.js';
import { moduleLogger, type Logger } from '../util/logger.js';
import { SsdpReplyLimiter } from './ssdp-limits.js';
import { buildReply, locationHost, parseMSearch, serverHeader, SSDP_MULTICAST_ADDRESS, SSDP_PORT, wantsBridge } from './ssdp-message.js';
import type { BridgeInfo } from './state-document.js';

export interface SsdpResponderOptions {
  bindAddress: string;
  port: number;
  /** Join 239.255.255.250 on every external IPv4 interface (product only). */
  multicast: boolean;
  /** HOST of the HTTP server (a specific address wins for LOCATION). */
  configuredHost: string;
  httpPort: () => number;
  bridgeId: () => string;
  server: string;
  logger: Logger;
  /** Upper bound of the random reply delay (spreads answers within MX); tests use 0. */
  maxDelayMs?: number;
  interfaces?: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  now?: () => number;
}

export class SsdpResponder {
  #socket: dgram.Socket | null = null;
  #timers = new Set<NodeJS.Timeout>();
  readonly #limiter: SsdpReplyLimiter;

  constructor(private readonly options: SsdpResponderOptions) {
    this.#limiter = new SsdpReplyLimiter(options.now);
  }

  /** Binds and resolves with the bound address (port 0 → the port the system chose). */
  async start(): Promise<{ address: string; port: number }> {
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    this.#socket = socket;
    socket.on('error', (error) => this.options.logger.warn({ err: error }, 'SSDP socket error'));
    socket.on('message', (message, rinfo) => this.#onMessage(message, rinfo));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.options.port, this.options.bindAddress, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    if (this.options.multicast) this.#joinGroup(socket);
    const bound = socket.address();
    return { address: bound.address, port: bound.port };
  }

  async stop(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    const socket = this.#socket;
    this.#socket = null;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  #joinGroup(socket: dgram.Socket): void {
    const addresses = Object.values((this.options.interfaces ?? os.networkInterfaces)())
      .flatMap((list) => list ?? [])
      .filter((info) => info.family === 'IPv4' && !info.internal)
      .map((info) => info.address);
    for (const address of addresses.length > 0 ? addresses : [undefined]) {
      try {
        socket.addMembership(SSDP_MULTICAST_ADDRESS, address);
      } catch (error) {
        this.options.logger.warn({ err: error, address }, 'could not join the SSDP multicast group on this interface');
      }
    }
  }

  #onMessage(message: Buffer, rinfo: dgram.RemoteInfo): void {
    const search = parseMSearch(message.toString('utf8'));
    if (!search || !wantsBridge(search) || !this.#limiter.allow(rinfo.address)) return;
    const host = locationHost(this.options.configuredHost, (this.options.interfaces ?? os.networkInterfaces)(), rinfo.address);
    if (host === null) {
      this.options.logger.warn('SSDP search not answered: the bridge has no IPv4 LAN address');
      return;
    }
    const hostPart = host.includes(':') ? `[${host}]` : host;
    const reply = buildReply({
      location: `http://${hostPart}:${this.options.httpPort()}/api/v1/description`,
      bridgeId: this.options.bridgeId(),
      server: this.options.server,
    });
    const delayMs = Math.floor(Math.random() * Math.min(this.options.maxDelayMs ?? 500, search.mx * 1000));
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#socket?.send(reply, rinfo.port, rinfo.address, (error) => {
        if (error) this.options.logger.debug({ err: error }, 'SSDP reply could not be sent');
      });
    }, delayMs);
    this.#timers.add(timer);
  }
}

export interface SsdpFeatureOverrides {
  /** Ignore SSDP=off (tests that bind loopback). */
  enabled?: boolean;
  bindAddress?: string;
  port?: number;
  multicast?: boolean;
  maxDelayMs?: number;
  /** Told the bound address once listening (tests send their M-SEARCH there). */
  onListening?: (address: { address: string; port: number }) => void;
}

/** What the SSDP feature uses of the bridge. */
export interface SsdpFeatureDeps {
  config: Pick<Config, 'ssdp' | 'host'>;
  logger: Logger;
  bridgeInfo(): BridgeInfo;
  httpPort(): number;
  now: () => number;
}

/** SSDP as a bridge feature; `ssdpFeature` is the product's (0.0.0.0:1900, multicast, SSDP=on). */
export function ssdpFeatureWith(overrides: SsdpFeatureOverrides = {}): FeatureFactory<SsdpFeatureDeps> {
  return (context): Feature => {
    if (!(overrides.enabled ?? context.config.ssdp)) return { name: 'ssdp' };
    const logger = moduleLogger(context.logger, 'ssdp');
    const info = context.bridgeInfo();
    const responder = new SsdpResponder({
      bindAddress: overrides.bindAddress ?? '0.0.0.0',
      port: overrides.port ?? SSDP_PORT,
      multicast: overrides.multicast ?? true,
      configuredHost: context.config.host,
      httpPort: () => context.httpPort(),
      bridgeId: () => context.bridgeInfo().id,
      server: serverHeader(os.type(), os.release(), info.version),
      logger,
      maxDelayMs: overrides.maxDelayMs,
      now: context.now,
    });
    return {
      name: 'ssdp',
      async start() {
        try {
          const bound = await responder.start();
          logger.info(bound, 'answering SSDP searches');
          overrides.onListening?.(bound);
        } catch (error) {
          // Discovery is a convenience: the hub can still be given the address by hand.
          logger.warn({ err: error }, 'SSDP discovery is off: could not listen on UDP port 1900 (set SSDP=off to silence this)');
        }
      },
      stop: () => responder.stop(),
    };
  };
}

export const ssdpFeature: FeatureFactory<SsdpFeatureDeps> = ssdpFeatureWith();
