// `npm run pair`: asks the running bridge to open its pairing window (5 minutes), so a hub's scan
// can fetch the LAN token without anyone typing it.
import { formatDateTime } from '../i18n/format.js';
import { PairingRefusedError, requestPairingWindow } from '../lan/pairing-client.js';
import { loadInstallation, readDataFile, serviceUserHint } from './installation.js';
import { stringValue, type ParsedArgs } from './args.js';
import { DATA_DIR_OPTION, URL_OPTION, type Command } from './command.js';
import { cliName, cliTranslator, complain, say, type CliIo } from './io.js';

export const pairCommand: Command = {
  name: 'pair',
  summary: (tr) => tr.t('pair.summary'),
  usage: 'pair [--url URL] [--data-dir DIR]',
  args: { options: { url: URL_OPTION, 'data-dir': DATA_DIR_OPTION } },
  run: (args, io) => runPair(args, io),
};

async function runPair(args: ParsedArgs, io: CliIo): Promise<number> {
  const tr = cliTranslator(io);
  const installation = loadInstallation(io, { url: stringValue(args, 'url'), dataDir: stringValue(args, 'data-dir') });
  const url = installation.bridgeUrl;
  const file = await readDataFile(installation.dataFile);
  if (file.kind !== 'ok') {
    complain(io, tr.t('pair.noToken', { file: installation.dataFile, cli: cliName(), hint: serviceUserHint(installation, 'pair', tr) }));
    return 1;
  }
  try {
    const opened = await requestPairingWindow(url, file.data.lanToken);
    if (!opened.open) {
      complain(io, tr.t('pair.notOpened'));
      return 1;
    }
    say(io, opened.closesAt ? tr.t('pair.openUntil', { time: formatDateTime(opened.closesAt, tr) }) : tr.t('pair.open'));
    say(io, installation.config.ssdp ? tr.t('pair.scan') : tr.t('pair.ssdpOff', { url: url.replace('127.0.0.1', tr.t('pair.lanAddress')) }));
    return 0;
  } catch (error) {
    complain(io, error instanceof PairingRefusedError ? tr.t('pair.refused', { reason: error.reason }) : tr.t('pair.noAnswer', { url }));
    return 1;
  }
}
