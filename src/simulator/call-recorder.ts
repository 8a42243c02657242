// Records every request the simulator answers in the call log, once its answer is finished (or the
// socket closes, for a hang). The simulator's own control routes (/__sim) are not recorded.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { CallLog } from './call-log.js';
import type { FaultKind } from './fault-types.js';

function paramsOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  const fromBody = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return { ...(req.query as Record<string, unknown>), ...fromBody };
}

export function recordCalls(calls: CallLog, nowMs: () => number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const at = nowMs();
    let recorded = false;
    const record = () => {
      if (recorded || String(req.path).startsWith('/__sim')) return;
      recorded = true;
      const errorCode = res.locals.errorCode as number | string | undefined;
      const fault = res.locals.fault as FaultKind | undefined;
      calls.add({
        at,
        endpoint: (res.locals.endpoint as string | undefined) ?? req.path,
        method: req.method,
        params: paramsOf(req),
        httpStatus: res.writableFinished ? res.statusCode : 0,
        ...(errorCode !== undefined ? { errorCode } : {}),
        ...(fault ? { fault } : {}),
      });
    };
    res.on('finish', record);
    res.on('close', record);
    next();
  };
}
