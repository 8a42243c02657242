import { describe, expect, it } from 'vitest';
import { configForRestart } from '../../../src/ops/restart-config.js';
import { testConfig } from '../../helpers/bridge.js';

describe('configForRestart', () => {
  it('lets a forced simulator give way to the account connected from the demo', () => {
    const forced = testConfig('/tmp/unused', { SIMULATOR: 'on' });
    expect(configForRestart(forced).simulator).toBe('auto');
    expect(forced.simulator).toBe('on');
  });

  it('keeps every other configuration as it is', () => {
    const off = testConfig('/tmp/unused', { SIMULATOR: 'off' });
    expect(configForRestart(off)).toBe(off);
    const auto = testConfig('/tmp/unused', { SIMULATOR: 'auto' });
    expect(configForRestart(auto)).toBe(auto);
  });
});
