// The English catalogue: every area's messages in one flat object. Keys are "area.name" (see
// docs/web.md, "Adding a message"); an area may not repeat another's key (catalogue test).
import { adminMove } from './admin-move.js';
import { admin } from './admin.js';
import { cliAuth } from './cli-auth.js';
import { cliDoctor } from './cli-doctor.js';
import { cliMove } from './cli-move.js';
import { cliService } from './cli-service.js';
import { cli } from './cli.js';
import { client } from './client.js';
import { common } from './common.js';
import { connect } from './connect.js';
import { history } from './history.js';
import { move } from './move.js';
import { smartappChecks } from './smartapp-checks.js';
import { smartapp } from './smartapp.js';
import { statusWords } from './status-words.js';
import { status } from './status.js';

export const EN_AREAS = { common, status, statusWords, admin, adminMove, move, connect, client, history, cli, cliDoctor, cliAuth, cliService, cliMove, smartapp, smartappChecks } as const;

export const en = { ...common, ...status, ...statusWords, ...admin, ...adminMove, ...move, ...connect, ...client, ...history, ...cli, ...cliDoctor, ...cliAuth, ...cliService, ...cliMove, ...smartapp, ...smartappChecks } as const;
