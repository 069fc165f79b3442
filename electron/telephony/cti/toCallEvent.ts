import type { CallEvent, CallSource, EndCause } from '../../../shared/telephony/callEvents';
import type { CallMemory } from './callMemory';
import { callKeyOf, cutNumberRuns, lastFourOf } from './numbers';
import type { ZammadPush } from './zammadFormat';

/**
 * A Zammad-format push as one CallEvent (shared/telephony/callEvents.ts).
 * Zammad's pushes carry no time: every moment is the push's arrival (`at`,
 * clock 'arrival'). Waits and talk times are worked out from the arrivals the
 * memory kept for the call.
 *
 * Numbers are cut first: `from`/`to` to their last four digits, every other
 * field's number-like runs likewise (numbers.ts). Nothing below sees more.
 */
export function toCallEvent(push: ZammadPush, memory: CallMemory, at: number, source: CallSource): CallEvent {
  const callId = callKeyOf(push.callId);
  const base = { source, callId, at, clock: 'arrival' as const };
  const queue = push.queue === undefined || push.queue === '' ? null : cutNumberRuns(push.queue);
  const known = memory.get(callId);
  switch (push.event) {
    case 'newCall': {
      const direction = push.direction ?? 'in';
      const agent = usersOf(push);
      // A repeated newCall (a retry) keeps the first arrival, so the wait is the caller's whole wait.
      memory.remember(callId, { offeredAt: known?.offeredAt ?? at, queue, agent });
      // Inbound: the caller's number; outbound: the number dialled.
      const numberLast4 = lastFourOf(direction === 'in' ? push.from : push.to);
      return { ...base, kind: 'offered', direction, numberLast4, queue, agent };
    }
    case 'answer': {
      const agent = answeringAgentOf(push) ?? known?.agent ?? 'unknown';
      // A duplicated answer keeps the first: the first answer is the moment that counts.
      const answeredAt = known?.answeredAt ?? at;
      const state = memory.remember(callId, { answeredAt, answeredBy: known?.answeredBy ?? agent });
      return { ...base, kind: 'answered', agent: state.answeredBy ?? agent, waitSec: secondsBetween(state.offeredAt, answeredAt) };
    }
    case 'hangup': {
      const answered = known?.answeredAt != null;
      const cause: EndCause = push.cause ?? (answered ? 'normalClearing' : 'cancel');
      memory.remember(callId, {});
      return {
        ...base,
        kind: 'ended',
        cause,
        // Zammad's hangup does not say whether the call was answered; the memory does. A bridge that
        // sends no answer events still says so by its cause: normalClearing is "hung up after the call
        // was established".
        unanswered: !answered && cause !== 'normalClearing',
        queue: queue ?? known?.queue ?? null,
        agent: known?.answeredBy ?? answeringAgentOf(push),
        waitSec: secondsBetween(known?.offeredAt ?? null, answered ? (known?.answeredAt ?? at) : at),
        talkSec: answered ? secondsBetween(known?.answeredAt ?? null, at) : null,
        hungUpBy: null,
      };
    }
  }
}

/**
 * Who answered. `answeringNumber` names exactly the one who picked up (Zammad
 * looks it up as a user's phone, login or id), where `user` may list everyone
 * a group call rang: it wins. Without it, the one user named; several names
 * are kept together, since the push does not say which of them answered.
 */
function answeringAgentOf(push: ZammadPush): string | null {
  if (push.answeringNumber !== undefined && push.answeringNumber !== '') return cutNumberRuns(push.answeringNumber);
  return usersOf(push);
}

function usersOf(push: ZammadPush): string | null {
  const users = (push.user ?? []).filter((u) => u !== '').map(cutNumberRuns);
  return users.length === 0 ? null : users.join(', ');
}

function secondsBetween(from: number | null, to: number): number | null {
  return from === null ? null : Math.max(0, Math.round((to - from) / 1000));
}
