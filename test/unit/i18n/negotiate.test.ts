// Which language a person gets: pages by the language cookie, else Accept-Language with q-values;
// the CLI by the POSIX locale variables, as gettext reads them.
import { describe, expect, it } from 'vitest';
import { localeForCli, localeForPage } from '../../../src/i18n/negotiate.js';

describe('localeForPage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['fr', 'fr'],
    ['fr-FR', 'fr'],
    ['fr-CA', 'fr'],
    ['FR-ca', 'fr'],
    ['fr-CA,fr;q=0.9,en;q=0.8', 'fr'],
    ['en-US,en;q=0.9,fr;q=0.8', 'en'],
    ['en;q=0.5, fr;q=0.9', 'fr'],
    ['de-DE,fr;q=0.3', 'fr'],
    ['fr;q=0, en', 'en'],
    ['de-DE', 'en'],
    ['de-DE,es;q=0.9', 'en'],
    ['*', 'en'],
    ['fr-CH;q=0.4, *;q=0.1', 'fr'],
    ['not a header;;;q=zz', 'en'],
  ])('Accept-Language %j → %s', (acceptLanguage, expected) => {
    expect(localeForPage({ acceptLanguage, cookie: undefined })).toBe(expected);
  });

  it('the language cookie (the page switch) wins over the header; an unknown cookie value is ignored', () => {
    expect(localeForPage({ acceptLanguage: 'fr-FR,fr;q=0.9', cookie: 'en' })).toBe('en');
    expect(localeForPage({ acceptLanguage: 'en-GB', cookie: 'fr' })).toBe('fr');
    expect(localeForPage({ acceptLanguage: 'fr', cookie: 'de' })).toBe('fr');
    expect(localeForPage({ acceptLanguage: undefined, cookie: 'xx' })).toBe('en');
  });
});

describe('localeForCli', () => {
  it.each([
    [{}, 'en'],
    [{ LANG: 'fr_FR.UTF-8' }, 'fr'],
    [{ LANG: 'fr_CA.UTF-8' }, 'fr'],
    [{ LANG: 'fr_BE@euro' }, 'fr'],
    [{ LANG: 'fr' }, 'fr'],
    [{ LANG: 'C' }, 'en'],
    [{ LANG: 'C.UTF-8' }, 'en'],
    [{ LANG: 'POSIX' }, 'en'],
    [{ LANG: 'de_DE.UTF-8' }, 'en'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    // LC_ALL beats LC_MESSAGES beats LANG; an empty one counts as unset.
    [{ LANG: 'en_GB.UTF-8', LC_MESSAGES: 'fr_FR.UTF-8' }, 'fr'],
    [{ LANG: 'fr_FR.UTF-8', LC_ALL: 'C' }, 'en'],
    [{ LANG: 'en_GB.UTF-8', LC_ALL: 'fr_FR.UTF-8', LC_MESSAGES: 'en_GB.UTF-8' }, 'fr'],
    [{ LANG: 'fr_FR.UTF-8', LC_ALL: '' }, 'fr'],
    // LANGUAGE (a priority list) comes first, except in the C locale.
    [{ LANG: 'de_DE.UTF-8', LANGUAGE: 'de:fr:en' }, 'fr'],
    [{ LANG: 'fr_FR.UTF-8', LANGUAGE: 'en' }, 'en'],
    [{ LANG: 'C', LANGUAGE: 'fr' }, 'en'],
    [{ LANG: 'fr_FR.UTF-8', LANGUAGE: 'de:es' }, 'fr'],
  ])('%j → %s', (env, expected) => {
    expect(localeForCli(env)).toBe(expected);
  });
});
