// Optimistic state after a command. Netatmo's homestatus lags behind an accepted write by a few
// seconds (openhab/openhab-addons#3048), so a poll that started before the write — or right after it —
// would show the old values and make the hub's tile jump back. Each accepted command leaves a
// patch here; every poll result passes through apply(), which drops the patches the poll confirms
// (or that are older than PENDING_MS) and re-applies the others.
import type { Home, HomeMode, Room, SetpointMode } from '../model/types.js';

/** How long a patch outlives an unconfirmed poll before the poll's values win. */
export const PENDING_MS = 30_000;

export interface RoomPatch {
  setpointC?: number | null;
  setpointMode?: SetpointMode;
  setpointEndsAt?: string | null;
}

export interface HomePatch {
  mode?: HomeMode;
  modeEndsAt?: string | null;
  selectedScheduleId?: string;
  rooms?: Record<string, RoomPatch>;
}

interface PendingPatch {
  homeId: string;
  patch: HomePatch;
  expiresAt: number;
}

function patchRoom(room: Room, patch: RoomPatch | undefined): Room {
  if (!patch) return room;
  return { ...room, ...patch };
}

/** The home with the patch's values (pure; returns the same object when nothing applies). */
export function applyHomePatch(home: Home, patch: HomePatch): Home {
  const next: Home = { ...home };
  if (patch.mode !== undefined) next.mode = patch.mode;
  if (patch.modeEndsAt !== undefined) next.modeEndsAt = patch.modeEndsAt;
  if (patch.selectedScheduleId !== undefined && home.schedules.some((s) => s.id === patch.selectedScheduleId)) {
    next.schedules = home.schedules.map((s) => ({ ...s, selected: s.id === patch.selectedScheduleId }));
  }
  const rooms = patch.rooms;
  if (rooms) next.rooms = home.rooms.map((room) => patchRoom(room, rooms[room.id]));
  return next;
}

/**
 * true when the home already shows what the patch promised. End times are left out on purpose:
 * Netatmo computes its own default end a few seconds apart from ours.
 */
export function patchConfirmed(home: Home, patch: HomePatch): boolean {
  if (patch.mode !== undefined && home.mode !== patch.mode) return false;
  if (patch.selectedScheduleId !== undefined && home.schedules.some((s) => s.id === patch.selectedScheduleId && !s.selected)) return false;
  for (const [roomId, roomPatch] of Object.entries(patch.rooms ?? {})) {
    const room = home.rooms.find((r) => r.id === roomId);
    if (!room) continue;
    if (roomPatch.setpointMode !== undefined && room.setpointMode !== roomPatch.setpointMode) return false;
    if (roomPatch.setpointC !== undefined && room.setpointC !== roomPatch.setpointC) return false;
  }
  return true;
}

/** Removes from an older patch the values a newer patch on the same home decides. */
function withoutSuperseded(older: HomePatch, newer: HomePatch): HomePatch {
  const out: HomePatch = { ...older };
  if (newer.mode !== undefined) {
    delete out.mode;
    delete out.modeEndsAt;
  }
  if (newer.selectedScheduleId !== undefined) delete out.selectedScheduleId;
  if (older.rooms && newer.rooms) {
    const rooms: Record<string, RoomPatch> = {};
    for (const [roomId, patch] of Object.entries(older.rooms)) if (!(roomId in newer.rooms)) rooms[roomId] = patch;
    out.rooms = rooms;
  }
  return out;
}

function isEmpty(patch: HomePatch): boolean {
  return patch.mode === undefined && patch.modeEndsAt === undefined && patch.selectedScheduleId === undefined && Object.keys(patch.rooms ?? {}).length === 0;
}

export class PendingOverlay {
  #pending: PendingPatch[] = [];
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Records an accepted write's patch (newest wins over older patches on the same values). */
  add(homeId: string, patch: HomePatch): void {
    this.#pending = this.#pending
      .map((p) => (p.homeId === homeId ? { ...p, patch: withoutSuperseded(p.patch, patch) } : p))
      .filter((p) => !isEmpty(p.patch));
    this.#pending.push({ homeId, patch, expiresAt: this.#now() + PENDING_MS });
  }

  /** Patches still waiting for a poll to show them. */
  count(homeId?: string): number {
    this.#prune();
    return this.#pending.filter((p) => homeId === undefined || p.homeId === homeId).length;
  }

  /** A poll result → what clients should see: confirmed patches drop out, the others stay on top. */
  apply(homes: Home[]): Home[] {
    this.#prune();
    if (this.#pending.length === 0) return homes;
    const still: PendingPatch[] = [];
    const byId = new Map(homes.map((h) => [h.id, h]));
    for (const pending of this.#pending) {
      const home = byId.get(pending.homeId);
      if (!home || patchConfirmed(home, pending.patch)) continue;
      byId.set(pending.homeId, applyHomePatch(home, pending.patch));
      still.push(pending);
    }
    this.#pending = still;
    return homes.map((h) => byId.get(h.id) ?? h);
  }

  #prune(): void {
    const now = this.#now();
    if (this.#pending.some((p) => p.expiresAt <= now)) this.#pending = this.#pending.filter((p) => p.expiresAt > now);
  }
}
