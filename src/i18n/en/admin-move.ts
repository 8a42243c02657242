// English of the admin page's "Move to a new machine" and "Diagnostics" sections and their answers
// (src/web/move-render.ts, move-routes.ts). Refusals shared with the CLI are in move.ts.
export const adminMove = {
  'adminMove.title': 'Move to a new machine',
  'adminMove.intro':
    'Export this bridge’s data — the Netatmo sign-in, settings, LAN token and SmartApp installations — as one file protected by a passphrase, and import it on the new machine. Netatmo lets only one bridge use a sign-in: after the export this bridge stops talking to Netatmo.',
  'adminMove.movedNow': 'This bridge’s Netatmo connection was exported on <time>{when}</time>.',
  'adminMove.movedAdvice': 'Stop this bridge once the new machine runs. If you gave the move up and the new machine never started with the file, undo it:',
  'adminMove.undoButton': 'Undo the move (use Netatmo here again)',
  'adminMove.exportTitle': 'Export',
  'adminMove.passphrase': 'Passphrase (at least {min} characters)',
  'adminMove.passphraseAgain': 'The same passphrase again',
  'adminMove.passphraseHint': 'You need it to import the file. The bridge cannot recover a forgotten passphrase.',
  'adminMove.exportWarning': 'After the download this bridge no longer uses Netatmo; reload this page to see it.',
  'adminMove.exportButton': 'Export and download',
  'adminMove.importTitle': 'Import',
  'adminMove.importIntro': 'On the new machine: choose the export file and type its passphrase. The bridge restarts on the imported data.',
  'adminMove.fileLabel': 'Export file',
  'adminMove.importPassphrase': 'Passphrase of the export',
  'adminMove.force': 'Replace the Netatmo connection this bridge already has',
  'adminMove.importButton': 'Import',
  'adminMove.exported': 'The export was downloaded. This bridge no longer uses Netatmo (moved on {time}): import the file on the new machine.',
  'adminMove.exportedNoAccount': 'The export was downloaded. No Netatmo account was connected, so this bridge carries on as before.',
  'adminMove.noFile': 'Choose the export file to import.',
  'adminMove.uploadTooLarge': 'That file is larger than any export the bridge writes. Nothing was changed.',
  'adminMove.uploadRefused': 'The upload could not be read. Choose the export file again.',
  'adminMove.importedTitle': 'Data imported',
  'adminMove.undone': 'The move of {time} is undone: this bridge uses its Netatmo connection again.',

  'adminMove.diagnosticsTitle': 'Diagnostics for a bug report',
  'adminMove.diagnosticsIntro':
    'Download a JSON report (version, settings, health history, last errors, request budget, homes, recent log lines) to attach to a bug report. Tokens, secrets, passwords and e-mail addresses are removed.',
  'adminMove.keepNames': 'Keep the names of homes, rooms and schedules (otherwise “home 1”, “room 1.2” …)',
  'adminMove.diagnosticsButton': 'Download diagnostics',
} as const;
