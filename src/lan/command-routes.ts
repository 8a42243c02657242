// Write side of the LAN API (docs/lan-api.md "Commands"): thin handlers — validate the path and
// body, call the command service, answer {revision, home}. Mounted behind bearer auth.
import { Router, type Request, type Response } from 'express';
import type { CommandResult, CommandService } from '../sync/command-types.js';
import { CommandError, type CommandErrorCode } from '../sync/command-types.js';
import { LanError } from './errors.js';
import { emptyBody, homeModeBody, parseBody, parseId, roomModeBody, scheduleBody, setpointBody } from './validation.js';

const STATUS: Record<CommandErrorCode, number> = {
  invalid_request: 400,
  not_found: 404,
  not_supported: 409,
  rate_limited: 429,
  netatmo_error: 502,
  netatmo_unavailable: 503,
  auth_required: 503,
  not_configured: 503,
  moved: 503,
};

/** A refused command in the LAN API's error shape (Netatmo's code and text stay in details). */
export function commandErrorToLan(error: CommandError): LanError {
  return new LanError(STATUS[error.code], error.code, error.message, error.details, error.retryAfterS);
}

async function answer(res: Response, run: () => Promise<CommandResult | { revision: number }>): Promise<void> {
  try {
    res.json(await run());
  } catch (error) {
    throw error instanceof CommandError ? commandErrorToLan(error) : error;
  }
}

export function commandRouter(commands: CommandService): Router {
  const router = Router();
  const homeId = (req: Request): string => parseId(req.params.homeId, 'home');
  const roomId = (req: Request): string => parseId(req.params.roomId, 'room');

  router.post('/api/v1/homes/:homeId/mode', async (req, res) => {
    const id = homeId(req);
    const body = parseBody(homeModeBody, req.body);
    await answer(res, () => commands.setHomeMode(id, body));
  });

  router.post('/api/v1/homes/:homeId/schedule', async (req, res) => {
    const id = homeId(req);
    const body = parseBody(scheduleBody, req.body);
    await answer(res, () => commands.switchSchedule(id, body.scheduleId));
  });

  router.post('/api/v1/homes/:homeId/back-to-schedule', async (req, res) => {
    const id = homeId(req);
    parseBody(emptyBody, req.body);
    await answer(res, () => commands.backToSchedule(id));
  });

  router.post('/api/v1/homes/:homeId/rooms/:roomId/setpoint', async (req, res) => {
    const [home, room] = [homeId(req), roomId(req)];
    const body = parseBody(setpointBody, req.body);
    await answer(res, () => commands.setRoomSetpoint(home, room, body));
  });

  router.post('/api/v1/homes/:homeId/rooms/:roomId/mode', async (req, res) => {
    const [home, room] = [homeId(req), roomId(req)];
    const body = parseBody(roomModeBody, req.body);
    await answer(res, () => commands.setRoomMode(home, room, body));
  });

  router.post('/api/v1/refresh', async (req, res) => {
    parseBody(emptyBody, req.body);
    await answer(res, () => commands.refresh());
  });

  return router;
}
