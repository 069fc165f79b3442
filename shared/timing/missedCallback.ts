import type { Policy } from '../policy/schema';
import { telephonyTargets } from '../policy/defaults';
import { dueAt, NoWorkingTimeError } from './calendar';

/**
 * A missed call's callback target (issue 15): due the policy's
 * `telephony.missedCallbackWithin` after the call ended (1 working hour by
 * default); met when it was called back by then, late when after.
 */

/** When the callback falls due: the target counts from the call's end (a policy with no working time at all gives none). */
export function callbackDueAt(endedAt: number, policy: Policy): number | null {
  try {
    return dueAt(endedAt, telephonyTargets(policy).missedCallbackWithin, policy.calendar);
  } catch (error) {
    if (error instanceof NoWorkingTimeError) return null;
    throw error;
  }
}

export type CallbackState = 'met' | 'late' | 'running' | 'near' | 'breached' | 'na';

/** A missed call's callback as its target judges it now. */
export function callbackState(missed: { ended_at: number; callback_due_at: number | null; called_back_at: number | null }, now: number, warningAt: number): CallbackState {
  const due = missed.callback_due_at;
  if (due === null) return missed.called_back_at === null ? 'na' : 'met';
  if (missed.called_back_at !== null) return missed.called_back_at <= due ? 'met' : 'late';
  if (now > due) return 'breached';
  return now >= missed.ended_at + (due - missed.ended_at) * warningAt ? 'near' : 'running';
}

