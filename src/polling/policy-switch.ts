// The policy in force follows the setting (POLL_POLICY, or the admin page), and can change at run
// time. The adaptive policy observes every poll either way, so switching to it later starts with
// what it has learnt meanwhile.
import type { PollPolicyName } from '../model/types.js';
import { fixedIntervalPolicy, type PollPlan, type PollPolicy, type PollPolicyInput } from '../sync/poll-timing.js';
import type { AdaptivePolicy } from './adaptive-policy.js';

export class SwitchablePolicy implements PollPolicy {
  readonly #fixed = fixedIntervalPolicy();

  constructor(
    private readonly adaptive: AdaptivePolicy,
    private readonly choice: () => PollPolicyName,
  ) {}

  get name(): PollPolicyName {
    return this.choice();
  }

  nextRegularDue(input: PollPolicyInput): number {
    const adaptiveDue = this.adaptive.nextRegularDue(input);
    const fixedDue = this.#fixed.nextRegularDue(input);
    return this.name === 'adaptive' ? adaptiveDue : fixedDue;
  }

  plan(): PollPlan | null {
    return this.name === 'adaptive' ? this.adaptive.plan() : this.#fixed.plan();
  }

  noteActivity(homeId: string, monoAt: number, wallAt: number): void {
    this.adaptive.noteActivity(homeId, monoAt, wallAt);
  }
}
