// The simulator's only notion of time: the injected clock plus an offset that advance() and jump() add.
// Nothing runs on timers; every request reads the clock and the world catches up lazily.

export class SimClock {
  private offsetMs = 0;

  constructor(private readonly source: () => number) {}

  nowMs(): number {
    return this.source() + this.offsetMs;
  }

  nowS(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error('advance() needs a non-negative number of ms');
    this.offsetMs += ms;
  }

  /**
   * A clock step either way (an NTP correction, a clock set by hand): unlike advance() it may go
   * backwards. Physics never runs backwards (it catches up when time passes the last step again).
   */
  jump(ms: number): void {
    if (!Number.isFinite(ms)) throw new Error('jump() needs a finite number of ms');
    this.offsetMs += ms;
  }
}
