// The admin page's sentences for moving to a new machine and for the diagnostics download, in one
// place so they can move into the translation catalogue as a whole.
export const moveWebMessages = {
  moveTitle: 'Move to a new machine',
  moveIntro:
    'Export this bridge’s data — the Netatmo sign-in, settings, LAN token and SmartApp installations — as one file protected by a passphrase, and import it on the new machine. Netatmo lets only one bridge use a sign-in: after the export this bridge stops talking to Netatmo.',
  movedNow: 'This bridge’s Netatmo connection was exported',
  movedAdvice: 'Stop this bridge once the new machine runs. If you gave the move up and the new machine never started with the file, undo it:',
  undoButton: 'Undo the move (use Netatmo here again)',
  exportTitle: 'Export',
  passphrase: 'Passphrase (at least 12 characters)',
  passphraseAgain: 'The same passphrase again',
  passphraseHint: 'You need it to import the file. The bridge cannot recover a forgotten passphrase.',
  exportWarning: 'After the download this bridge no longer uses Netatmo; reload this page to see it.',
  exportButton: 'Export and download',
  importTitle: 'Import',
  importIntro: 'On the new machine: choose the export file and type its passphrase. The bridge restarts on the imported data.',
  fileLabel: 'Export file',
  importPassphrase: 'Passphrase of the export',
  force: 'Replace the Netatmo connection this bridge already has',
  importButton: 'Import',
  diagnosticsTitle: 'Diagnostics for a bug report',
  diagnosticsIntro:
    'Download a JSON report (version, settings, health history, last errors, request budget, homes, recent log lines) to attach to a bug report. Tokens, secrets, passwords and e-mail addresses are removed.',
  keepNames: 'Keep the names of homes, rooms and schedules (otherwise “home 1”, “room 1.2” …)',
  diagnosticsButton: 'Download diagnostics',
  exportedFlash: (movedAt: string | null): string =>
    movedAt
      ? `The export was downloaded. This bridge no longer uses Netatmo (moved at ${movedAt}): import the file on the new machine.`
      : 'The export was downloaded. No Netatmo account was connected, so this bridge carries on as before.',
  mismatch: 'The two passphrases are not the same. Nothing was exported.',
  noFile: 'Choose the export file to import.',
  uploadTooLarge: 'That file is larger than any export the bridge writes. Nothing was changed.',
  uploadRefused: 'The upload could not be read. Choose the export file again.',
  importedTitle: 'Data imported',
  undoneFlash: (at: string): string => `The move of ${at} is undone: this bridge uses its Netatmo connection again.`,
  formRefused: 'The form could not be read. Open the Admin page and try again.',
} as const;
