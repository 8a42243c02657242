// pyatmo's own capture of a home with every Energy product (real captured payloads, provided by CI
// at ../shared/fixtures/netatmo; skipped when absent): the write path the bridge picks for each
// room is pyatmo's (room.py async_therm_set) — setroomthermpoint for the Smart Thermostat room,
// setstate for the valve, OTM and BNS rooms.
import { describe, expect, it } from 'vitest';
import { normaliseHomes } from '../../src/model/index.js';
import type { RawHomeStatusBody, RawHomesDataBody } from '../../src/model/netatmo-raw.js';
import { planRoomMode, roomWritePath } from '../../src/sync/netatmo-write-plan.js';
import { sharedBody, sharedFixturesPresent } from '../helpers/netatmo-fixtures.js';

const SKIP_MESSAGE = 'skipped: ../shared/fixtures/netatmo not found (real captured payloads, provided by CI)';
const HOME_ID = '91763b24c43d3e344f424e8b';

function suite(): void {
  it('MYHOME: Livingroom (NATherm1) → setroomthermpoint; Entrada, Cocina (NRV), Bureau (OTM), Corridor (BNS) → setstate', () => {
    const homes = normaliseHomes(sharedBody<RawHomesDataBody>('pyatmo/homesdata.json'), new Map([[HOME_ID, sharedBody<RawHomeStatusBody>(`pyatmo/homestatus_${HOME_ID}.json`)]]), []);
    const home = homes.find((h) => h.id === HOME_ID)!;
    expect(Object.fromEntries(home.rooms.map((r) => [r.name, roomWritePath(home, r.id)]))).toEqual({
      Livingroom: 'setroomthermpoint',
      Entrada: 'setstate',
      Cocina: 'setstate',
      Bureau: 'setstate',
      Corridor: 'setstate',
    });
    const livingroom = home.rooms.find((r) => r.name === 'Livingroom')!;
    expect(planRoomMode(home, livingroom, 'boost', { kind: 'default' }, Date.now())[0]!.write).toEqual({ endpoint: 'setroomthermpoint', params: { homeId: HOME_ID, roomId: livingroom.id, mode: 'max' } });
  });
}

if (sharedFixturesPresent) {
  describe('write paths on real Netatmo captures', suite);
} else {
  describe.skip(`write paths — ${SKIP_MESSAGE}`, () => {
    it.skip(SKIP_MESSAGE, () => undefined);
  });
}
