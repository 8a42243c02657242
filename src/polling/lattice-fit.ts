// Finding a module's report period and phase from the moments its room's temperature was seen to
// change. Each change is only known to lie between two readings (a bracket). Reports at period P
// put one report in every bracket. Two steps:
// - detection: brackets mapped onto a circle of length P all overlap at the phase when P is
//   right; for each candidate P a sweep finds the most-covered point, scored by its excess over
//   what random brackets would give (their widths / P). Not every report changes the shown value
//   (same temperature to 0.1 °C), so reports may be missing, which a lattice tolerates; a period
//   twice as long would not, and a half period scores lower because chance covers more of a
//   shorter circle;
// - precision: every (time of one report, period) pair consistent with the explained brackets
//   forms a convex polygon (each bracket k reports away adds lo ≤ t + k·P ≤ hi). It is built from
//   the most recent bracket backwards and clipped by each new one, and a next report is predicted
//   at the latest time the polygon allows — so a poll then comes just after it.
// Pure; times on the monotonic clock (ms).

export interface Bracket {
  /** The last reading before the change (ms). */
  lo: number;
  /** The first reading that showed it (ms). */
  hi: number;
}

interface Vertex {
  /** Time of the reference report (ms). */
  at: number;
  period: number;
}

export interface Lattice {
  /** The feasible (reference report time, period) pairs: a convex polygon, at least one vertex. */
  vertices: Vertex[];
  /** Brackets this lattice explains. */
  support: number;
}

export interface FitOptions {
  minPeriodMs: number;
  maxPeriodMs: number;
  /** Step of the period search. */
  stepMs: number;
  /** Brackets a lattice must explain to be believed. */
  minSupport: number;
}

export const DEFAULT_FIT: FitOptions = { minPeriodMs: 120_000, maxPeriodMs: 3_600_000, stepMs: 2_000, minSupport: 5 };
/** A lattice must beat chance by this many brackets. */
const MIN_EXCESS = 3;
/** Detection uses the most recent brackets, each widened by this much on either side. */
const DETECT_BRACKETS = 16;
const DETECT_PAD_MS = 15_000;
/** The polygon is built from at most this many recent brackets (older ones may belong to a drifted past). */
const POLYGON_BRACKETS = 32;

interface Phase {
  count: number;
  score: number;
}

function mod(x: number, p: number): number {
  return ((x % p) + p) % p;
}

/** The most-covered residue for period `p`. Events are encoded as position·2 (+1 for an end). */
function bestPhase(brackets: readonly Bracket[], p: number, scratch: Float64Array): Phase {
  let n = 0;
  let chance = 0;
  for (const { lo, hi } of brackets) {
    const width = hi - lo;
    if (width >= p) continue; // contains a report whatever the phase: says nothing
    chance += width / p;
    const start = Math.floor(mod(lo, p));
    const end = start + Math.ceil(width);
    scratch[n++] = start * 2;
    scratch[n++] = Math.min(end, p) * 2 + 1;
    if (end > p) {
      scratch[n++] = 0;
      scratch[n++] = (end - p) * 2 + 1;
    }
  }
  const events = scratch.subarray(0, n).sort();
  let count = 0;
  let best = 0;
  for (let i = 0; i < n; i++) {
    count += (events[i] ?? 0) % 2 === 0 ? 1 : -1;
    best = Math.max(best, count);
  }
  return { count: best, score: best - chance };
}

/**
 * The best-scoring period, and the range of periods around it that explain as many brackets (with
 * few or wide brackets many neighbouring periods explain them equally; the truth is in there).
 */
function detectPeriod(brackets: readonly Bracket[], options: FitOptions): { p: number; low: number; high: number; phase: Phase } {
  const scratch = new Float64Array(brackets.length * 4 + 4);
  const scanned: { p: number; phase: Phase }[] = [];
  for (let p = options.minPeriodMs; p <= options.maxPeriodMs; p += options.stepMs) scanned.push({ p, phase: bestPhase(brackets, p, scratch) });
  let bestIndex = 0;
  scanned.forEach((candidate, i) => {
    if (candidate.phase.score > (scanned[bestIndex]?.phase.score ?? -Infinity)) bestIndex = i;
  });
  const best = scanned[bestIndex]!;
  let lo = bestIndex;
  let hi = bestIndex;
  // By count: the chance term grows a little as periods shrink, so scores alone never tie.
  const same = (i: number): boolean => (scanned[i]?.phase.count ?? -1) >= best.phase.count;
  while (same(lo - 1)) lo -= 1;
  while (same(hi + 1)) hi += 1;
  return { p: best.p, low: scanned[lo]!.p - options.stepMs, high: scanned[hi]!.p + options.stepMs, phase: best.phase };
}

/** The lattice that explains these brackets best, or null when none beats chance clearly. */
export function fitLattice(brackets: readonly Bracket[], options: FitOptions = DEFAULT_FIT): Lattice | null {
  if (brackets.length < options.minSupport) return null;
  // Detection looks at the recent brackets, each widened a little: over a few periods a period
  // off by up to a search step then still lines them up (the polygon below is exact).
  const recent = [...brackets].sort((a, b) => a.hi - b.hi).slice(-DETECT_BRACKETS).map((b) => ({ lo: b.lo - DETECT_PAD_MS, hi: b.hi + DETECT_PAD_MS }));
  const { low, high, phase } = detectPeriod(recent, options);
  if (phase.count < options.minSupport || phase.score < MIN_EXCESS) return null;
  const byRecency = [...brackets].sort((a, b) => b.hi - a.hi);
  for (const [index, newest] of byRecency.entries()) {
    // The polygon starts from one bracket — the newest that works: the next reports are predicted
    // from recent data — and every period that explained as many brackets as the best, and takes
    // in the brackets before it while they fit, up to a few.
    let lattice: Lattice = {
      vertices: [
        { at: newest.lo, period: low },
        { at: newest.hi, period: low },
        { at: newest.hi, period: high },
        { at: newest.lo, period: high },
      ],
      support: 1,
    };
    for (const bracket of byRecency.slice(index + 1)) {
      if (lattice.support >= POLYGON_BRACKETS) break;
      lattice = withBracket(lattice, bracket) ?? lattice;
    }
    if (lattice.support >= options.minSupport) return lattice;
    if (byRecency.length - index - 1 < options.minSupport) break;
  }
  return null;
}

function centre(lattice: Lattice): Vertex {
  const n = lattice.vertices.length;
  const sum = lattice.vertices.reduce((acc, v) => ({ at: acc.at + v.at, period: acc.period + v.period }), { at: 0, period: 0 });
  return { at: sum.at / n, period: sum.period / n };
}

/** The lattice's period (the middle of what the data allow). */
export function periodOf(lattice: Lattice): number {
  return centre(lattice).period;
}

/** Keeps the part of a convex polygon where at + k·period ≥ bound (sign 1) or ≤ bound (sign −1). */
function clip(vertices: readonly Vertex[], k: number, bound: number, sign: 1 | -1): Vertex[] {
  const side = (v: Vertex): number => sign * (v.at + k * v.period - bound);
  const out: Vertex[] = [];
  for (let i = 0; i < vertices.length; i++) {
    const a = vertices[i]!;
    const b = vertices[(i + 1) % vertices.length]!;
    const sa = side(a);
    const sb = side(b);
    if (sa >= 0) out.push(a);
    if ((sa >= 0) !== (sb >= 0)) {
      const t = sa / (sa - sb);
      out.push({ at: a.at + t * (b.at - a.at), period: a.period + t * (b.period - a.period) });
    }
  }
  return out;
}

/**
 * The lattice narrowed by one more bracket it explains, or null when the bracket holds none of
 * its possible report times (the period drifted, or another module reported).
 */
export function withBracket(lattice: Lattice, bracket: Bracket): Lattice | null {
  const mid = centre(lattice);
  const k = Math.round(((bracket.lo + bracket.hi) / 2 - mid.at) / mid.period);
  const clipped = clip(clip(lattice.vertices, k, bracket.lo, 1), k, bracket.hi, -1);
  return clipped.length === 0 ? null : { vertices: clipped, support: lattice.support + 1 };
}

/** Whether a bracket holds one of the lattice's possible report times. */
export function explains(lattice: Lattice, bracket: Bracket): boolean {
  return withBracket(lattice, bracket) !== null;
}

/**
 * The next report strictly after `afterMs`, at the latest time the data allow (a poll then comes
 * after it even when the period is known only roughly), and how uncertain that time is.
 */
export function nextReport(lattice: Lattice, afterMs: number): { at: number; spreadMs: number } {
  const mid = centre(lattice);
  let k = Math.floor((afterMs - mid.at) / mid.period);
  for (;;) {
    const times = lattice.vertices.map((v) => v.at + k * v.period);
    const latest = Math.max(...times);
    if (latest > afterMs) return { at: latest, spreadMs: latest - Math.min(...times) };
    k += 1;
  }
}
