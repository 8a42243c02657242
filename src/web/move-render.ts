// HTML of the admin page's "Move to a new machine" and "Diagnostics" sections, in the reader's
// language (src/i18n/*/admin-move.ts).
import { formatDateTime } from '../i18n/format.js';
import type { Translator } from '../i18n/translator.js';
import { PASSPHRASE_MAX_LENGTH, PASSPHRASE_MIN_LENGTH } from '../moving/limits.js';
import { html, type SafeHtml } from './html.js';
import { rich } from './rich.js';

export interface MoveView {
  /** When this bridge's connection was exported, else null. */
  movedAt: string | null;
}

export function moveSection(view: MoveView, csrf: SafeHtml, tr: Translator): SafeHtml {
  const passphrase = (id: string, label: string, autocomplete: string) =>
    html`<label for="${id}">${label}</label>
    <input id="${id}" name="${id}" type="password" required minlength="${PASSPHRASE_MIN_LENGTH}" maxlength="${PASSPHRASE_MAX_LENGTH}" autocomplete="${autocomplete}" spellcheck="false">`;
  return html`<section class="card" aria-labelledby="move-title" id="move">
  <h2 id="move-title">${tr.t('adminMove.title')}</h2>
  <p>${tr.t('adminMove.intro')}</p>
  ${view.movedAt ? movedBox(view.movedAt, csrf, tr) : html`<h3>${tr.t('adminMove.exportTitle')}</h3>
  <form method="post" action="/admin/move/export">
    ${csrf}
    ${passphrase('passphrase', tr.t('adminMove.passphrase', { min: PASSPHRASE_MIN_LENGTH }), 'new-password')}
    ${passphrase('passphraseAgain', tr.t('adminMove.passphraseAgain'), 'new-password')}
    <p class="hint">${tr.t('adminMove.passphraseHint')}</p>
    <p class="warn-text" id="export-warning"><span aria-hidden="true">⚠ </span>${tr.t('adminMove.exportWarning')}</p>
    <button type="submit" aria-describedby="export-warning">${tr.t('adminMove.exportButton')}</button>
  </form>`}
  <h3>${tr.t('adminMove.importTitle')}</h3>
  <p>${tr.t('adminMove.importIntro')}</p>
  <form method="post" action="/admin/move/import" enctype="multipart/form-data">
    ${csrf}
    <label for="export-file">${tr.t('adminMove.fileLabel')}</label>
    <input id="export-file" name="file" type="file" accept=".json,application/json" required>
    <label for="import-passphrase">${tr.t('adminMove.importPassphrase')}</label>
    <input id="import-passphrase" name="passphrase" type="password" required maxlength="${PASSPHRASE_MAX_LENGTH}" autocomplete="off" spellcheck="false">
    <div class="choice"><input type="checkbox" id="import-force" name="force" value="yes"><label for="import-force">${tr.t('adminMove.force')}</label></div>
    <button type="submit">${tr.t('adminMove.importButton')}</button>
  </form>
</section>`;
}

function movedBox(movedAt: string, csrf: SafeHtml, tr: Translator): SafeHtml {
  const time = (inner: SafeHtml) => html`<time datetime="${movedAt}">${inner}</time>`;
  return html`<div class="paste-box" id="moved-box"><p><strong>${rich(tr, 'adminMove.movedNow', { time }, { when: formatDateTime(movedAt, tr) })}</strong> ${tr.t('adminMove.movedAdvice')}</p>
  <form method="post" action="/admin/move/undo">${csrf}<button type="submit" class="secondary">${tr.t('adminMove.undoButton')}</button></form></div>`;
}

export function diagnosticsSection(csrf: SafeHtml, tr: Translator): SafeHtml {
  return html`<section class="card" aria-labelledby="diagnostics-title" id="diagnostics">
  <h2 id="diagnostics-title">${tr.t('adminMove.diagnosticsTitle')}</h2>
  <p>${tr.t('adminMove.diagnosticsIntro')}</p>
  <form method="post" action="/admin/diagnostics">
    ${csrf}
    <div class="choice"><input type="checkbox" id="keep-names" name="keepNames" value="yes"><label for="keep-names">${tr.t('adminMove.keepNames')}</label></div>
    <button type="submit" class="secondary">${tr.t('adminMove.diagnosticsButton')}</button>
  </form>
</section>`;
}
