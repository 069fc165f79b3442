import type { TelephonyView } from '../../shared/api/telephony';
import { ctiUrlOf, keepCtiListening, readCtiEndpoint, type CtiListeningChanges } from '../durability/ctiEndpoint';
import { keepTelephony, readTelephony, type TelephonyChanges } from '../durability/telephonySettings';
import type { UrlSealer } from '../durability/teamUrl';
import { describeError, log } from '../log';
import { startTelephony, type RunningTelephony, type TelephonyOptions } from './telephony';

/**
 * The running app's telephony as the admin's Telephony card drives it: what
 * it shows (the settings, the environment's overrides, the CTI URL, the live
 * status) and a save that restarts the inputs in place — the AMI connection
 * and the CTI endpoint stop and start again with the new settings — without
 * restarting the app. The desktop app passes its safeStorage sealer for the
 * AMI URL; browser mode keeps it in the 0600 settings file. The card's
 * request (handlers/telephony.ts) checks the changes and adds what this
 * computer's network offers.
 */
export type TelephonyHostView = Omit<TelephonyView, 'lanAddresses'>;

export interface TelephonyHost {
  view(): TelephonyHostView;
  /** Keeps the changes and restarts the inputs on them (the endpoint keeps its token: a PBX's URL changes only in host or port). */
  save(changes: TelephonyChanges & CtiListeningChanges): Promise<TelephonyHostView>;
  /** Stops the inputs and starts them again from the settings (and the environment). */
  restart(): Promise<void>;
  /** The running inputs, if any (tests deliver events through them). */
  running(): RunningTelephony | null;
  stop(): Promise<void>;
}

export async function hostTelephony(options: TelephonyOptions & { sealer?: UrlSealer }): Promise<TelephonyHost> {
  const env = options.env ?? process.env;
  const readKept = () => {
    try {
      return readTelephony(options.file, env, options.sealer);
    } catch (error) {
      // A changed keyring or a moved profile: the desk runs on without AMI rather than failing; the admin types the URL again.
      log.warn(`telephony: the kept AMI URL cannot be opened with the system keychain (${describeError(error)}); set it again on the Telephony card`);
      return { ...readTelephony(options.file, env), ...(env.HOTLINE_AMI_URL ? {} : { amiUrl: null }) };
    }
  };
  let running: RunningTelephony | null = null;
  // Restarts run one after another: two saves in a row never leave two AMI connections open.
  let turn: Promise<unknown> = Promise.resolve();
  const restart = (): Promise<void> => {
    const next = turn.then(async () => {
      await running?.stop();
      running = null;
      try {
        running = await startTelephony({ ...options, env, readSettings: readKept });
      } catch (error) {
        log.warn(`telephony: not started (${describeError(error)})`);
      }
    });
    turn = next;
    return next;
  };
  await restart();
  const view = (): TelephonyHostView => {
    const kept = readKept();
    const endpoint = readCtiEndpoint(options.file);
    return {
      amiUrlSet: kept.amiUrl !== null,
      extension: kept.extension,
      queues: kept.queues,
      ctiEnabled: kept.ctiEnabled,
      fromEnv: kept.fromEnv,
      ctiUrl: kept.ctiEnabled ? ctiUrlOf(endpoint) : null,
      ctiHost: endpoint.host,
      ctiAllowFrom: endpoint.allowFrom,
      ctiPort: endpoint.port,
      status: running?.status() ?? null,
    };
  };
  return {
    view,
    save: async ({ ctiHost, ctiAllowFrom, ctiPort, ...changes }) => {
      keepCtiListening(options.file, { ctiHost, ctiAllowFrom, ctiPort });
      keepTelephony(options.file, changes, options.sealer);
      log.info('telephony: the Telephony card was saved; restarting the telephony inputs');
      await restart();
      return view();
    },
    restart,
    running: () => running,
    stop: async () => {
      await turn;
      await running?.stop();
      running = null;
    },
  };
}
