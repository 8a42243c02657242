// Remembers the last interval plans: the plan depends on the activity weights (which change a few
// times a day), the expected measurement reports (which settle once learnt) and the budget, so
// after each poll the same plan is usually asked for again. Keyed by rounded inputs.
import { HOURS_PER_DAY } from './activity-profile.js';
import { planIntervals, type PlanOptions } from './interval-plan.js';

const MAX_ENTRIES = 16;
const EVEN = new Array<number>(HOURS_PER_DAY).fill(1);

export class PlanCache {
  readonly #entries = new Map<string, number[]>();

  intervals(weights: readonly number[] | null, options: Omit<PlanOptions, 'weights'>): number[] {
    const w = weights ?? EVEN;
    const key = [
      w.map((x) => x.toFixed(3)).join(','),
      Math.round(options.measurementPollsPerHour * 2),
      Math.round(options.targetPollsPerHour),
      Math.round(options.maxPollsPerHour),
      options.minIntervalS,
      options.maxIntervalS,
      options.quietCeilingS,
    ].join('|');
    let plan = this.#entries.get(key);
    if (!plan) {
      plan = planIntervals({ ...options, weights: w, measurementPollsPerHour: Math.round(options.measurementPollsPerHour * 2) / 2 });
      if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value ?? '');
      this.#entries.set(key, plan);
    }
    return plan;
  }
}
