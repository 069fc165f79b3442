import type { VoidMark } from '../../../../shared/api/records';
import type { MessageKey } from '../../../../shared/i18n';
import { auditActor } from '../review/auditText';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * Why the phone system voided a record, read back from the reason it stored
 * (electron/records/missedCalls.ts and phoneEvents.ts write them in English,
 * as the audit trail keeps them): a call nobody answered, logged as a missed
 * call, or one a colleague's extension took. Only a phone actor's reason is
 * read so: a reason a person typed is theirs, word for word.
 */
export type PhoneVoid = { kind: 'notAnswered'; missedNo: string } | { kind: 'answeredElsewhere'; who: string } | { kind: 'other'; reason: string };

const isPhone = (actor: string) => actor.startsWith('phone:');

export function phoneVoidOf(voided: VoidMark): PhoneVoid | null {
  if (!isPhone(voided.by)) return null;
  const missed = /^not answered: logged as missed call \(?(MC[^\s)]+)\)?$/.exec(voided.reason);
  if (missed) return { kind: 'notAnswered', missedNo: missed[1]! };
  const elsewhere = /^answered at another extension \((.*)\)$/.exec(voided.reason);
  if (elsewhere) return { kind: 'answeredElsewhere', who: elsewhere[1]! };
  return { kind: 'other', reason: voided.reason };
}

/** The void mark's reason in the reader's language: the phone's own two reasons translated, anything else as it was given. */
export function voidReasonText(voided: VoidMark, t: T): string {
  const phone = phoneVoidOf(voided);
  if (phone?.kind === 'notAnswered') return t('void.phone.notAnswered', { no: phone.missedNo });
  if (phone?.kind === 'answeredElsewhere') return t('void.phone.answeredElsewhere', { who: phone.who });
  return voided.reason;
}

/** Who voided it: a profile's name as it is, the phone system in the reader's words (as the audit trail names it). */
export function voidActorText(voided: VoidMark, t: T): string {
  return auditActor(voided.by, t);
}

/** The notice left where a record the phone voided was, once it closed from the workspace. */
export function phoneClosedText(phone: PhoneVoid, t: T): string {
  if (phone.kind === 'notAnswered') return t('desk.phoneClosed.notAnswered', { no: phone.missedNo });
  if (phone.kind === 'answeredElsewhere') return t('desk.phoneClosed.answeredElsewhere', { who: phone.who });
  return t('desk.phoneClosed.other', { reason: phone.reason });
}
