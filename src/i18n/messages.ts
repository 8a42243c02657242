// Types of the message catalogues. A message is a string with {name} placeholders; a message that
// depends on a number has one key per plural form (`key_one`, `key_other`) chosen with
// Intl.PluralRules; a message for a page may wrap words in <tag>…</tag>, which only the page
// renderer turns into markup (src/web/rich.ts). Pure types.

export type PluralForm = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/** Another language's version of an English area: exactly the same keys, its own texts. */
export type Translation<T> = { readonly [K in keyof T]: string };

/** The placeholder names of a message literal: 'Updated at {time}' → 'time'. */
export type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;
