// English of the CLI's export, import and diagnostics commands (src/cli/export.ts, import.ts,
// passphrase.ts, diagnostics.ts). Refusals shared with the admin page are in move.ts.
export const cliMove = {
  'export.summary': "save this bridge's data (Netatmo login, settings, LAN token) to a passphrase-protected file for a new machine",
  'export.details':
    'Asks for a passphrase twice (at least {min} characters). After the export this bridge stops using\nNetatmo (Netatmo allows one user of a login): import the file on the new machine with\n"netatmo-bridge import <file>". Gave the move up? "netatmo-bridge import --undo-move".',
  'export.positionals': 'the file to write',
  'export.done': 'Exported to {file}. From now on this bridge no longer uses the Netatmo sign-in (moved on {time}): copy the file to the new machine and import it there.',
  'export.doneNoAccount': 'Exported to {file}. No Netatmo account was connected, so this bridge carries on as before.',
  'export.undoHint': 'Gave the move up? "{cli} import --undo-move" on this machine lets it use Netatmo again — only if the new machine never started with the file.',
  'export.fileExists': '{file} already exists; choose another file name (the bridge never overwrites a file). Nothing was exported.',
  'export.fileUnwritable': 'Cannot write {file} ({code}); the move was undone, this bridge keeps using Netatmo. Nothing was exported.',
  'export.noDataFile': 'There is no data file at {file}: nothing to export (is --data-dir right?).',
  'export.dataFileUnusable': 'The data file {file} cannot be used as it is (damaged, or written by a newer version): run "{cli} doctor". Nothing was exported.',

  'import.summary': 'take over the data of an export file (new machine), or --undo-move (old machine, move given up)',
  'import.details':
    "Asks for the export's passphrase. Works with the bridge running (it restarts on the imported data)\nor stopped. Refuses to replace a Netatmo account this machine is connected to unless --force.\n--undo-move lets the OLD machine use Netatmo again — only if the new one never started with the file.",
  'import.positionals': 'the export file',
  'import.optForce': 'replace the Netatmo connection this machine already has',
  'import.optUndoMove': 'undo an export on this machine (the move was given up); takes no file',
  'import.startHint': 'Start the bridge ("{cli} start", or systemctl start netatmo-bridge): it uses the imported data.',
  'import.lanTokenOverridden':
    "LAN_TOKEN is set in this machine's configuration and replaces the imported LAN token at every start: remove it to keep the paired hubs working without pairing again.",
  'import.undone':
    'The move of {time} is undone: this bridge uses its Netatmo connection again. Do not start the exported file on another machine now (Netatmo allows one user of a sign-in).',
  'import.fileUnreadable': 'Cannot read {file} ({code}). Nothing was changed.',
  'import.undoFileOrFlag': 'Give either an export file to import, or --undo-move, not both.',
  'import.needFile': 'Say which file to import: netatmo-bridge import <file>.',

  'cliMove.optPassphraseFile': 'read the passphrase from the first line of FILE instead of asking',
  'cliMove.passphrasePrompt': 'Passphrase for the export file: ',
  'cliMove.passphraseRepeat': 'The same passphrase again: ',
  'cliMove.noPassphrase': 'No passphrase was given. Type it when asked, or use --passphrase-file FILE. Nothing was changed.',
  'cliMove.passphraseFileUnreadable': 'Cannot read the passphrase file {file} ({code}). Nothing was changed.',
  'cliMove.runningUnreachable':
    'A bridge answers at {url} but this command cannot talk to it (it may be an older version, or run as another user). Stop it, then run the command again.',
  'cliMove.bridgeRefused': 'The running bridge refused (HTTP {status}): {message}',

  'diagnostics.summary': 'a redacted JSON report for a bug report (stdout, or --out FILE); works with the bridge stopped too',
  'diagnostics.details': 'Tokens, secrets, passwords and e-mail addresses are removed; home, room and schedule names are\nreplaced by "home 1", "room 1.2" … unless --keep-names.',
  'diagnostics.optOut': 'write the report to FILE instead of the standard output',
  'diagnostics.optKeepNames': 'keep the names of homes, rooms and schedules',
  'diagnostics.writtenLive': 'Diagnostics written to {file} (from the running bridge). Look it over, then attach it to your bug report.',
  'diagnostics.writtenOffline': 'Diagnostics written to {file} (from the data directory; the bridge is not running). Look it over, then attach it to your bug report.',
  'diagnostics.unwritable': 'Cannot write {file} ({code}).',
  'diagnostics.liveFailed': 'The running bridge did not give its diagnostics ({message}); falling back to the data directory.',
} as const;
