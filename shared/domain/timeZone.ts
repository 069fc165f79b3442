import { IANAZone } from 'luxon';

/** A desk's IANA time zone, as typed: whether it names one, and its canonical spelling. */

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The canonical spelling of a zone name ('asia/shanghai' → 'Asia/Shanghai'). */
export function canonicalTimeZone(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}
