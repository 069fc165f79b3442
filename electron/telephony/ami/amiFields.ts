import { lastFourDigits } from '../../../shared/domain/privacy';
import type { EndCause } from '../../../shared/telephony/callEvents';
import type { AmiMessage } from './protocol';

/**
 * What an AMI packet's fields mean, read one at a time: the call's key, a
 * number cut to its last four digits, an agent or a transfer target with long
 * digit runs cut, a DialStatus as the stream's cause, a channel's age. Pure;
 * the normaliser (normalise.ts) keeps the calls' state.
 */

/** AMI's DialStatus → the stream's causes. */
export const DIAL_CAUSES: Readonly<Record<string, EndCause>> = {
  BUSY: 'busy',
  NOANSWER: 'noAnswer',
  CANCEL: 'cancel',
  CONGESTION: 'congestion',
  CHANUNAVAIL: 'notFound',
  DONTCALL: 'cancel',
  TORTURE: 'cancel',
  INVALIDARGS: 'notFound',
};

/** The call's key: Linkedid (Asterisk 12+), Uniqueid for the older events that lack it. */
export function callIdOf(message: AmiMessage): string {
  return message.Linkedid ?? message.DestLinkedid ?? message.Uniqueid ?? '';
}

/** `<unknown>` and empty caller IDs are withheld numbers. */
export function numberLast4(raw: string | undefined): string | null {
  if (raw === undefined || raw === '' || raw === '<unknown>') return null;
  return lastFourDigits(raw);
}

/** A colleague's interface as the queue names it, digit runs longer than an extension cut to four. */
export function agentOf(message: AmiMessage): string | null {
  const name = message.Interface ?? message.MemberName ?? null;
  return name === null ? null : cutLongDigitRuns(name);
}

/** A transfer's target (an extension, a channel, a dialled number): its channel suffix dropped and long digit runs cut to four. */
export function targetOf(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  return cutLongDigitRuns(raw.replace(/-[0-9a-f]{8}(;\d)?$/i, ''));
}

/** An extension (up to four digits) stays; a run of five or more digits may be a phone number and keeps only its last four. */
export function cutLongDigitRuns(text: string): string {
  return text.replace(/\d{5,}/g, (run) => run.slice(-4));
}

export function numberOf(raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

/** CoreShowChannel's Duration, `HH:MM:SS`. */
export function secondsOf(duration: string | undefined): number {
  const [hours, minutes, secs, ...rest] = (duration ?? '').split(':').map(Number);
  if (hours === undefined || minutes === undefined || secs === undefined || rest.length > 0) return 0;
  const total = hours * 3600 + minutes * 60 + secs;
  return Number.isFinite(total) ? total : 0;
}
