// The first log lines a user reads: where the bridge is, whether the home is simulated, and the
// one thing to do next. Never prints the LAN token (the admin page shows it after sign-in).
import type { Bridge } from './app.js';
import { statusPageUrls } from './util/page-urls.js';
import type { Logger } from './util/logger.js';

export interface WelcomeFacts {
  version: string;
  urls: string[];
  port: number;
  bridgeId: string;
  simulated: boolean;
  netatmo: 'ok' | 'auth_required' | 'not_configured' | 'moved';
  ssdp: boolean;
  /** ISO time the pairing window closes, or null when closed. */
  pairingClosesAt: string | null;
  /** How this installation runs the CLI: "netatmo-bridge", "npm run" or "node dist/cli/main.js". */
  cli: string;
}

/** The welcome lines as data (pure, so they can be tested without a bridge). */
export function welcomeLines(facts: WelcomeFacts): { level: 'info' | 'warn'; msg: string }[] {
  const page = facts.urls[0] ?? '';
  const lines: { level: 'info' | 'warn'; msg: string }[] = [
    { level: 'info', msg: `Netatmo bridge ${facts.version} is running — status page: ${facts.urls.join(' , ')}` },
  ];
  if (facts.simulated) {
    lines.push({
      level: 'warn',
      msg: `DEMO: the homes you see are SIMULATED. To bridge your real heating, connect Netatmo on the admin page ${page}admin (or run "${facts.cli} auth" on a machine without a browser).`,
    });
  } else if (facts.netatmo === 'not_configured') {
    lines.push({ level: 'warn', msg: `Next: connect your Netatmo account on the admin page ${page}admin (or run "${facts.cli} auth" on a machine without a browser).` });
  } else if (facts.netatmo === 'auth_required') {
    lines.push({ level: 'warn', msg: `Netatmo refused the saved login: reconnect on the admin page ${page}admin (or run "${facts.cli} auth"). The hubs keep the last known data meanwhile.` });
  } else if (facts.netatmo === 'moved') {
    lines.push({ level: 'warn', msg: `The Netatmo connection was moved to another machine: this bridge no longer calls Netatmo. Stop it once the new one runs, or undo the move ("${facts.cli} import --undo-move" or the admin page ${page}admin).` });
  }
  const discovery = facts.ssdp
    ? 'in the SmartThings app: + → Add device → Scan nearby'
    : `SSDP is off: enter ${page.replace(/\/$/, '')} as the driver's bridge address`;
  lines.push({
    level: 'info',
    msg: facts.pairingClosesAt
      ? `Pairing is open until ${facts.pairingClosesAt}: ${discovery}.`
      : `To add a hub: run "${facts.cli} pair" (or choose "Open the pairing window" on the admin page, ${page}admin), then ${discovery}.`,
  });
  lines.push({ level: 'info', msg: `Check the installation any time with "${facts.cli} doctor"; health in words: "${facts.cli} status".` });
  return lines;
}

export function printWelcome(bridge: Bridge, logger: Logger, cli: string): void {
  const { config, simulator, store, tokens, pairing } = bridge.context;
  const facts: WelcomeFacts = {
    version: bridge.context.bridgeInfo().version,
    urls: statusPageUrls(config.host, bridge.port),
    port: bridge.port,
    bridgeId: store.data.bridgeId,
    simulated: simulator !== null,
    netatmo: tokens.status(),
    ssdp: config.ssdp,
    pairingClosesAt: pairing.closesAt(),
    cli,
  };
  const [first, ...rest] = welcomeLines(facts);
  // The first line carries the port as a field: scripts and tests read it from JSON logs.
  if (first) logger.info({ port: facts.port, url: bridge.url, bridgeId: facts.bridgeId }, first.msg);
  for (const line of rest) logger[line.level](line.msg);
}
