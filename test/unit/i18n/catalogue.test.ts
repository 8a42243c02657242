// Every message in both languages: the same keys (area by area and in the merged catalogue), the
// same {placeholders} and <tags> (a translation cannot drop a value or a link), both plural forms
// English needs, no empty text, no key in two areas, and the French really French (a short list
// of words that read the same in both languages).
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../../src/i18n/catalogue.js';
import { CLIENT_KEYS } from '../../../src/i18n/en/client.js';
import { EN_AREAS, en } from '../../../src/i18n/en/index.js';
import { FR_AREAS, fr } from '../../../src/i18n/fr/index.js';
import { LOCALES } from '../../../src/i18n/locale.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const tags = (text: string) => [...text.matchAll(/<(\w+)>.*?<\/\1>/gs)].map((m) => m[1]).sort();

/** Keys whose French is rightly the English text: names, units, symbols, format patterns. */
const SAME_IN_FRENCH = new Set([
  'unit.celsius', 'unit.percent', 'unit.none', 'time.seconds', 'time.minutes', 'time.hours', 'time.weekdayTime', 'time.dateTime',
  'room.mode.boost', 'room.battery', 'status.pathCloud', 'admin.pathCloud', 'admin.settingsPathCloud', 'client.degrees',
  'doctor.config', 'doctor.version', 'doctor.port', 'doctor.restartService', 'service.stepOk', 'service.path.node', 'status.roomMode',
  'smartapp.boostMinutes', 'smartapp.netatmo', 'smartapp.optionsPage',
]);

describe('the catalogues', () => {
  it('has every language, with exactly the English keys', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual([...LOCALES].sort());
    for (const locale of LOCALES) expect(Object.keys(CATALOGUES[locale]).sort()).toEqual(Object.keys(en).sort());
  });

  it('fails on a key missing in either language, area by area', () => {
    expect(Object.keys(FR_AREAS).sort()).toEqual(Object.keys(EN_AREAS).sort());
    for (const [area, english] of Object.entries(EN_AREAS)) {
      const french = FR_AREAS[area as keyof typeof FR_AREAS];
      const missingInFrench = Object.keys(english).filter((key) => !(key in french));
      const missingInEnglish = Object.keys(french).filter((key) => !(key in english));
      expect({ area, missingInFrench, missingInEnglish }).toEqual({ area, missingInFrench: [], missingInEnglish: [] });
    }
  });

  it('has no key in two areas (the merged catalogue would silently keep one)', () => {
    const all = Object.values(EN_AREAS).flatMap((area) => Object.keys(area));
    expect(all.length).toBe(Object.keys(en).length);
  });

  it('keeps every placeholder and tag of the English text, and no text is empty', () => {
    const problems: string[] = [];
    for (const [key, english] of Object.entries(en)) {
      const french = (fr as Record<string, string>)[key] ?? '';
      if (french.trim() === '' || english.trim() === '') problems.push(`${key}: empty`);
      if (placeholders(french).join() !== placeholders(english).join()) problems.push(`${key}: placeholders ${placeholders(french).join()} ≠ ${placeholders(english).join()}`);
      if (tags(french).join() !== tags(english).join()) problems.push(`${key}: tags ${tags(french).join()} ≠ ${tags(english).join()}`);
    }
    expect(problems).toEqual([]);
  });

  it('spells out the plural forms English uses (one and other), and only those', () => {
    const plural = Object.keys(en).filter((key) => /_(zero|one|two|few|many|other)$/.test(key));
    const bases = new Set(plural.map((key) => key.replace(/_\w+$/, '')));
    expect(bases.size).toBeGreaterThan(3);
    for (const base of bases) expect(plural.filter((key) => key.startsWith(`${base}_`)).sort()).toEqual([`${base}_one`, `${base}_other`]);
  });

  it('is translated: French differs from English except for names, units and symbols', () => {
    const same = Object.keys(en).filter((key) => (fr as Record<string, string>)[key] === (en as Record<string, string>)[key]);
    expect(same.sort()).toEqual([...SAME_IN_FRENCH].sort());
  });

  it('names the script messages in the client area', () => {
    expect(CLIENT_KEYS.length).toBeGreaterThan(10);
    for (const key of CLIENT_KEYS) expect(key.startsWith('client.')).toBe(true);
  });
});
