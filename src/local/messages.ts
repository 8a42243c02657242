// The sentences of the CLI's control channel (in one place for the translation catalogue).
export const localMessages = {
  localOnly: 'This address only answers the netatmo-bridge command on the same machine.',
  wrongKey: 'The control key is wrong: run the command as the user of the bridge\'s data directory.',
  badRequest: 'The request could not be read.',
  tooLarge: 'The request is larger than any export file.',
  controlFileUnwritable: 'Could not write the control file for the netatmo-bridge command; export, import and diagnostics from the command line need the bridge stopped meanwhile',
} as const;
