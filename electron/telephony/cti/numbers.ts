import crypto from 'node:crypto';
import { lastFourDigits, toAsciiDigits } from '../../../shared/domain/privacy';

/**
 * What the CTI adapter does to every value a phone system sends it before
 * anything else sees it. `from` and `to` are cut to their last four digits
 * (shared/domain/privacy.ts). The other fields are meant to hold names, queues,
 * extensions and ids, but a bridge may put a number in any of them (an agent's
 * mobile as answeringNumber, the caller's number as callId): a run of seven or
 * more digits is treated as a phone number there. Seven, not the eleven that
 * free text uses, because a local number without its area code has seven or
 * eight, and these fields have no reason to hold a long digit run at all.
 */

/** Up to two separators between digits of one number, as people and PBXes write them (the privacy module's set, plus '/'). */
const NUMBER_LIKE = /[+\uFF0B]?\d(?:[ \u00A0\u3000.\-/\u2010-\u2015\u2212\uFF0D\uFF0E()\uFF08\uFF09]{0,2}\d){6,}/g;

/** A caller's or callee's number as the desk may keep it: its last four digits, or null ('anonymous', withheld, too short). */
export function lastFourOf(number: string | undefined): string | null {
  return number === undefined ? null : lastFourDigits(number);
}

/**
 * A name, queue or extension with every number-like run cut to its last four digits.
 * @example cutNumberRuns('Emma 0171 5557 1600') === 'Emma ****1600'
 */
export function cutNumberRuns(text: string): string {
  return toAsciiDigits(text).replace(NUMBER_LIKE, (run) => `****${run.replace(/\D/g, '').slice(-4)}`);
}

/**
 * The call's key as the desk keeps it. Ids such as Zammad's examples
 * ("f4ebd2be-…", "5fb9532f40da834a") stay as they are, so an admin can follow
 * a call in the PBX's own log. An id holding a number-like run (a PBX that keys
 * calls by the caller's number, or Asterisk's "1716212345.42") becomes a hash
 * of itself: the same id gives the same key on every event of the call, and
 * the number cannot be read back. The hash is written in letters only, so that
 * no log or scan ever sees a digit run in it.
 */
export function callKeyOf(callId: string): string {
  const ascii = toAsciiDigits(callId);
  if (!new RegExp(NUMBER_LIKE.source).test(ascii)) return callId;
  const hex = crypto.createHash('sha256').update(ascii).digest('hex').slice(0, 24);
  return `h-${hex.replace(/[0-9]/g, (d) => String.fromCharCode(0x67 + Number(d)))}`;
}
