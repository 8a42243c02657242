// English of what the status view says about the bridge's state (src/web/status-view.ts).
export const statusWords = {
  'netatmo.starting.headline': 'Starting: reading Netatmo',
  'netatmo.starting.explanation': 'The bridge has just started; until its first read ends it shows the last known values.',
  'netatmo.ok.headline': 'Connected to Netatmo',
  'netatmo.ok.explanation': 'The bridge reads your heating from Netatmo as planned.',
  'netatmo.degraded.headline': 'Netatmo is having trouble',
  'netatmo.degraded.explanation':
    'Several reads in a row failed, or some of your homes cannot be read (see below); the other data shown is recent. The bridge keeps trying.',
  'netatmo.down.headline': 'Netatmo cannot be reached',
  'netatmo.down.explanation': 'Reads keep failing and the data below is out of date. The bridge keeps trying.',
  'netatmo.auth_required.headline': 'Netatmo must be reconnected',
  'netatmo.auth_required.explanation': 'Netatmo refused the saved sign-in. Open Admin and connect Netatmo again.',
  'netatmo.not_configured.headline': 'Netatmo is not connected yet',
  'netatmo.not_configured.explanation': 'Open Admin and connect your Netatmo account.',
  'netatmo.moved.headline': 'Moved to another machine',
  'netatmo.moved.explanation':
    'The Netatmo connection was exported to another machine, so this bridge no longer talks to Netatmo; the values below are the last known ones. Stop this bridge once the new one runs, or undo the move on the Admin page if you gave it up.',
  'netatmo.notSaved.headline': 'Connected, but the Netatmo sign-in is not saved',
  'netatmo.notSaved.explanation':
    'Netatmo issued a new sign-in that the bridge could not write to its data file. It works now, but after a restart Netatmo would have to be reconnected. The bridge saves it by itself as soon as the data file can be written.',
  'netatmo.stale.headline': 'Connected, but the data is old',
  'netatmo.stale.explanation': 'The last successful read is older than the stale threshold.',
  'netatmo.updated': 'updated {age}',
  'netatmo.noData': 'no data read yet',

  'home.unreachable': 'Netatmo cannot reach this home right now',
  'home.relayOffline': "Netatmo cannot reach this home's relay (or OpenTherm gateway): check its power and Wi-Fi; the last known values are shown",
  'home.mode.schedule': 'Following the schedule',
  'home.mode.away': 'Away',
  'home.mode.frostguard': 'Frost guard',
  'home.until': '{mode} until {time}',

  'room.mode.schedule': 'Schedule',
  'room.mode.manual': 'Manual',
  'room.mode.boost': 'Boost',
  'room.mode.off': 'Off',
  'room.mode.away': 'Away',
  'room.mode.frostguard': 'Frost guard',
  'room.noBattery': 'no battery data',
  'room.batteryLow': 'Low, {percent} %',
  'room.battery': '{percent} %',
  'room.unknown': 'unknown',
  'room.windowOpen': 'Open',
  'room.windowClosed': 'Closed',
  'room.notHeating': 'Not heating',
  'room.heating': 'Heating',
  'room.heatingPower': 'Heating ({percent} %)',

  'store.locked':
    'Could not save the bridge data to {path}: another process (a second bridge, "npm run auth" or "npm run doctor -- --refresh") kept the file locked ({path}.lock). The previous data is kept (on disk and in memory) and the next change is retried automatically.',
  'store.newerFile':
    'Stopped saving the bridge data: {path} was changed meanwhile by a newer version of the bridge{detail}, and this version does not overwrite it. The bridge keeps running with the data it has in memory and does not save until the file is fixed: a restart now would lose what changed since. Stop the other bridge, then start the newer version only (or put a backup of the file back).',
  'store.damagedFile':
    'Stopped saving the bridge data: {path} was damaged meanwhile{detail}, for example by a hand edit; it is left exactly as it is. The bridge keeps running with the data it has in memory and does not save until the file is fixed: a restart now would lose what changed since. Fix the file or put a backup back; or restart the bridge, which moves the damaged file aside and recovers from {path}.bak.',
  'store.readOnly':
    'Could not save the bridge data to {path}: the file system is read-only. Mount the data directory writable (e.g. drop ":ro" from the volume). The previous data is kept (on disk and in memory) and the next change is retried automatically.',
  'store.diskFull':
    'Could not save the bridge data to {path}: the disk is full. Free some space on that disk. The previous data is kept (on disk and in memory) and the next change is retried automatically.',
  'store.permission':
    'Could not save the bridge data to {path}: permission denied. Make the data directory writable for the user running the bridge. The previous data is kept (on disk and in memory) and the next change is retried automatically.',
  'store.io':
    'Could not save the bridge data to {path}: input/output error{code}. Check the disk. The previous data is kept (on disk and in memory) and the next change is retried automatically.',
} as const;
