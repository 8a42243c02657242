// English of the status page's script (src/web/assets/status.js, chart.js). These are sent to the
// browser in the page (src/web/page-texts.ts), so the script has no words of its own.
export const client = {
  'client.updatedAt': 'Updated at {time} · this page updates every 10 seconds.',
  'client.unreachable': 'The bridge cannot be reached right now; trying again…',
  'client.updatesEvery': 'This page updates every 10 seconds.',
  'client.historyOf': 'Temperature history: {room}',
  'client.loading': 'Loading the history from Netatmo…',
  'client.loadFailed': 'The history could not be loaded.',
  'client.noMeasurements': 'Netatmo has no measurements for this period.',
  'client.chartTitle24h': 'Temperature in {room}, last 24 hours',
  'client.chartTitle7d': 'Temperature in {room}, last 7 days',
  'client.theRoom': 'the room',
  'client.measuredRange': 'measured between {min} and {max} °C, latest {latest} °C',
  'client.setpointRange': 'setpoint between {min} and {max} °C',
  'client.degrees': '{value}°',
  'client.legendMeasured': 'Measured temperature (solid line)',
  'client.legendSetpoint': 'Setpoint (dashed line)',
} as const;

/** The keys the script needs: exactly those of this area. */
export const CLIENT_KEYS = Object.keys(client) as (keyof typeof client)[];
