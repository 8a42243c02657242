// English of the SmartApp's answers checks: the Netatmo account typed in the app and the refused
// settings (src/smartthings/netatmo-account.ts, settings-schema.ts).
export const smartappChecks = {
  'account.missing': 'Enter the client id, the client secret and a refresh token of your app at dev.netatmo.com (or use the account already connected to the bridge).',
  'account.alreadyAccepted': 'Netatmo accepted these credentials; the bridge keeps its tokens fresh itself.',
  'account.acceptedNotSaved':
    "Netatmo accepted these credentials and the bridge uses this account, but it could not save them to its data file: they last only until the bridge restarts. Check the bridge's status page.",
  'account.accepted': 'Netatmo accepted these credentials. The bridge now uses this account.',
  'account.bridgeOk': 'Using the Netatmo account already connected to this bridge.',
  'account.bridgeNotSaved':
    "Using the Netatmo account connected to this bridge, but its sign-in is not saved yet (the bridge cannot write its data file): check the bridge's status page.",
  'account.bridgeAuthRequired': 'The bridge must be reconnected to Netatmo: open its status page, or turn this option off and enter new credentials.',
  'account.bridgeNotConfigured': 'This bridge is not connected to Netatmo yet: turn this option off and enter your Netatmo app credentials.',
  'account.bridgeMoved':
    "This bridge's Netatmo connection was moved to another machine: install the SmartApp against the new bridge, or undo the move on this bridge's admin page.",
  'account.unexpected': 'The check failed unexpectedly; try again.',
  'account.invalidGrant': 'Netatmo refused the refresh token: it is wrong or was already used (Netatmo accepts each refresh token once). Generate a new one at dev.netatmo.com.',
  'account.auth': 'Netatmo refused the client id or client secret. Copy both again from your app at dev.netatmo.com.',
  'account.slowDown': 'Netatmo asks to slow down; wait a few minutes and try again.',
  'account.unreachable': "Netatmo could not be reached; check the bridge's internet connection and try again.",
  'account.refused': 'Netatmo refused the credentials ({kind}).',

  'setting.wholeNumber': '{label} must be a whole number from {min} to {max} (got {got}).',
  'setting.pollWholeNumber': '{label} must be a whole number of seconds, at least {min} and at most {max} (got {got}).',
  'setting.pollTooLong':
    "{label} can be at most {max} s: half the stale threshold ({stale} s, set on the bridge's admin page), or one late poll would mark every device offline (got {got}).",
  'setting.profileId': '"{got}" is not a device profile id: copy the id (8-4-4-4-12 letters and digits) that "smartthings deviceprofiles" lists.',
} as const;
