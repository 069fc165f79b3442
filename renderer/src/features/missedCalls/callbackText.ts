import type { MissedCallView } from '../../../../shared/api/telephony';
import type { Lang, MessageKey } from '../../../../shared/i18n';
import { callbackState, type CallbackState } from '../../../../shared/timing/missedCallback';
import { dueSpanText } from '../compliance/targetText';

/** A missed call's callback as its target judges it now, with the time left or over (the countdown), as the desk's targets read. */
export function callbackOf(m: MissedCallView, now: number, lang: Lang): { state: CallbackState; key: MessageKey; span: string | null } {
  const state = callbackState({ ended_at: m.endedAt, callback_due_at: m.callbackDueAt, called_back_at: m.calledBackAt }, now, m.warningAt);
  const span = m.callbackDueAt === null ? null : dueSpanText({ dueAt: m.callbackDueAt, endAt: m.calledBackAt }, now, lang);
  return { state, key: `missed.state.${state}` as MessageKey, span };
}

/** The phone system's cause in the reader's words (an unknown one as it came). */
export function causeKey(cause: string): MessageKey | null {
  const known = ['normalClearing', 'busy', 'cancel', 'noAnswer', 'congestion', 'notFound', 'forwarded', 'abandoned'];
  return known.includes(cause) ? (`missed.cause.${cause}` as MessageKey) : null;
}
