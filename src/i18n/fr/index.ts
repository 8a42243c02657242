// Le catalogue français : les mêmes clés que l’anglais, zone par zone (src/i18n/en/index.ts).
import type { en } from '../en/index.js';
import type { Translation } from '../messages.js';
import { adminMoveFr } from './admin-move.js';
import { adminFr } from './admin.js';
import { cliAuthFr } from './cli-auth.js';
import { cliDoctorFr } from './cli-doctor.js';
import { cliMoveFr } from './cli-move.js';
import { cliServiceFr } from './cli-service.js';
import { cliFr } from './cli.js';
import { clientFr } from './client.js';
import { commonFr } from './common.js';
import { connectFr } from './connect.js';
import { historyFr } from './history.js';
import { moveFr } from './move.js';
import { smartappChecksFr } from './smartapp-checks.js';
import { smartappFr } from './smartapp.js';
import { statusWordsFr } from './status-words.js';
import { statusFr } from './status.js';

export const FR_AREAS = {
  common: commonFr,
  status: statusFr,
  statusWords: statusWordsFr,
  admin: adminFr,
  adminMove: adminMoveFr,
  move: moveFr,
  connect: connectFr,
  client: clientFr,
  history: historyFr,
  cli: cliFr,
  cliDoctor: cliDoctorFr,
  cliAuth: cliAuthFr,
  cliService: cliServiceFr,
  cliMove: cliMoveFr,
  smartapp: smartappFr,
  smartappChecks: smartappChecksFr,
} as const;

export const fr: Translation<typeof en> = {
  ...commonFr,
  ...statusFr,
  ...statusWordsFr,
  ...adminFr,
  ...adminMoveFr,
  ...moveFr,
  ...connectFr,
  ...clientFr,
  ...historyFr,
  ...cliFr,
  ...cliDoctorFr,
  ...cliAuthFr,
  ...cliServiceFr,
  ...cliMoveFr,
  ...smartappFr,
  ...smartappChecksFr,
};
