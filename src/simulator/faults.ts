// Fault injection: tests ask for outages, throttling, hangs, garbage, refusals and token trouble,
// and the API answers accordingly for `count` requests or `durationMs` of simulated time. A fault
// may be limited to requests about some homes (`homeIds`), so one home of an account can fail
// while the others answer.
import type { FaultKind, FaultSpec } from './fault-types.js';

export const FAULT_KINDS: FaultKind[] = ['server_error', 'rate_limit', 'overloaded', 'hang', 'malformed', 'relay_offline', 'token_expired', 'invalid_grant', 'write_errors', 'refused', 'hold'];

/** Endpoints that change something; write_errors refuses only these. */
export const WRITE_ENDPOINTS: readonly string[] = ['setroomthermpoint', 'setthermmode', 'switchhomeschedule', 'setstate'];

export const TOKEN_ENDPOINT = 'oauth2/token';

interface ActiveFault {
  id: number;
  spec: FaultSpec;
  remaining: number;
  untilMs: number;
}

export class FaultController {
  private faults: ActiveFault[] = [];
  private nextId = 1;
  private held: (() => void)[] = [];
  private takenWaiters: ((spec: FaultSpec) => void)[] = [];

  constructor(private readonly nowMs: () => number) {}

  /** Returns an id for clear(id). */
  inject(spec: FaultSpec): number {
    if (!FAULT_KINDS.includes(spec.kind)) throw new Error(`unknown fault kind ${String(spec.kind)}`);
    const defaultCount = spec.kind === 'token_expired' ? 1 : Number.POSITIVE_INFINITY;
    const id = this.nextId++;
    this.faults.push({
      id,
      spec,
      remaining: spec.count ?? defaultCount,
      untilMs: spec.durationMs === undefined ? Number.POSITIVE_INFINITY : this.nowMs() + spec.durationMs,
    });
    return id;
  }

  clear(id?: number): void {
    this.faults = id === undefined ? [] : this.faults.filter((f) => f.id !== id);
  }

  active(): FaultSpec[] {
    this.prune();
    return this.faults.map((f) => f.spec);
  }

  private prune(): void {
    const now = this.nowMs();
    this.faults = this.faults.filter((f) => f.remaining > 0 && f.untilMs > now);
  }

  private applies(fault: ActiveFault, endpoint: string, homeId: string | undefined): boolean {
    const { kind, endpoints, homeIds } = fault.spec;
    if (homeIds && homeIds.length > 0 && (homeId === undefined || !homeIds.includes(homeId))) return false;
    if (kind === 'invalid_grant') return endpoint === TOKEN_ENDPOINT;
    if (kind === 'relay_offline' && endpoint !== 'homestatus') return false;
    if (kind === 'write_errors' && !WRITE_ENDPOINTS.includes(endpoint)) return false;
    if (endpoints && endpoints.length > 0) return endpoints.includes(endpoint);
    return endpoint !== TOKEN_ENDPOINT && endpoint !== 'oauth2/authorize';
  }

  /** The fault that takes this request, consuming one of its count. */
  take(endpoint: string, homeId?: string): FaultSpec | undefined {
    this.prune();
    const fault = this.faults.find((f) => this.applies(f, endpoint, homeId));
    if (!fault) return undefined;
    fault.remaining -= 1;
    for (const resolve of this.takenWaiters.splice(0)) resolve(fault.spec);
    return fault.spec;
  }

  /** Resolves with the next fault a request takes (tests wait for it instead of polling active()). */
  nextTaken(): Promise<FaultSpec> {
    return new Promise((resolve) => this.takenWaiters.push(resolve));
  }

  /** A `hold` fault: resolves when the test calls release(), then the request is answered normally. */
  waitForRelease(): Promise<void> {
    return new Promise((resolve) => this.held.push(resolve));
  }

  /** How many requests a `hold` fault is holding right now. */
  heldCount(): number {
    return this.held.length;
  }

  /** Lets every held request go on. */
  release(): void {
    const waiting = this.held;
    this.held = [];
    for (const resume of waiting) resume();
  }
}
