import type { Kysely } from 'kysely';
import type { CallEvent, QueueSnapshot } from '../../shared/telephony/callEvents';
import type { TelephonyStatus } from '../../shared/api/telephony';
import { connectAmi, parseAmiUrl, type AmiConnection, type OpenCallSeed } from '../telephony/ami';
import type { Database } from '../store/schema';
import { readTelephony, type TelephonySettings } from '../durability/telephonySettings';
import { saveQueueSnapshot } from '../store/phoneOutbox';
import { findDesk } from '../store/desk';
import { listUnendedPhoneCalls } from '../store/phoneCalls';
import { applyCallEvent, type PhoneEventOutcome } from '../records/phoneEvents';
import { describeError, log } from '../log';
import { openDeskCtiEndpoint } from './ctiEndpoint';

/**
 * The phone system's way into the desk, as the desktop app and browser mode
 * start it: the inputs the Telephony card (or the environment) turns on — the
 * Zammad-format CTI endpoint, Asterisk's Manager interface — feed one queue of
 * call events, applied one at a time in arrival order through the records
 * core (records/phoneEvents.ts). What each did goes to `onOutcome`, for the
 * desk's screen. Nothing configured: nothing starts.
 */
export interface RunningTelephony {
  /** Applies one event as an input would (the inputs call it; tests may too). */
  deliver(event: CallEvent): Promise<PhoneEventOutcome | null>;
  /** The CTI endpoint's address, when it runs. */
  cti: { host: string; port: number } | null;
  /** How the inputs stand: the Telephony card and the board show it. */
  status(): TelephonyStatus;
  stop(): Promise<void>;
}

export interface TelephonyOptions {
  file: string;
  db: Kysely<Database>;
  now?: () => number;
  /** The profile signed in at the desk now: a record the phone opens is their call. */
  atDesk: () => number | null;
  onOutcome: (outcome: PhoneEventOutcome) => void;
  env?: NodeJS.ProcessEnv;
  /** Reads the settings (the desktop app's unseals the AMI URL); default: the settings file and the environment. */
  readSettings?: () => TelephonySettings;
}

export async function startTelephony(options: TelephonyOptions): Promise<RunningTelephony | null> {
  const settings = options.readSettings?.() ?? readTelephony(options.file, options.env);
  if (!settings.ctiEnabled && settings.amiUrl === null) return null;
  const now = options.now ?? Date.now;
  // One event at a time, in arrival order: a call's answer never overtakes its offer on the way to the store.
  let queue: Promise<unknown> = Promise.resolve();
  const deliver = (event: CallEvent): Promise<PhoneEventOutcome | null> => {
    const applied = queue.then(async () => {
      try {
        const outcome = await applyCallEvent({ db: options.db, now, atDesk: options.atDesk }, event);
        options.onOutcome(outcome);
        return outcome;
      } catch (error) {
        // The call's key and kind only: an event holds no full number, and its error says nothing of one either.
        log.warn(`telephony: a ${event.kind} event of call ${event.callId} was not applied (${describeError(error)})`);
        return null;
      }
    });
    queue = applied;
    return applied;
  };
  let ctiProblem: TelephonyStatus['ctiProblem'] = null;
  // A push the desk could not apply is answered 500, so that the PBX or bridge may send it again (a replay changes nothing twice).
  const endpoint = settings.ctiEnabled
    ? await openDeskCtiEndpoint(
        options.file,
        async (event) => {
          if ((await deliver(event)) === null) throw new Error('the event was not applied');
        },
        (problem) => (ctiProblem = problem),
        (await findDesk(options.db))?.code ?? null,
      )
    : null;
  let ami: AmiConnection | null = null;
  let amiState: TelephonyStatus['ami'] = null;
  const queues = new Map<string, QueueSnapshot>();
  if (settings.amiUrl !== null) {
    if (settings.extension === null && settings.queues.length === 0) {
      log.warn('telephony: an AMI URL is set but no extension (HOTLINE_EXTENSION) nor queue (HOTLINE_AMI_QUEUES) to follow; not connecting');
      amiState = { state: 'refused', reason: 'no extension or queue to follow' };
    } else {
      const openCalls = await callsLeftOpen(options.db, parseAmiUrl(settings.amiUrl).pbx);
      ami = connectAmi(
        { url: settings.amiUrl, agent: settings.extension ?? '', queues: settings.queues, now, openCalls },
        (event) => void deliver(event),
        (snapshot) => {
          queues.set(snapshot.queue, snapshot);
          // Kept in SQLite too: the bulk worker's team sync reports it to the team board (team/phonePusher.ts).
          const { source, queue: name, waiting, longestWaitSec, available, at } = snapshot;
          saveQueueSnapshot(options.db, { pbx: source.pbx, queue: name, waiting, longest_wait_sec: longestWaitSec, available, at }).catch((error: unknown) =>
            log.warn(`telephony: queue ${name}'s snapshot was not kept (${describeError(error)})`),
          );
        },
        (next) => {
          amiState = next.state === 'retrying' || next.state === 'refused' ? { state: next.state, reason: next.reason } : { state: next.state };
          if (next.state === 'refused') log.warn(`telephony: the PBX refused the manager login (${next.reason}); fix the Telephony card's AMI URL`);
        },
      );
    }
  }
  return {
    deliver,
    cti: endpoint ? { host: endpoint.host, port: endpoint.port } : null,
    status: () => ({
      ami: amiState,
      extension: settings.extension,
      watchedQueues: settings.queues,
      clockOffsetMs: ami?.clockOffsetMs() ?? null,
      queues: [...queues.values()].map(({ queue: name, waiting, longestWaitSec, available, at }) => ({ queue: name, waiting, longestWaitSec, available, at })),
      cti: endpoint ? { host: endpoint.host, port: endpoint.port } : null,
      ctiProblem,
    }),
    stop: async () => {
      await ami?.close();
      await endpoint?.close();
      await queue;
    },
  };
}

/**
 * The PBX's calls the desk had open when its inputs last stopped (an app restart, a save of the
 * Telephony card): the new connection starts knowing them, so its first reconcile ends those no
 * longer up and leaves the others be, instead of losing the first or offering the second again.
 */
async function callsLeftOpen(db: Kysely<Database>, pbx: string): Promise<OpenCallSeed[]> {
  const rows = await listUnendedPhoneCalls(db, 'ami', pbx);
  return rows.map((row) => ({
    callId: row.call_id,
    direction: row.direction,
    mine: row.call_record_id !== null || row.direction === 'out',
    queue: row.queue,
    agent: row.agent,
    offeredAt: row.offered_at,
    answeredAt: row.answered_at,
  }));
}
