/** One measured number, printed by bench/run.ts. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "< 1 ms" or "≥ 0.8". */
  target?: string;
  /** Whether the target was met (omitted when there is no target). */
  ok?: boolean;
  note?: string;
}
