// The CLI's control channel on the running bridge (/local/v1/…): export, import, undo a move, and
// the diagnostics bundle. Only from this machine (a loopback peer, or the bridge's own address) and
// never through a proxy, with the key of <dataDir>/local-control.json. Bodies are JSON and small.
// Errors are for the netatmo-bridge command, which says them in its user's language from `code`
// and `details` (the facts of the sentence); `message` stays English, like the LAN API's.
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import type { DiagnosticsBundle } from '../diagnostics/bundle.js';
import type { MoveActions } from '../moving/actions.js';
import { MAX_EXPORT_BYTES, PASSPHRASE_MAX_LENGTH } from '../moving/limits.js';
import { MoveError } from '../moving/errors.js';
import { StoreWriteError } from '../store/index.js';

export const LOCAL_PREFIX = '/local/v1';
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

const MESSAGES = {
  localOnly: 'This address only answers the netatmo-bridge command on the same machine.',
  wrongKey: "The control key is wrong: run the command as the user of the bridge's data directory.",
  badRequest: 'The request could not be read.',
  tooLarge: 'The request is larger than any export file.',
} as const;

const exportBody = z.strictObject({ passphrase: z.string().min(1).max(PASSPHRASE_MAX_LENGTH) });
const importBody = z.strictObject({ file: z.string().min(1).max(MAX_EXPORT_BYTES), passphrase: z.string().min(1).max(PASSPHRASE_MAX_LENGTH), force: z.boolean().default(false) });
const undoBody = z.strictObject({ exportId: z.string().max(100).optional() });

export interface LocalControlDeps {
  key: () => string;
  actions: MoveActions;
  diagnostics: (keepNames: boolean) => DiagnosticsBundle;
}

export function localControlRouter(deps: LocalControlDeps): Router {
  const router = express.Router();
  router.use(LOCAL_PREFIX, localOnly(deps.key), express.json({ limit: MAX_EXPORT_BYTES * 2, strict: true, type: () => true }));
  router.post(`${LOCAL_PREFIX}/export`, async (req, res) => {
    const body = exportBody.parse(req.body);
    const result = await deps.actions.exportData(body.passphrase);
    res.set('cache-control', 'no-store').json({ file: result.fileText, exportId: result.exportId, movedAt: result.movedAt });
  });
  router.post(`${LOCAL_PREFIX}/import`, async (req, res) => {
    const body = importBody.parse(req.body);
    res.json(await deps.actions.importData(body.file, body.passphrase, body.force));
  });
  router.post(`${LOCAL_PREFIX}/undo-move`, async (req, res) => {
    const body = undoBody.parse(req.body ?? {});
    res.json({ movedAt: await deps.actions.undoMove(body.exportId) });
  });
  router.get(`${LOCAL_PREFIX}/diagnostics`, (req, res) => {
    res.set('cache-control', 'no-store').json(deps.diagnostics(req.query.names === 'keep'));
  });
  router.use(LOCAL_PREFIX, localErrors());
  return router;
}

/** True for a peer on this machine: loopback, or the address the connection came in on. */
export function fromThisMachine(req: Request): boolean {
  const peer = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  const local = (req.socket.localAddress ?? '').replace(/^::ffff:/, '');
  const loopback = peer === '::1' || peer.startsWith('127.');
  return (loopback || (peer !== '' && peer === local)) && !PROXY_HEADERS.some((name) => req.headers[name] !== undefined);
}

function localOnly(key: () => string): RequestHandler {
  return (req, res, next) => {
    if (!fromThisMachine(req)) {
      res.status(403).json({ error: { code: 'local_only', message: MESSAGES.localOnly } });
      return;
    }
    const presented = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (!sameKey(presented, key())) {
      res.status(401).json({ error: { code: 'unauthorized', message: MESSAGES.wrongKey } });
      return;
    }
    next();
  };
}

function sameKey(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected)) && presented.length === expected.length;
}

function localErrors(): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof StoreWriteError) {
      const details = { reason: error.reason, path: error.path, code: error.code, detail: error.detail };
      res.status(503).json({ error: { code: 'data_file', message: error.message, details } });
      return;
    }
    if (error instanceof MoveError) {
      res.status(error.reason === 'account_present' || error.reason === 'already_moved' ? 409 : 400).json({ error: { code: error.reason, message: error.message, details: error.facts } });
      return;
    }
    if (error instanceof z.ZodError || (error as { type?: string } | null)?.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'invalid_request', message: MESSAGES.badRequest } });
      return;
    }
    if ((error as { type?: string } | null)?.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'payload_too_large', message: MESSAGES.tooLarge } });
      return;
    }
    next(error);
  };
}
