// Learns when each room's temperature is next reported. Netatmo's modules (thermostats, valves)
// send their measurements every few minutes, each at its own period and phase; the room's
// temperature in homestatus changes only then. From the readings the poller makes anyway, every
// observed change gives a bracket (between the last reading that still showed the old value and
// the first that showed the new one), and lattice-fit.ts finds the periods and phases that explain
// them — one per module reporting for the room (a room with two valves has two). A bracket that
// fits a known lattice narrows its phase at once; one that does not (a period drifted, a second
// module) triggers a new fit. Pure and in memory: on the monotonic clock, relearnt after a restart
// within an hour or two.
import { explains, fitLattice, nextReport, periodOf, withBracket, type Bracket, type Lattice } from './lattice-fit.js';

/** Brackets kept per room (the most recent). */
const MAX_BRACKETS = 32;
/** Brackets older than this are dropped (a module's period may change). */
const MAX_AGE_MS = 12 * 3_600_000;
/** Modules reporting for one room that the learner looks for. */
const MAX_SOURCES = 3;
/** Refit from scratch after this many changes in a row that no known lattice explains … */
const REFIT_AFTER_UNEXPLAINED = 3;
/** … and after this many changes anyway (a wrongly taken change cannot skew a lattice for long). */
const REFIT_EVERY = 64;
/** A lattice that explained no change for this many of its periods is dropped. */
const RETIRE_AFTER_PERIODS = 8;
/** A room not read for this long is forgotten (removed, or its home left the account). */
const FORGET_AFTER_MS = 24 * 3_600_000;

interface Source {
  lattice: Lattice;
  /** When it last explained a change (ms). */
  lastSeenAt: number;
}

interface RoomTrack {
  value: number | null;
  readAt: number;
  brackets: Bracket[];
  lattices: Source[];
  /** Changes in a row that no lattice explained. */
  unexplained: number;
  /** Changes since the last fit from scratch. */
  sinceFit: number;
}

export interface ExpectedReport {
  roomKey: string;
  /** Latest plausible report time (monotonic ms). */
  at: number;
  /** How much earlier it may be: the learner's uncertainty, less what the room's last reading ruled out. */
  spreadMs: number;
}

export class MeasurementLearner {
  readonly #rooms = new Map<string, RoomTrack>();

  /** One reading of a room's temperature at `readAt` (every reading, changed or not). */
  observe(roomKey: string, value: number, readAt: number): void {
    const track = this.#rooms.get(roomKey);
    if (!track) {
      this.#rooms.set(roomKey, { value, readAt, brackets: [], lattices: [], unexplained: 0, sinceFit: 0 });
      return;
    }
    if (readAt <= track.readAt) return; // a reading older than the last one (never expected)
    if (track.value !== null && value !== track.value) this.#learn(track, { lo: track.readAt, hi: readAt });
    track.value = value;
    track.readAt = readAt;
  }

  /** Drops rooms not read for a day. */
  forgetStale(now: number): void {
    for (const [key, track] of this.#rooms) if (now - track.readAt > FORGET_AFTER_MS) this.#rooms.delete(key);
  }

  /** The lattices found for a room (tests, status). */
  lattices(roomKey: string): readonly Lattice[] {
    return this.#rooms.get(roomKey)?.lattices.map((s) => s.lattice) ?? [];
  }

  /**
   * The next report of every room (per module found) that comes after that room's last reading
   * and after `afterMs`, soonest first. `spreadMs` is how much earlier than `at` it may come,
   * counted from the room's last reading when that fell inside the window already.
   */
  nextReports(afterMs: number): ExpectedReport[] {
    const out: ExpectedReport[] = [];
    for (const [roomKey, track] of this.#rooms) {
      const after = Math.max(afterMs, track.readAt);
      for (const { lattice } of track.lattices) {
        const next = nextReport(lattice, after);
        const earliest = Math.max(next.at - next.spreadMs, track.readAt);
        out.push({ roomKey, at: next.at, spreadMs: next.at - earliest });
      }
    }
    return out.sort((a, b) => a.at - b.at);
  }

  /** Expected reports per hour over every room (what polling after each one would cost). */
  reportsPerHour(): number {
    let total = 0;
    for (const track of this.#rooms.values()) for (const { lattice } of track.lattices) total += 3_600_000 / periodOf(lattice);
    return total;
  }

  #learn(track: RoomTrack, bracket: Bracket): void {
    track.brackets.push(bracket);
    const cutoff = bracket.hi - MAX_AGE_MS;
    track.brackets = track.brackets.filter((b) => b.hi >= cutoff).slice(-MAX_BRACKETS);
    // A module not seen reporting for many periods is gone (or was never there).
    track.lattices = track.lattices.filter((l) => bracket.hi - l.lastSeenAt <= RETIRE_AFTER_PERIODS * periodOf(l.lattice));
    track.sinceFit += 1;
    const fits = track.lattices.map((source) => ({ source, narrower: withBracket(source.lattice, bracket) })).filter((f) => f.narrower !== null);
    if (fits.length > 0 && track.sinceFit < REFIT_EVERY) {
      for (const fit of fits) fit.source.lastSeenAt = bracket.hi;
      // A change two modules could have reported narrows neither.
      const only = fits.length === 1 ? fits[0] : undefined;
      if (only?.narrower) only.source.lattice = only.narrower;
      track.unexplained = 0;
      return;
    }
    track.unexplained = fits.length > 0 ? 0 : track.unexplained + 1;
    if (track.unexplained >= REFIT_AFTER_UNEXPLAINED || track.lattices.length === 0 || track.sinceFit >= REFIT_EVERY) {
      // Now and then, and when the known lattices stop describing the room (a period changed),
      // everything is fitted again from the recent changes.
      track.lattices = fitSources(track.brackets, [], bracket.hi);
      track.unexplained = 0;
      track.sinceFit = 0;
    } else if (track.lattices.length < MAX_SOURCES) {
      // Perhaps one more module reports for this room.
      track.lattices = fitSources(track.brackets, track.lattices, bracket.hi);
    }
  }
}

/** Lattices greedily: the best one, then the best among the brackets none explains, … */
function fitSources(brackets: readonly Bracket[], known: readonly Source[], now: number): Source[] {
  const sources = [...known];
  let rest = brackets.filter((b) => !sources.some((s) => explains(s.lattice, b)));
  while (sources.length < MAX_SOURCES) {
    const lattice = fitLattice(rest);
    if (!lattice) break;
    sources.push({ lattice, lastSeenAt: now });
    rest = rest.filter((b) => !explains(lattice, b));
  }
  return sources;
}
