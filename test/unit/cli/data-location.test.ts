// Where the data lives, one rule for the bridge and the CLI (data-location.ts).
import { describe, expect, it } from 'vitest';
import { readUnitFacts, resolveDataLocation, userDataDir, type LocationFacts } from '../../../src/cli/data-location.js';
import { serviceUserHint } from '../../../src/cli/installation.js';
import { renderServiceUnit, SOURCE_INSTALL_UNIT } from '../../../src/cli/service-unit.js';

const base: LocationFacts = {
  dataDirOption: undefined,
  dataDirSetting: undefined,
  cwd: '/home/pi/somewhere',
  env: { HOME: '/home/pi' },
  forTool: true,
  isSourceCheckout: false,
  serviceUnit: null,
  platform: 'linux',
};

describe('resolveDataLocation', () => {
  it('an installed package keeps its data per user: $XDG_DATA_HOME, else ~/.local/share', () => {
    expect(resolveDataLocation(base)).toEqual({ dataDir: '/home/pi/.local/share/netatmo-bridge', envFile: '/home/pi/somewhere/.env', source: 'user' });
    expect(resolveDataLocation({ ...base, env: { HOME: '/home/pi', XDG_DATA_HOME: '/data/xdg' } }).dataDir).toBe('/data/xdg/netatmo-bridge');
    expect(userDataDir({ HOME: '/home/pi', XDG_DATA_HOME: 'relative' }, 'linux')).toBe('/home/pi/.local/share/netatmo-bridge');
  });

  it('a source checkout keeps ./data (npm ci && npm start)', () => {
    expect(resolveDataLocation({ ...base, isSourceCheckout: true })).toMatchObject({ dataDir: '/home/pi/somewhere/data', source: 'checkout' });
  });

  it('--data-dir wins over everything, DATA_DIR over the defaults', () => {
    const unit = renderServiceUnit(SOURCE_INSTALL_UNIT);
    expect(resolveDataLocation({ ...base, dataDirOption: 'mine', dataDirSetting: '/x', serviceUnit: unit })).toMatchObject({ dataDir: '/home/pi/somewhere/mine', source: 'option' });
    expect(resolveDataLocation({ ...base, dataDirSetting: '/x', serviceUnit: unit })).toMatchObject({ dataDir: undefined, source: 'environment' });
  });

  it('the tools use the installed service\'s data and settings; the bridge itself does not', () => {
    const unit = renderServiceUnit({ ...SOURCE_INSTALL_UNIT, user: 'heating', dataDir: '/srv/bridge' });
    expect(resolveDataLocation({ ...base, serviceUnit: unit })).toEqual({
      dataDir: '/srv/bridge',
      envFile: '/etc/netatmo-bridge/bridge.env',
      source: 'service',
      serviceUser: 'heating',
    });
    expect(resolveDataLocation({ ...base, serviceUnit: unit, forTool: false }).source).toBe('user');
  });

  it('reads User, DATA_DIR and EnvironmentFile from the unit', () => {
    expect(readUnitFacts(renderServiceUnit(SOURCE_INSTALL_UNIT))).toEqual({ user: 'netatmo-bridge', dataDir: '/var/lib/netatmo-bridge', envFile: '/etc/netatmo-bridge/bridge.env' });
  });
});

describe('serviceUserHint', () => {
  const service = { location: { dataDir: '/var/lib/netatmo-bridge', envFile: '/etc/netatmo-bridge/bridge.env', source: 'service' as const, serviceUser: 'netatmo-bridge' } };
  it('tells another user to run the tool as the service user', () => {
    expect(serviceUserHint(service, 'doctor', undefined, { uid: 1000, name: 'pi' })).toBe(' The data belongs to the service: run it as its user, sudo -u netatmo-bridge netatmo-bridge doctor');
  });
  it('says nothing to root, to the service user, or outside a service', () => {
    expect(serviceUserHint(service, 'doctor', undefined, { uid: 0, name: 'root' })).toBe('');
    expect(serviceUserHint(service, 'doctor', undefined, { uid: 998, name: 'netatmo-bridge' })).toBe('');
    expect(serviceUserHint({ location: { ...service.location, source: 'user' } }, 'doctor', undefined, { uid: 1000, name: 'pi' })).toBe('');
  });
});
