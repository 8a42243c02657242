// `npm run pair`: asks the running bridge to open its pairing window (5 minutes), so a hub's scan
// can fetch the LAN token without anyone typing it.
import { requestPairingWindow } from '../lan/pairing-client.js';
import { loadInstallation, readDataFile, serviceUserHint } from './installation.js';
import { stringValue, type ParsedArgs } from './args.js';
import { DATA_DIR_OPTION, URL_OPTION, type Command } from './command.js';
import { cliName, complain, say, type CliIo } from './io.js';

export const pairCommand: Command = {
  name: 'pair',
  summary: 'open the pairing window for 5 minutes (then scan in the SmartThings app)',
  usage: 'pair [--url URL] [--data-dir DIR]',
  args: { options: { url: URL_OPTION, 'data-dir': DATA_DIR_OPTION } },
  run: (args, io) => runPair(args, io),
};

async function runPair(args: ParsedArgs, io: CliIo): Promise<number> {
  const installation = loadInstallation(io, { url: stringValue(args, 'url'), dataDir: stringValue(args, 'data-dir') });
  const file = await readDataFile(installation.dataFile);
  if (file.kind !== 'ok') {
    complain(io, `Cannot read the LAN token from ${installation.dataFile}. Run "${cliName()} doctor".${serviceUserHint(installation, 'pair')}`);
    return 1;
  }
  try {
    const opened = await requestPairingWindow(installation.bridgeUrl, file.data.lanToken);
    if (!opened.open) {
      complain(io, 'The bridge answered but did not open pairing.');
      return 1;
    }
    say(io, `Pairing is open${opened.closesAt ? ` until ${opened.closesAt}` : ''}.`);
    say(
      io,
      installation.config.ssdp
        ? 'Now, in the SmartThings app: + → Add device → Scan nearby. The hub finds the bridge and pairs by itself.'
        : `SSDP is off: set the driver's bridge address to ${installation.bridgeUrl.replace('127.0.0.1', '<this machine’s LAN address>')}, then refresh the bridge device.`,
    );
    return 0;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    complain(io, reason.startsWith('The bridge') ? reason : `The bridge does not answer at ${installation.bridgeUrl}: is it running?`);
    return 1;
  }
}
