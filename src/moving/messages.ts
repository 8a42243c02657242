// Every sentence of the move feature (export, import, undo), in one place so it can move into the
// translation catalogue as a whole. Interpolated values are times, sizes and versions only.
import type { MoveFailure } from './errors.js';

const FAILURES: Record<MoveFailure, (facts: { at?: string; version?: string; limit?: number }) => string> = {
  weak_passphrase: (f) => `The passphrase must be at least ${f.limit ?? 12} characters long (a few words are easiest to remember). Nothing was exported.`,
  passphrase_mismatch: () => 'The two passphrases are not the same. Nothing was exported.',
  not_an_export: () => 'This is not an export file of the Netatmo bridge (or it is incomplete: was it cut off while copying?). Nothing was changed.',
  unsupported_version: (f) => `This export file was written by a newer version of the bridge${f.version ? ` (${f.version})` : ''}. Update the bridge on this machine, then import again. Nothing was changed.`,
  too_large: (f) => `This file is larger than any export the bridge writes (limit ${Math.round((f.limit ?? 0) / 1024)} KiB). Nothing was changed.`,
  unsafe_parameters: () => 'This export file asks for key-derivation settings outside the safe range, so the bridge does not open it. Nothing was changed.',
  wrong_passphrase: () => 'The passphrase is not the one this file was exported with. Nothing was changed; try again.',
  tampered: () => 'The passphrase is right, but the file was changed or damaged after it was exported (its content does not match its seal). Copy the original file again. Nothing was changed.',
  invalid_payload: () => 'The file opened, but its content is not what the bridge expects (damaged, or made by another program). Nothing was changed.',
  account_present: () =>
    'This bridge is already connected to a Netatmo account. Importing would replace that connection: import again with --force (or tick "Replace the current connection" on the admin page) if that is what you want. Nothing was changed.',
  already_moved: (f) => `This bridge's Netatmo connection was already exported on ${f.at ?? 'an earlier date'}. Use that file; or undo the move first (netatmo-bridge import --undo-move, or the admin page), then export again.`,
  token_not_saved: () => 'The Netatmo sign-in in use is not saved in the data file (the disk refuses writes), so it cannot be exported safely. Fix the data file first (see the status page). Nothing was exported.',
  not_moved: () => 'This bridge was not moved away, so there is nothing to undo.',
};

export const moveMessages = {
  failure: (reason: MoveFailure, facts: { at?: string; version?: string; limit?: number }): string => FAILURES[reason](facts),
  exported: (file: string, movedAt: string | null): string =>
    movedAt
      ? `Exported to ${file}. From now on this bridge no longer uses the Netatmo sign-in (moved at ${movedAt}): copy the file to the new machine and import it there.`
      : `Exported to ${file}. No Netatmo account was connected, so this bridge carries on as before.`,
  undoHint: (cli: string): string => `Gave the move up? "${cli} import --undo-move" on this machine lets it use Netatmo again — only if the new machine never started with the file.`,
  imported: (connected: boolean): string =>
    connected ? 'Imported: the Netatmo connection, settings, LAN token and SmartApp installations are now this bridge\'s.' : 'Imported the settings, LAN token and SmartApp installations (the export held no Netatmo connection).',
  restarting: 'The bridge restarts now to use the imported data.',
  restartNeeded: 'Restart the bridge to use the imported data.',
  startHint: (cli: string): string => `Start the bridge ("${cli} start", or systemctl start netatmo-bridge): it uses the imported data.`,
  lanTokenOverridden: 'LAN_TOKEN is set in this machine\'s configuration and replaces the imported LAN token at every start: remove it to keep the paired hubs working without pairing again.',
  undone: (at: string): string => `The move of ${at} is undone: this bridge uses its Netatmo connection again. Do not start the exported file on another machine now (Netatmo allows one user of a sign-in).`,
  passphrasePrompt: 'Passphrase for the export file: ',
  passphraseRepeat: 'The same passphrase again: ',
  noPassphrase: 'No passphrase was given. Type it when asked, or use --passphrase-file FILE. Nothing was changed.',
  fileExists: (file: string): string => `${file} already exists; choose another file name (the bridge never overwrites a file). Nothing was exported.`,
  fileUnreadable: (file: string, code: string): string => `Cannot read ${file} (${code}). Nothing was changed.`,
  fileUnwritable: (file: string, code: string): string => `Cannot write ${file} (${code}); the move was undone, this bridge keeps using Netatmo. Nothing was exported.`,
  passphraseFileUnreadable: (file: string, code: string): string => `Cannot read the passphrase file ${file} (${code}). Nothing was changed.`,
  noDataFile: (file: string): string => `There is no data file at ${file}: nothing to export (is --data-dir right?).`,
  dataFileUnusable: (file: string, cli: string): string => `The data file ${file} cannot be used as it is (damaged, or written by a newer version): run "${cli} doctor". Nothing was exported.`,
  runningUnreachable: (url: string): string =>
    `A bridge answers at ${url} but this command cannot talk to it (it may be an older version, or run as another user). Stop it, then run the command again.`,
  bridgeRefused: (status: number, message: string): string => `The running bridge refused (HTTP ${status}): ${message}`,
  undoFileOrFlag: 'Give either an export file to import, or --undo-move, not both.',
  needFile: 'Say which file to import: netatmo-bridge import <file>.',
} as const;
