import { describe, expect, it } from 'vitest';
import { moduleLogger, parseLogLevel } from '../../../src/util/logger.js';
import { welcomeLines, type WelcomeFacts } from '../../../src/welcome.js';
import { LogCapture } from '../../helpers/bridge.js';

describe('logger', () => {
  it('redacts secret fields at any usual depth, including Netatmo-shaped bodies', () => {
    const logs = new LogCapture();
    const log = logs.logger('info');
    log.info({ accessToken: 'AT-1', netatmo: { tokens: { refreshToken: 'RT-1' } }, clientSecret: 'CS-1' }, 'a');
    log.info({ response: { body: { data: { access_token: 'AT-2', refresh_token: 'RT-2' } } } }, 'b');
    log.info({ req: { headers: { authorization: 'Bearer LAN-1', cookie: 'sid=C-1' } } }, 'c');
    log.info({ config: { adminPassword: 'PW-1', lanToken: 'LAN-2', smartapp: { clientSecret: 'CS-2' } } }, 'd');
    const text = logs.text();
    for (const secret of ['AT-1', 'RT-1', 'CS-1', 'AT-2', 'RT-2', 'LAN-1', 'C-1', 'PW-1', 'LAN-2', 'CS-2']) expect(text).not.toContain(secret);
    expect(text.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(10);
  });

  it('applies per-module levels', () => {
    expect(parseLogLevel('warn,netatmo=debug')).toEqual({ defaultLevel: 'warn', modules: { netatmo: 'debug' } });
    const logs = new LogCapture();
    const root = logs.logger('warn,netatmo=debug');
    moduleLogger(root, 'netatmo').debug('netatmo detail');
    moduleLogger(root, 'http').info('http chatter');
    root.info('root chatter');
    expect(logs.find('netatmo detail')).toHaveLength(1);
    expect(logs.find('chatter')).toHaveLength(0);
  });

  it('names a module once when a module logger is handed to code that names it again', () => {
    const logs = new LogCapture();
    moduleLogger(moduleLogger(logs.logger('info'), 'store'), 'store').info('created');
    expect(logs.text().match(/"module":"store"/g)).toHaveLength(1);
  });
});

describe('welcome lines', () => {
  const base: WelcomeFacts = {
    version: '1.0.0',
    urls: ['http://192.168.1.20:5000/'],
    port: 5000,
    bridgeId: 'b-1',
    simulated: false,
    netatmo: 'ok',
    ssdp: true,
    pairingClosesAt: null,
    cli: 'npm run',
  };

  it('starts with the status page address', () => {
    expect(welcomeLines(base)[0]?.msg).toContain('status page: http://192.168.1.20:5000/');
  });

  it('says what to do next for each situation', () => {
    const text = (facts: Partial<WelcomeFacts>) => welcomeLines({ ...base, ...facts }).map((l) => l.msg).join('\n');
    expect(text({ netatmo: 'not_configured' })).toMatch(/Next: connect your Netatmo account on the admin page http:\/\/192\.168\.1\.20:5000\/admin /);
    expect(text({ netatmo: 'auth_required' })).toMatch(/reconnect on .*npm run auth/);
    expect(text({ simulated: true })).toMatch(/SIMULATED/);
    expect(text({ pairingClosesAt: '2026-11-26T12:10:00.000Z' })).toMatch(/Pairing is open until 2026-11-26T12:10:00.000Z: in the SmartThings app/);
    expect(text({})).toMatch(/run "npm run pair" \(or choose "Open the pairing window" on the admin page, http:\/\/192\.168\.1\.20:5000\/admin\)/);
    expect(text({ cli: 'netatmo-bridge' })).toMatch(/run "netatmo-bridge pair".*"netatmo-bridge doctor".*"netatmo-bridge status"/s);
    expect(text({})).not.toMatch(/Pair a hub/);
    expect(text({ ssdp: false })).toMatch(/SSDP is off: enter http:\/\/192\.168\.1\.20:5000 as the driver's bridge address/);
  });
});
