// The catalogues: English (the reference, literal types so placeholders are checked at compile
// time) and every other language typed as a Translation of it — a missing or extra key is a type
// error, and test/unit/i18n/catalogue.test.ts checks keys and placeholders again at run time.
import { en } from './en/index.js';
import { fr } from './fr/index.js';
import type { Locale } from './locale.js';
import type { PluralForm, Placeholders, Translation } from './messages.js';

export type English = typeof en;
type RawKey = Extract<keyof English, string>;
type PluralBase<K> = K extends `${infer Base}_other` ? Base : never;

/** A key as the code uses it: a plain message, or the base of a plural message (without _one/_other). */
export type MessageKey = Exclude<RawKey, `${string}_${PluralForm}`> | PluralBase<RawKey>;

type PluralParams<K extends string> = 'count' | Placeholders<English[`${K}_one` & RawKey]> | Placeholders<English[`${K}_other` & RawKey]>;
export type ParamName<K extends MessageKey> = K extends RawKey ? Placeholders<English[K]> : PluralParams<K>;
export type ParamValue = string | number;
export type ParamValues = Readonly<Record<string, ParamValue>>;

/** The arguments after the key: none for a message without placeholders, else every placeholder. */
export type ParamArgs<K extends MessageKey> = [ParamName<K>] extends [never] ? [] : [params: { readonly [P in ParamName<K>]: ParamValue }];

export type Catalogue = Translation<English>;

export const CATALOGUES: Record<Locale, Catalogue> = { en, fr };
