// Catalogue messages with a little markup: only the tags the page maps become markup; the
// message's own text and every value filled in are escaped, so a name from Netatmo that looks
// like a tag stays text.
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../src/i18n/translator.js';
import { html } from '../../../src/web/html.js';
import { rich } from '../../../src/web/rich.js';

const en = createTranslator('en');
const fr = createTranslator('fr');

describe('rich', () => {
  it('turns mapped tags into markup and keeps the language’s words', () => {
    const link = { admin: (inner: ReturnType<typeof html>) => html`<a href="/admin">${inner}</a>` };
    expect(rich(en, 'status.demoText', link).value).toContain('Connect Netatmo on the <a href="/admin">Admin</a> page');
    expect(rich(fr, 'status.demoText', link).value).toContain('sur la page <a href="/admin">Administration</a> pour');
  });

  it('escapes values, even ones that look like the message’s own tags', () => {
    const out = rich(en, 'status.homeMode', {}, { mode: '<strong>x</strong> & <admin>y</admin>' }).value;
    expect(out).toBe('Mode: <strong>&#60;strong&#62;x&#60;/strong&#62; &#38; &#60;admin&#62;y&#60;/admin&#62;</strong>');
  });

  it('leaves an unmapped tag as its text', () => {
    expect(rich(en, 'status.historyButton', {}, { room: 'Kitchen' }).value).toBe('Temperature history of Kitchen');
    expect(rich(fr, 'status.historyButton', {}, { room: 'Cuisine' }).value).toBe('Historique des températures de Cuisine');
  });
});
