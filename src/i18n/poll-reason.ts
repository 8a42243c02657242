// Why the next poll comes when it does (NetatmoHealth.pollReason), in the reader's language. The
// state API keeps the English words as its values; pages and the CLI translate them here.
import { POLL_REASONS, type PollReason } from '../model/types.js';
import type { MessageKey } from './catalogue.js';
import type { Translator } from './translator.js';

const KEYS = {
  starting: 'polling.reason.starting',
  'regular interval': 'polling.reason.regularInterval',
  'active hours': 'polling.reason.activeHours',
  'quiet hours': 'polling.reason.quietHours',
  'after activity': 'polling.reason.afterActivity',
  'after schedule change': 'polling.reason.afterScheduleChange',
  'expected measurement': 'polling.reason.expectedMeasurement',
  confirmation: 'polling.reason.confirmation',
  budget: 'polling.reason.budget',
  'back-off': 'polling.reason.backOff',
} as const satisfies Record<PollReason, MessageKey>;

/** The reason in words; a reason this version does not know (another bridge's) is shown as sent. */
export function pollReasonText(reason: string, tr: Translator): string {
  return (POLL_REASONS as readonly string[]).includes(reason) ? tr.t(KEYS[reason as PollReason]) : reason;
}
