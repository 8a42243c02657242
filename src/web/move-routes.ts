// The admin page's move and diagnostics actions (signed in, same origin, CSRF token): export
// (download), import (upload, size-limited, restart), undo a move, and the diagnostics download.
import express, { type Request, type Response, type Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { liveBundle } from '../diagnostics/live.js';
import { readControlFile } from '../local/control-file.js';
import type { MoveActions } from '../moving/actions.js';
import { MAX_EXPORT_BYTES, PASSPHRASE_MAX_LENGTH } from '../moving/envelope.js';
import { MoveError } from '../moving/errors.js';
import { moveMessages } from '../moving/messages.js';
import { StoreWriteError } from '../store/index.js';
import { formParser } from './admin-routes.js';
import { moveWebMessages as m } from './move-messages.js';
import { authorisePost, backToAdmin, sendMessagePage, sessionOf, type WebDeps } from './web-deps.js';

const csrf = z.string().min(1).max(200);
const passphrase = z.string().min(1).max(PASSPHRASE_MAX_LENGTH);
const exportForm = z.object({ _csrf: csrf, passphrase, passphraseAgain: passphrase });
const importForm = z.object({ _csrf: csrf, passphrase, force: z.literal('yes').optional() });
const checkboxForm = z.object({ _csrf: csrf, keepNames: z.literal('yes').optional() });

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_EXPORT_BYTES, files: 1, fields: 6, fieldSize: 4096, parts: 8 } }).single('file');

export function moveRouter(deps: WebDeps, actions: MoveActions): Router {
  const router = express.Router();
  const { context } = deps;

  router.post('/admin/move/export', formParser, async (req, res) => {
    const session = authorisePost(deps, req, res);
    if (!session) return;
    const form = exportForm.safeParse(req.body);
    if (!form.success) return backToAdmin(res, session, { kind: 'error', text: m.formRefused }, '#move');
    if (form.data.passphrase !== form.data.passphraseAgain) return backToAdmin(res, session, { kind: 'error', text: m.mismatch }, '#move');
    try {
      const result = await actions.exportData(form.data.passphrase);
      session.flash = { kind: 'success', text: m.exportedFlash(result.movedAt) };
      const day = new Date(context.now()).toISOString().slice(0, 10);
      res.set('cache-control', 'no-store').attachment(`netatmo-bridge-export-${day}.json`).type('application/json').send(result.fileText);
    } catch (error) {
      refuse(res, session, error);
    }
  });

  router.post('/admin/move/import', signedIn(deps), receiveUpload(deps), async (req, res) => {
    const session = authorisePost(deps, req, res);
    if (!session) return;
    const form = importForm.safeParse(req.body);
    if (!form.success) return backToAdmin(res, session, { kind: 'error', text: m.formRefused }, '#move');
    if (!req.file) return backToAdmin(res, session, { kind: 'error', text: m.noFile }, '#move');
    try {
      const result = await actions.importData(req.file.buffer.toString('utf8'), form.data.passphrase, form.data.force === 'yes');
      const next = result.restarting ? moveMessages.restarting : moveMessages.restartNeeded;
      sendMessagePage(deps, res, 200, m.importedTitle, `${moveMessages.imported(result.connected)} ${next}`, { refreshToStatus: result.restarting });
    } catch (error) {
      refuse(res, session, error);
    }
  });

  router.post('/admin/move/undo', formParser, async (req, res) => {
    const session = authorisePost(deps, req, res);
    if (!session) return;
    try {
      backToAdmin(res, session, { kind: 'success', text: m.undoneFlash(await actions.undoMove()) }, '#move');
    } catch (error) {
      refuse(res, session, error);
    }
  });

  router.post('/admin/diagnostics', formParser, async (req, res) => {
    const session = authorisePost(deps, req, res);
    if (!session) return;
    const form = checkboxForm.safeParse(req.body);
    if (!form.success) return backToAdmin(res, session, { kind: 'error', text: m.formRefused }, '#diagnostics');
    const control = await readControlFile(context.config.dataDir);
    const bundle = liveBundle(context, deps.realStore, { keepNames: form.data.keepNames === 'yes', extraSecrets: control ? [control.key] : [] });
    const day = new Date(context.now()).toISOString().slice(0, 10);
    res.set('cache-control', 'no-store').attachment(`netatmo-bridge-diagnostics-${day}.json`).type('application/json').send(`${JSON.stringify(bundle, null, 2)}\n`);
  });

  return router;
}

function refuse(res: Response, session: NonNullable<ReturnType<typeof sessionOf>>, error: unknown): void {
  // A refusal, or a data file that cannot be written (its message says why; nothing changed).
  if (!(error instanceof MoveError) && !(error instanceof StoreWriteError)) throw error;
  backToAdmin(res, session, { kind: 'error', text: error.message }, '#move');
}

/** No upload is read for a visitor who is not signed in. */
function signedIn(deps: WebDeps): express.RequestHandler {
  return (req, res, next) => {
    if (sessionOf(deps, req)) next();
    else sendMessagePage(deps, res, 401, 'Please sign in', 'Your admin session has ended (or you never signed in). Sign in again on the Admin page.');
  };
}

/** The multipart upload (memory, size-limited); a refused upload goes back to the admin page. */
function receiveUpload(deps: WebDeps): express.RequestHandler {
  return (req: Request, res: Response, next) => {
    upload(req, res, (error: unknown) => {
      if (!error) return next();
      const session = sessionOf(deps, req);
      const text = error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE' ? m.uploadTooLarge : m.uploadRefused;
      if (session) backToAdmin(res, session, { kind: 'error', text }, '#move');
      else sendMessagePage(deps, res, 400, 'Form refused', text);
    });
  };
}
