// HTML of the admin page's "Move to a new machine" and "Diagnostics" sections.
import { PASSPHRASE_MAX_LENGTH, PASSPHRASE_MIN_LENGTH } from '../moving/envelope.js';
import { html, type SafeHtml } from './html.js';
import { moveWebMessages as m } from './move-messages.js';

export interface MoveView {
  /** When this bridge's connection was exported, else null. */
  movedAt: string | null;
}

export function moveSection(view: MoveView, csrf: SafeHtml): SafeHtml {
  const passphrase = (id: string, label: string, autocomplete: string) =>
    html`<label for="${id}">${label}</label>
    <input id="${id}" name="${id}" type="password" required minlength="${PASSPHRASE_MIN_LENGTH}" maxlength="${PASSPHRASE_MAX_LENGTH}" autocomplete="${autocomplete}" spellcheck="false">`;
  return html`<section class="card" aria-labelledby="move-title" id="move">
  <h2 id="move-title">${m.moveTitle}</h2>
  <p>${m.moveIntro}</p>
  ${
    view.movedAt
      ? html`<div class="paste-box" id="moved-box"><p><strong>${m.movedNow} <time datetime="${view.movedAt}">${view.movedAt}</time>.</strong> ${m.movedAdvice}</p>
  <form method="post" action="/admin/move/undo">${csrf}<button type="submit" class="secondary">${m.undoButton}</button></form></div>`
      : html`<h3>${m.exportTitle}</h3>
  <form method="post" action="/admin/move/export">
    ${csrf}
    ${passphrase('passphrase', m.passphrase, 'new-password')}
    ${passphrase('passphraseAgain', m.passphraseAgain, 'new-password')}
    <p class="hint">${m.passphraseHint}</p>
    <p class="warn-text" id="export-warning"><span aria-hidden="true">⚠ </span>${m.exportWarning}</p>
    <button type="submit" aria-describedby="export-warning">${m.exportButton}</button>
  </form>`
  }
  <h3>${m.importTitle}</h3>
  <p>${m.importIntro}</p>
  <form method="post" action="/admin/move/import" enctype="multipart/form-data">
    ${csrf}
    <label for="export-file">${m.fileLabel}</label>
    <input id="export-file" name="file" type="file" accept=".json,application/json" required>
    <label for="import-passphrase">${m.importPassphrase}</label>
    <input id="import-passphrase" name="passphrase" type="password" required maxlength="${PASSPHRASE_MAX_LENGTH}" autocomplete="off" spellcheck="false">
    <div class="choice"><input type="checkbox" id="import-force" name="force" value="yes"><label for="import-force">${m.force}</label></div>
    <button type="submit">${m.importButton}</button>
  </form>
</section>`;
}

export function diagnosticsSection(csrf: SafeHtml): SafeHtml {
  return html`<section class="card" aria-labelledby="diagnostics-title" id="diagnostics">
  <h2 id="diagnostics-title">${m.diagnosticsTitle}</h2>
  <p>${m.diagnosticsIntro}</p>
  <form method="post" action="/admin/diagnostics">
    ${csrf}
    <div class="choice"><input type="checkbox" id="keep-names" name="keepNames" value="yes"><label for="keep-names">${m.keepNames}</label></div>
    <button type="submit" class="secondary">${m.diagnosticsButton}</button>
  </form>
</section>`;
}
