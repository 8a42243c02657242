// This bridge next to the earlier one (ST-Netatmo, github.com/EtyS3006/Netatmo-Smartthings): Netatmo calls
// per hour and the worst-case age of what the SmartThings app shows, at default settings.
// - ours: POLL_INTERVAL_S 60 (homestatus per poll, homesdata hourly) + the Edge driver polling the
//   bridge every 15 s (driver/src/consts.lua DEFAULT_POLL_S);
// - earlier bridge: a 300 s server poll of homesdata + homestatus, and a 300 s hub poll.
// Our numbers come from the real poller over a simulated day (simulateCalls in ./bridge.bench.ts);
// the earlier bridge's from its documented loop, and from our poller run at its 300 s setting.
// Worst-case age = the longest gap between successful Netatmo reads + one hub poll interval (the
// hub may fetch just before the bridge refreshes). Netatmo's own measuring delay is the same for both.
import { pathToFileURL } from 'node:url';
import { simulateCalls } from './bridge.bench.js';
import type { BenchResult } from './types.js';

const OUR_HUB_POLL_S = 15;
const EARLIER_POLL_S = 300;
const EARLIER_HUB_POLL_S = 300;
/** The earlier server read homesdata AND homestatus on every poll, plus a refresh every 3 h. */
const EARLIER_CALLS_PER_POLL = 2;
const TOKEN_REFRESHES_PER_HOUR = 1 / 3;

export async function run(): Promise<BenchResult[]> {
  const ours = await simulateCalls({ hours: 24 });
  const oursAtEarlierSetting = await simulateCalls({ hours: 24, pollIntervalS: EARLIER_POLL_S });

  const earlierCallsPerHour = (3600 / EARLIER_POLL_S) * EARLIER_CALLS_PER_POLL + TOKEN_REFRESHES_PER_HOUR;
  const earlierWorstAgeS = EARLIER_POLL_S + EARLIER_HUB_POLL_S;
  const oursWorstAgeS = ours.worstDataAgeS + OUR_HUB_POLL_S;
  const round1 = (n: number): number => Math.round(n * 10) / 10;
  const round2 = (n: number): number => Math.round(n * 100) / 100;

  return [
    { name: 'worst-case data age, ours (60 s poll + 15 s hub poll)', value: oursWorstAgeS, unit: 's', target: '≤ 90 s', ok: oursWorstAgeS <= 90, note: `longest gap between successful polls ${ours.worstDataAgeS} s over a simulated day` },
    { name: 'worst-case data age, earlier bridge (300 s + 300 s hub poll)', value: earlierWorstAgeS, unit: 's', note: 'documented defaults of the predecessor' },
    { name: 'data freshness, earlier worst age / ours', value: round1(earlierWorstAgeS / oursWorstAgeS), unit: '×', note: `${earlierWorstAgeS} s vs ${oursWorstAgeS} s` },
    { name: 'Netatmo calls per hour per home, ours at default 60 s (max hour of 24)', value: ours.perHourMax, unit: 'calls', target: '≤ 70', ok: ours.perHourMax <= 70, note: `mean ${round1(ours.perHourMean)}` },
    { name: 'Netatmo calls per hour per home, earlier bridge (300 s, homesdata + homestatus)', value: round1(earlierCallsPerHour), unit: 'calls', note: 'from its poll loop' },
    { name: 'Netatmo calls per hour per home, ours run at the earlier 300 s setting', value: oursAtEarlierSetting.perHourMax, unit: 'calls', note: `worst data age ${oursAtEarlierSetting.worstDataAgeS + EARLIER_HUB_POLL_S} s with a 300 s hub poll` },
    { name: 'Netatmo calls, ours at default / earlier bridge', value: round2(ours.perHourMean / earlierCallsPerHour), unit: '×', note: `${round1(ours.perHourMean)} vs ${round1(earlierCallsPerHour)} calls/h for ${round1(earlierWorstAgeS / oursWorstAgeS)}× fresher data; budget use ${Math.round((ours.perHourMax / 500) * 100)} % of Netatmo's 500/h` },
    { name: 'Netatmo calls at the same 300 s setting, ours / earlier', value: round2(oursAtEarlierSetting.perHourMean / earlierCallsPerHour), unit: '×', note: 'homesdata hourly instead of every poll' },
  ];
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) for (const r of await run()) console.log(`${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
