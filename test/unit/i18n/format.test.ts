// Numbers, temperatures, ages, clock times and plurals in both languages, with Intl: the decimal
// separator, the 24-hour clock and weekday names of each language, in a non-UTC time zone.
import { describe, expect, it } from 'vitest';
import { ageOf, formatAge, formatCelsius, formatClock, formatDateTime, formatSeconds, untilText } from '../../../src/i18n/format.js';
import { createTranslator } from '../../../src/i18n/translator.js';

const en = createTranslator('en', { timeZone: 'America/New_York' });
const fr = createTranslator('fr', { timeZone: 'America/New_York' });
// Wednesday 15 January 2025, 12:00 UTC = 07:00 in New York, 13:00 in Paris, 23:00 in Sydney.
const NOW = Date.parse('2025-01-15T12:00:00Z');

describe('numbers and temperatures', () => {
  it('uses each language’s decimal separator, one decimal for temperatures', () => {
    expect(formatCelsius(20.54, en)).toBe('20.5 °C');
    expect(formatCelsius(20.54, fr)).toBe('20,5 °C');
    expect(formatCelsius(21, fr)).toBe('21,0 °C');
    expect(formatCelsius(-3.25, fr)).toBe('-3,3 °C');
    expect(formatCelsius(null, fr)).toBe('—');
    expect(en.t('room.heatingPower', { percent: 45 })).toBe('Heating (45 %)');
    expect(fr.t('room.heatingPower', { percent: 45 })).toBe('Chauffe (45 %)');
  });

  it('fills numbers without grouping (ports, years and budgets stay whole) and decimals in the language', () => {
    expect(fr.t('doctor.port', { port: 5000 })).toBe('Port 5000');
    expect(fr.t('status.callsOf', { calls: 1234, budget: 400 })).toBe('1234 sur 400');
    expect(formatSeconds(9000, en)).toBe('2.5 h');
    expect(formatSeconds(9000, fr)).toBe('2,5 h');
    expect(formatSeconds(300, fr)).toBe('5 min');
  });
});

describe('plurals (Intl.PluralRules)', () => {
  it('picks the form each language uses: French says "1 logement" and "0 logement", English "0 homes"', () => {
    expect(en.t('connect.homesFound', { count: 1 })).toBe('Netatmo is connected: 1 home found.');
    expect(en.t('connect.homesFound', { count: 0 })).toBe('Netatmo is connected: 0 homes found.');
    expect(en.t('connect.homesFound', { count: 3 })).toBe('Netatmo is connected: 3 homes found.');
    expect(fr.t('connect.homesFound', { count: 0 })).toBe('Netatmo est connecté : 0 logement trouvé.');
    expect(fr.t('connect.homesFound', { count: 1 })).toBe('Netatmo est connecté : 1 logement trouvé.');
    expect(fr.t('connect.homesFound', { count: 2 })).toBe('Netatmo est connecté : 2 logements trouvés.');
    // French CLDR has a "many" form for a million: without its own text it falls back to "other".
    expect(new Intl.PluralRules('fr-FR').select(1_000_000)).toBe('many');
    expect(fr.t('connect.homesFound', { count: 1_000_000 })).toBe('Netatmo est connecté : 1000000 logements trouvés.');
  });
});

describe('ages and durations', () => {
  it('says an age in words in each language', () => {
    expect(formatAge(2, en)).toBe('just now');
    expect(formatAge(2, fr)).toBe('à l’instant');
    expect(formatAge(60, en)).toBe('60 s ago');
    expect(formatAge(60, fr)).toBe('il y a 60 s');
    expect(formatAge(600, fr)).toBe('il y a 10 min');
    expect(formatAge(3 * 86400, en)).toBe('3 days ago');
    expect(formatAge(3 * 86400, fr)).toBe('il y a 3 jours');
    expect(ageOf('2025-01-15T11:50:00Z', NOW, fr)).toEqual({ seconds: 600, text: 'il y a 10 min' });
    expect(untilText('2025-01-15T12:04:00Z', NOW, en)).toBe('in 4 min');
    expect(untilText('2025-01-15T12:04:00Z', NOW, fr)).toBe('dans 4 min');
    expect(untilText('2025-01-15T11:00:00Z', NOW, fr)).toBeNull();
  });
});

describe('clock times in a time zone', () => {
  it('shows a home’s times in the home’s zone, 24-hour, with the weekday in the language', () => {
    expect(formatClock('2025-01-15T13:30:00Z', NOW, 'Europe/Paris', en)).toBe('14:30');
    expect(formatClock('2025-01-15T13:30:00Z', NOW, 'Europe/Paris', fr)).toBe('14:30');
    // Same instant, Sydney: already Thursday there.
    expect(formatClock('2025-01-15T13:30:00Z', NOW, 'Australia/Sydney', en)).toBe('Thu 00:30');
    expect(formatClock('2025-01-15T13:30:00Z', NOW, 'Australia/Sydney', fr)).toBe('jeu. 00:30');
    expect(formatClock('2025-02-01T08:00:00Z', NOW, 'Europe/Paris', fr)).toBe('01/02/2025 09:00');
  });

  it('falls back to the translator’s zone (the bridge’s) for a home without a valid zone', () => {
    expect(formatClock('2025-01-15T13:30:00Z', NOW, null, en)).toBe('08:30');
    expect(formatClock('2025-01-15T13:30:00Z', NOW, 'Not/AZone', fr)).toBe('08:30');
  });

  it('gives the CLI a full date and time with its zone', () => {
    expect(formatDateTime('2025-01-15T13:30:00Z', en)).toBe('15/01/2025, 08:30:00 GMT-5');
    expect(formatDateTime('2025-01-15T13:30:00Z', fr)).toBe('15/01/2025 08:30:00 UTC−5');
    expect(formatDateTime('2025-07-15T13:30:00Z', createTranslator('fr', { timeZone: 'Europe/Paris' }))).toBe('15/07/2025 15:30:00 UTC+2');
  });
});
