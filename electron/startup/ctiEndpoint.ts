import type { TelephonyStatus } from '../../shared/api/telephony';
import type { CallEvent } from '../../shared/telephony/callEvents';
import { keepCtiEndpoint, newCtiToken, readCtiEndpoint } from '../durability/ctiEndpoint';
import { describeError, log } from '../log';
import { startCtiEndpoint, type RunningCtiEndpoint } from '../telephony/cti/endpoint';

/**
 * The desk's CTI endpoint, as the desktop app and browser mode start it: on
 * the host, port and token its settings file keeps (made at the first start and
 * kept for the next), so a PBX or softphone hook configured once keeps working.
 * A port taken by another program, or a LAN address this computer no longer
 * has, does not stop the desk from starting: it says so and runs without, and
 * `onNotStarted` hears why (the Telephony card's status shows it).
 */
export async function openDeskCtiEndpoint(
  dbFile: string,
  onEvent: (event: CallEvent) => void | Promise<void>,
  onNotStarted: (problem: NonNullable<TelephonyStatus['ctiProblem']>) => void = () => undefined,
  deskCode: string | null = null,
): Promise<RunningCtiEndpoint | null> {
  const kept = readCtiEndpoint(dbFile);
  // The PBX's name in each call's key: the one an admin set for a shared bridge, else this desk's own.
  const name = kept.pbxName ?? (deskCode === null ? 'cti' : `cti:${deskCode}`);
  const token = kept.token ?? newCtiToken();
  let endpoint: RunningCtiEndpoint;
  try {
    endpoint = await startCtiEndpoint({ host: kept.host, port: kept.port ?? 0, token, allowFrom: kept.allowFrom, onEvent, name });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why =
      code === 'EADDRINUSE'
        ? `port ${kept.port ?? 0} is in use by another program`
        : code === 'EADDRNOTAVAIL'
          ? `this computer has no address ${kept.host}`
          : describeError(error);
    log.warn(`CTI endpoint: not started (${why}); the phone system's pushes are not received`);
    onNotStarted(code === 'EADDRINUSE' ? { reason: 'portInUse', port: kept.port ?? 0 } : code === 'EADDRNOTAVAIL' ? { reason: 'noSuchAddress', host: kept.host } : { reason: 'failed' });
    return null;
  }
  try {
    keepCtiEndpoint(dbFile, { port: endpoint.port, token });
  } catch (error) {
    log.warn(`CTI endpoint: its port and token could not be kept in the settings file (${describeError(error)}); they change at the next start`);
  }
  // The address only: the token is the endpoint's secret.
  log.info(`CTI endpoint (Zammad format) listening on ${endpoint.host}:${endpoint.port}`);
  return endpoint;
}
