import { describe, expect, it } from 'vitest';
import { isLanAddress } from '../../../src/lan/lan-address.js';

describe('isLanAddress', () => {
  it.each(['192.168.1.7', '10.1.2.3', '172.16.0.1', '172.31.255.254', '169.254.10.10', '127.0.0.1', '::ffff:192.168.1.7', '::1', 'fe80::1', 'fd12:3456::1', 'FC00::1'])(
    '%s is on the LAN',
    (address) => expect(isLanAddress(address)).toBe(true),
  );
  it.each(['8.8.8.8', '172.32.0.1', '100.64.0.1', '192.169.0.1', '0.0.0.0', '255.255.255.255', '224.0.0.1', '::ffff:8.8.8.8', '2001:db8::1', 'fec0::1', '', 'not-an-ip', '1.2.3'])(
    '%s is not',
    (address) => expect(isLanAddress(address)).toBe(false),
  );
});
