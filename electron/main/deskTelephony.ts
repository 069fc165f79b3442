import type { Kysely } from 'kysely';
import { eventHub, EVERY_PROFILE, type EventHub } from '../records/eventHub';
import type { Database } from '../store/schema';
import { hostTelephony, type TelephonyHost } from '../startup/telephonyControl';
import { keychainSealer } from './teamSecret';

/**
 * The desktop app's telephony, started as browser mode starts it
 * (electron/cli/serve.ts): the Telephony card's inputs, or HOTLINE_AMI_URL and
 * friends, with the AMI URL sealed by safeStorage as the team URL is. A record
 * the phone opens is the call of whoever sits at the desk: the profile of the
 * window most recently signed in (`atDesk`, from ipc.ts). What each event did
 * goes to every window as the `phoneCall` event.
 */
export function startDeskTelephony(options: {
  file: string;
  db: Kysely<Database>;
  atDesk: () => number | null;
  env?: NodeJS.ProcessEnv;
  events?: EventHub;
}): Promise<TelephonyHost> {
  const events = options.events ?? eventHub;
  const sealer = keychainSealer('telephony', 'the AMI URL');
  return hostTelephony({
    file: options.file,
    db: options.db,
    atDesk: options.atDesk,
    onOutcome: (news) => events.emit('phoneCall', news, EVERY_PROFILE),
    ...(options.env ? { env: options.env } : {}),
    ...(sealer ? { sealer } : {}),
  });
}
