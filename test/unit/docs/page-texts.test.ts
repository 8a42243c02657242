// Every text that sends the user to a control names it as the pages do: the pairing control is
// "Open the pairing window" on /admin, and the LAN token is shown on /admin (not the status page).
// Docs, start-up log, LAN API errors, the driver's log and setting texts were written before the
// pages moved and said otherwise.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MISSING_TOKEN_MESSAGE, WRONG_TOKEN_MESSAGE } from '../../../src/lan/auth.js';
import { PAIRING_CLOSED_MESSAGE } from '../../../src/lan/pair-routes.js';
import { renderAdmin, type AdminView } from '../../../src/web/admin-render.js';
import { filesUnder } from '../../helpers/repo-files.js';
import { REPO_ROOT } from '../../helpers/spawned-bridge.js';

const TEXTS = [
  'README.md',
  'driver/README.md',
  ...filesUnder('docs', /\.md$/),
  ...filesUnder('src', /\.ts$/),
  ...filesUnder('driver/src', /\.lua$/),
  ...filesUnder('driver/profiles', /\.yml$/),
  ...filesUnder('test/fixtures/lan', /\.json$/),
];

const view: AdminView = {
  csrf: 'c',
  flash: null,
  netatmo: { headline: 'Connected', connected: true, simulated: false, clientId: 'id', hasSecret: true, callbackUrl: 'http://b/oauth/callback' },
  pendingPaste: null,
  lanToken: 'lan-token-value-0123456789',
  lanTokenFromEnv: false,
  pairing: { closesAt: null, closesText: null },
  settings: { pollPolicy: 'adaptive', pollIntervalS: 60, staleThresholdS: 600, preferredPath: 'lan' },
  smartappConfigured: false,
  move: { movedAt: null },
};

describe('texts match the pages', () => {
  it('the admin page has the "Open the pairing window" control and shows the LAN token', () => {
    const page = String(renderAdmin(view));
    expect(page).toMatch(/<button type="submit">Open the pairing window[^<]*<\/button>/);
    expect(page).toContain('lan-token-value-0123456789');
  });

  it('no text names a "Pair a hub" button', () => {
    expect(TEXTS.length).toBeGreaterThan(50);
    expect(TEXTS.filter((file) => /Pair a hub/.test(readFileSync(path.join(REPO_ROOT, file), 'utf8')))).toEqual([]);
  });

  it('no text puts the LAN token on the status page', () => {
    const wrong = /token[^.\n]*(shown|copy|paste)[^.\n]*status page|status page[^.\n]*(shows|with) the (LAN )?token/i;
    expect(TEXTS.filter((file) => wrong.test(readFileSync(path.join(REPO_ROOT, file), 'utf8')))).toEqual([]);
  });

  it('the LAN API errors send the user to /admin', () => {
    expect(PAIRING_CLOSED_MESSAGE).toMatch(/"Open the pairing window" on the bridge's admin page \(\/admin\)/);
    expect(MISSING_TOKEN_MESSAGE).toMatch(/admin page \(\/admin/);
    expect(WRONG_TOKEN_MESSAGE).toMatch(/admin page \(\/admin/);
  });
});
