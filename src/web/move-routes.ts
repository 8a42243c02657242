// The admin page's move and diagnostics actions (signed in, same origin, CSRF token): export
// (download), import (upload, size-limited, restart), undo a move, and the diagnostics download.
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { liveBundle } from '../diagnostics/live.js';
import { readControlFile } from '../local/control-file.js';
import type { MoveActions } from '../moving/actions.js';
import { formatDateTime } from '../i18n/format.js';
import type { Translator } from '../i18n/translator.js';
import { MoveError } from '../moving/errors.js';
import { moveFailureText } from '../moving/failure-text.js';
import { MAX_EXPORT_BYTES, PASSPHRASE_MAX_LENGTH } from '../moving/limits.js';
import { StoreWriteError } from '../store/index.js';
import { formParser } from './form-parser.js';
import { translatorFor } from './language.js';
import { storeWriteErrorText } from '../i18n/store-problem.js';
import { authorisePost, backToAdmin, sendMessagePage, sessionOf, type WebDeps } from './web-deps.js';

const csrf = z.string().min(1).max(200);
const passphrase = z.string().min(1).max(PASSPHRASE_MAX_LENGTH);
const exportForm = z.object({ _csrf: csrf, passphrase, passphraseAgain: passphrase });
const importForm = z.object({ _csrf: csrf, passphrase, force: z.literal('yes').optional() });
const checkboxForm = z.object({ _csrf: csrf, keepNames: z.literal('yes').optional() });

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_EXPORT_BYTES, files: 1, fields: 6, fieldSize: 4096, parts: 8 } }).single('file');

export function moveRouter(deps: WebDeps, actions: MoveActions): Router {
  const router = express.Router();
  router.post('/admin/move/export', formParser, exportData(deps, actions));
  router.post('/admin/move/import', signedIn(deps), receiveUpload(deps), importData(deps, actions));
  router.post('/admin/move/undo', formParser, undoMove(deps, actions));
  router.post('/admin/diagnostics', formParser, downloadDiagnostics(deps));
  return router;
}

function refuse(res: Response, session: NonNullable<ReturnType<typeof sessionOf>>, error: unknown, tr: Translator): void {
  // A refusal, or a data file that cannot be written (it says why; nothing changed).
  if (error instanceof MoveError) return backToAdmin(res, session, { kind: 'error', text: moveFailureText(error.reason, error.facts, tr) }, '#move');
  if (error instanceof StoreWriteError) return backToAdmin(res, session, { kind: 'error', text: storeWriteErrorText(error, tr) }, '#move');
  throw error;
}

/** No upload is read for a visitor who is not signed in. */
function signedIn(deps: WebDeps): express.RequestHandler {
  return (req, res, next) => {
    const tr = translatorFor(req);
    if (sessionOf(deps, req)) next();
    else sendMessagePage(deps, req, res, 401, tr.t('message.signInTitle'), tr.t('message.signInText'));
  };
}

/** The multipart upload (memory, size-limited); a refused upload goes back to the admin page. */
function receiveUpload(deps: WebDeps): express.RequestHandler {
  return (req: Request, res: Response, next) => {
    upload(req, res, (error: unknown) => {
      if (!error) return next();
      const session = sessionOf(deps, req);
      const tr = translatorFor(req);
      const text = tr.t(error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE' ? 'adminMove.uploadTooLarge' : 'adminMove.uploadRefused');
      if (session) backToAdmin(res, session, { kind: 'error', text }, '#move');
      else sendMessagePage(deps, req, res, 400, tr.t('message.formRefusedTitle'), text);
    });
  };
}

/** POST /admin/move/export: the encrypted export, as a download. */
function exportData(deps: WebDeps, actions: MoveActions): RequestHandler {
  const { context } = deps;
  return async (req, res) => {
    const session = authorisePost(deps, req, res);
    if (!session) return;
    const tr = translatorFor(req);
    const form = exportForm.safeParse(req.body);
    if (!form.success) return backToAdmin(res, session, { kind: 'error', text: tr.t('message.formUnreadable') }, '#move');
    if (form.data.passphrase !== form.data.passphraseAgain) return backToAdmin(res, session, { kind: 'error', text: tr.t('move.passphraseMismatch') }, '#move');
    try {
      const result = await actions.exportData(form.data.passphrase);
      const text = result.movedAt ? tr.t('adminMove.exported', { time: formatDateTime(result.movedAt, tr) }) : tr.t('adminMove.exportedNoAccount');
      session.flash = { kind: 'success', text };
      const day = new Date(context.now()).toISOString().slice(0, 10);
      res.set('cache-control', 'no-store').attachment(`netatmo-bridge-export-${day}.json`).type('application/json').send(result.fileText);
    } catch (error) {
      refuse(res, session, error, tr);
    }
  };
}

/** POST /admin/move/import: an uploaded export; the bridge restarts with it. */
function importData(deps: WebDeps, actions: MoveActions): RequestHandler {
  return async (req, res) => {
    const session = authorisePost(deps, req, res);
    if (!session) return;
    const tr = translatorFor(req);
    const form = importForm.safeParse(req.body);
    if (!form.success) return backToAdmin(res, session, { kind: 'error', text: tr.t('message.formUnreadable') }, '#move');
    if (!req.file) return backToAdmin(res, session, { kind: 'error', text: tr.t('adminMove.noFile') }, '#move');
    try {
      const result = await actions.importData(req.file.buffer.toString('utf8'), form.data.passphrase, form.data.force === 'yes');
      const done = tr.t(result.connected ? 'move.imported' : 'move.importedNoAccount');
      const next = tr.t(result.restarting ? 'move.restarting' : 'move.restartNeeded');
      sendMessagePage(deps, req, res, 200, tr.t('adminMove.importedTitle'), `${done} ${next}`, { refreshToStatus: result.restarting });
    } catch (error) {
      refuse(res, session, error, tr);
    }
  };
}

/** POST /admin/move/undo. */
function undoMove(deps: WebDeps, actions: MoveActions): RequestHandler {
  return async (req, res) => {
    const session = authorisePost(deps, req, res);
    if (!session) return;
    const tr = translatorFor(req);
    try {
      const at = await actions.undoMove();
      backToAdmin(res, session, { kind: 'success', text: tr.t('adminMove.undone', { time: formatDateTime(at, tr) }) }, '#move');
    } catch (error) {
      refuse(res, session, error, tr);
    }
  };
}

/** POST /admin/diagnostics: the diagnostics bundle, as a download. */
function downloadDiagnostics(deps: WebDeps): RequestHandler {
  const { context } = deps;
  return async (req, res) => {
    const session = authorisePost(deps, req, res);
    if (!session) return;
    const form = checkboxForm.safeParse(req.body);
    if (!form.success) return backToAdmin(res, session, { kind: 'error', text: translatorFor(req).t('message.formUnreadable') }, '#diagnostics');
    const control = await readControlFile(context.config.dataDir);
    const bundle = liveBundle(context, deps.realStore, { keepNames: form.data.keepNames === 'yes', extraSecrets: control ? [control.key] : [] });
    const day = new Date(context.now()).toISOString().slice(0, 10);
    res.set('cache-control', 'no-store').attachment(`netatmo-bridge-diagnostics-${day}.json`).type('application/json').send(`${JSON.stringify(bundle, null, 2)}\n`);
  };
}
