// English of the history chart's refusals (GET /history/…; shown by the page's script, so they
// follow the page's language — unlike the LAN API's machine errors, which stay English).
export const history = {
  'history.badRange': 'range must be 24h or 7d.',
  'history.noRoom': 'There is no such room in the bridged homes.',
  'history.limitClient': 'Too many history charts were opened from this device this hour; try again in about {minutes} min.',
  'history.limitEveryone': 'Too many history charts were opened this hour; try again in about {minutes} min.',
  'history.budget': 'The bridge is saving its Netatmo request budget for your heating, so the history cannot be fetched now. {reason}.',
  'history.slowDown': 'Netatmo asked the bridge to slow down; the history can be fetched later.',
  'history.notConfigured': 'Netatmo is not connected yet.',
  'history.reconnect': 'Netatmo must be reconnected on the Admin page.',
  'history.netatmoError': 'Netatmo could not give the history: {reason}',
  'history.internal': 'The bridge hit an unexpected error; the details are in its log.',
} as const;
