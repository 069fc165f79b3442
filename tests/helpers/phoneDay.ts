import { applyCallEvent, type PhoneEventContext } from '../../electron/records/phoneEvents';
import type { CallEvent } from '../../shared/telephony/callEvents';
import { SEED_MORNING, type TestDesk } from './tempStore';

/**
 * A scripted day of phone events for the call-centre KPIs' tests (Statistics,
 * the Excel summary, hotline stats), fed through applyCallEvent as the AMI
 * normaliser or the CTI endpoint would. PHONE_DAY is what its times give by
 * hand under the default policy (80 % within 20 s, short abandon under 5 s).
 */

const source = { system: 'ami' as const, pbx: 'pbx1:5038' };
/** Seconds after 14:15:00 Shanghai, Monday 2024-05-20. */
const s = (sec: number) => SEED_MORNING + sec * 1000;
const base = (callId: string, at: number) => ({ source, callId, at, clock: 'pbx' as const });
const offered = (callId: string, at: number, last4: string, direction: 'in' | 'out' = 'in'): CallEvent => ({
  ...base(callId, at), kind: 'offered', direction, numberLast4: last4, queue: direction === 'in' ? 'support' : null, agent: null,
});
const ringing = (callId: string, at: number): CallEvent => ({ ...base(callId, at), kind: 'ringing', agent: 'PJSIP/1001', queue: 'support' });
const answered = (callId: string, at: number): CallEvent => ({ ...base(callId, at), kind: 'answered', agent: 'PJSIP/1001', waitSec: null });
const ended = (callId: string, at: number, unanswered: boolean): CallEvent => ({
  ...base(callId, at), kind: 'ended', cause: unanswered ? 'abandoned' : 'normalClearing', unanswered, queue: 'support',
  agent: unanswered ? null : 'PJSIP/1001', waitSec: null, talkSec: null, hungUpBy: 'caller',
});

/**
 * The day, call by call (wait = answer or hang-up − offer; talk = hang-up − answer):
 * A  offered 0, rang 2, answered 10, ended 130    wait 10  talk 120, its record closed at 190: wrap-up 60
 * B  offered 100, rang 105, answered 130, ended 430  wait 30  talk 300
 * C  offered 200, hung up 203 in the queue        wait 3: a short abandon (missed, never called back)
 * D  offered 300, hung up 345 in the queue        wait 45: abandoned, called back by an outbound call at 900 (due 345 + 1 h: met)
 * E  offered 400, rang 402, unanswered at 420     wait 20: abandoned after ringing 李娜 (missed, not called back)
 * H  offered 600, rang 601, answered 620, ended 680  wait 20 (exactly the threshold: within)  talk 60
 * I  offered 700, answered 705, ended 745         wait 5   talk 40
 * J  offered 3600 (15:15), answered 3640, ended 3700  wait 40  talk 60
 * G  offered 800, still in the queue: counted nowhere yet
 * an outbound call at 900: no inbound figure
 */
export async function playPhoneDay(desk: TestDesk): Promise<number> {
  const phone: PhoneEventContext = { db: desk.store.db, now: desk.clock.now, atDesk: () => desk.ctx.session.userId };
  const script: Array<[number, CallEvent]> = [
    [0, offered('A', s(0), '1000')], [2, ringing('A', s(2))], [10, answered('A', s(10))],
    [100, offered('B', s(100), '2000')], [105, ringing('B', s(105))], [130, ended('A', s(130), false)], [130, answered('B', s(130))],
    [200, offered('C', s(200), '3000')], [203, ended('C', s(203), true)],
    [300, offered('D', s(300), '4000')], [345, ended('D', s(345), true)],
    [400, offered('E', s(400), '5000')], [402, ringing('E', s(402))], [420, ended('E', s(420), true)],
    [430, ended('B', s(430), false)],
    [600, offered('H', s(600), '6000')], [601, ringing('H', s(601))], [620, answered('H', s(620))], [680, ended('H', s(680), false)],
    [700, offered('I', s(700), '7000')], [705, answered('I', s(705))], [745, ended('I', s(745), false)],
    [800, offered('G', s(800), '8000')],
    [900, offered('OUT', s(900), '4000', 'out')], [901, answered('OUT', s(901))],
    [3600, offered('J', s(3600), '9000')], [3640, answered('J', s(3640))], [3700, ended('J', s(3700), false)],
  ];
  let recordA = 0;
  for (const [at, event] of script) {
    desk.clock.ms = s(at);
    const out = await applyCallEvent(phone, event);
    if (event.callId === 'A' && out.recordId !== null) recordA = out.recordId;
    if (event.callId === 'A' && event.kind === 'ended') {
      // The agent finishes A's record a minute after the caller hung up.
      desk.clock.ms = s(190);
      await desk.ok('setResult', { id: recordA, result: 'resolved' });
      await desk.ok('closeCall', { id: recordA });
    }
  }
  desk.clock.ms = s(4000);
  return recordA;
}


/** The day's figures, worked out by hand from the script above. */
export const PHONE_DAY = {
  date: '2024-05-20',
  // Offered A B C D E H I J; answered A B H I J, within 20 s A H I; abandoned C D E, short C.
  counts: { offered: 8, answered: 5, answeredWithin: 3, abandoned: 3, shortAbandons: 1, talked: 5, wrapped: 1, callbacksDue: 3, callbacksMet: 1, callbacksOpenInTime: 1 },
  serviceLevel: 3 / 7,
  abandonRate: 2 / 7,
  // Waits 10 + 30 + 20 + 5 + 40 = 105 over 5; talk 120 + 300 + 60 + 40 + 60 = 580 over 5.
  asaSec: 21,
  ahtSec: 116,
  wrapUpSec: 60,
  longestWaitSec: 45,
  // At 15:21:40 (the clock after the script): D called back in time, C past due, E's due time (15:22) still ahead.
  callbackRate: 1 / 2,
};
