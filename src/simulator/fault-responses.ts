// What each injected fault looks like on the wire.
import type { Request, Response } from 'express';
import type { NetatmoApiError} from './envelopes.js';
import { errors, sendApiError } from './envelopes.js';
import type { FaultSpec } from './types.js';

/** Returns true when the fault produced the answer (or deliberately none, for hang). */
export type FaultResponder = (fault: FaultSpec, req: Request, res: Response) => boolean;

function htmlError(status: number): string {
  const text = status === 502 ? 'Bad Gateway' : status === 504 ? 'Gateway Time-out' : 'Service Temporarily Unavailable';
  return `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n</body>\r\n</html>\r\n`;
}

/** Netatmo's answers for a home the user may not read (shared / guest home, missing scope, gone). */
function refusal(code: 9 | 13 | 21): NetatmoApiError {
  if (code === 13) return errors.scope();
  if (code === 9) return errors.deviceNotFound();
  return errors.invalidId();
}

/** Hung responses are kept here until stop() cuts their sockets. */
export function createFaultResponder(hung: Set<Response>): FaultResponder {
  return (fault, _req, res) => {
    res.locals.fault = fault.kind;
    switch (fault.kind) {
      case 'server_error': {
        const status = fault.httpStatus ?? 503;
        if (status === 500) {
          sendApiError(res, errors.internal('Internal Server Error'));
        } else {
          res.status(status).type('html').send(htmlError(status));
        }
        return true;
      }
      case 'rate_limit':
        sendApiError(res, errors.userUsage());
        return true;
      case 'overloaded':
        sendApiError(res, errors.overloaded());
        return true;
      case 'token_expired':
        sendApiError(res, errors.expiredToken());
        return true;
      case 'malformed':
        // A body cut off mid-way, as when a proxy drops the connection.
        res.status(200).type('application/json').send('{"body":{"home":{"id":"');
        return true;
      case 'hang':
        hung.add(res);
        res.on('close', () => hung.delete(res));
        return true;
      case 'refused':
        sendApiError(res, refusal(fault.errorCode ?? 21));
        return true;
      case 'relay_offline':
      case 'invalid_grant':
      case 'hold':
      case 'write_errors':
        res.locals.fault = undefined;
        return false;
    }
  };
}
