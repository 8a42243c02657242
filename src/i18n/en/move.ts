// English of moving to a new machine, said the same on the admin page and by the CLI: why an
// export or import was refused (src/moving/errors.ts reasons) and what an import did.
export const move = {
  'move.weakPassphrase': 'The passphrase must be at least {limit} characters long (a few words are easiest to remember). Nothing was exported.',
  'move.passphraseMismatch': 'The two passphrases are not the same. Nothing was exported.',
  'move.notAnExport': 'This is not an export file of the Netatmo bridge (or it is incomplete: was it cut off while copying?). Nothing was changed.',
  'move.unsupportedVersion': 'This export file was written by a newer version of the bridge{version}. Update the bridge on this machine, then import again. Nothing was changed.',
  'move.tooLarge': 'This file is larger than any export the bridge writes (limit {limit} KiB). Nothing was changed.',
  'move.unsafeParameters': 'This export file asks for key-derivation settings outside the safe range, so the bridge does not open it. Nothing was changed.',
  'move.wrongPassphrase': 'The passphrase is not the one this file was exported with. Nothing was changed; try again.',
  'move.tampered':
    'The passphrase is right, but the file was changed or damaged after it was exported (its content does not match its seal). Copy the original file again. Nothing was changed.',
  'move.invalidPayload': 'The file opened, but its content is not what the bridge expects (damaged, or made by another program). Nothing was changed.',
  'move.accountPresent':
    'This bridge is already connected to a Netatmo account. Importing would replace that connection: import again with --force (or tick "Replace the Netatmo connection this bridge already has" on the admin page) if that is what you want. Nothing was changed.',
  'move.alreadyMoved':
    "This bridge's Netatmo connection was already exported on {time}. Use that file; or undo the move first (netatmo-bridge import --undo-move, or the admin page), then export again.",
  'move.alreadyMovedEarlier':
    "This bridge's Netatmo connection was already exported earlier. Use that file; or undo the move first (netatmo-bridge import --undo-move, or the admin page), then export again.",
  'move.tokenNotSaved':
    'The Netatmo sign-in in use is not saved in the data file (the disk refuses writes), so it cannot be exported safely. Fix the data file first (see the status page). Nothing was exported.',
  'move.notMoved': 'This bridge was not moved away, so there is nothing to undo.',

  'move.imported': "Imported: the Netatmo connection, settings, LAN token and SmartApp installations are now this bridge's.",
  'move.importedNoAccount': 'Imported the settings, LAN token and SmartApp installations (the export held no Netatmo connection).',
  'move.restarting': 'The bridge restarts now to use the imported data.',
  'move.restartNeeded': 'Restart the bridge to use the imported data.',
} as const;
