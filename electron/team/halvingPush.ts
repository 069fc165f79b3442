import { TeamServerError } from '../teamStore/errors';

/**
 * How both pushers (records in pusher.ts, phone rows in phonePusher.ts) keep
 * one bad row from holding up the queue: a batch the server refuses for its
 * rows' data is sent again in halves, down to the one entry it refuses, which
 * is parked (shown on the desk, out of the queue's way) while the rest goes on.
 */

/** Any failure as the team server's error: a driver's or a bug's becomes kind 'server'. */
export const asTeamError = (error: unknown): TeamServerError =>
  error instanceof TeamServerError ? error : new TeamServerError('server', error instanceof Error ? error.message : String(error));

/**
 * A refusal of the rows' own data, the only kind that parks a row: a malformed
 * element (HT006), or the server's data and constraint errors (SQLSTATE classes
 * 22 and 23: a value too long, a CHECK). Anything else the server says (a
 * permission, a missing function, a TLS or certificate problem) is about the
 * server or its set-up: the queue waits for IT, with back-off, and goes on by
 * itself once fixed, rather than parking rows that would then wait for an edit.
 */
export const refusesTheRows = (why: TeamServerError): boolean => why.kind === 'badBatch' || /^2[23]/.test(why.sqlState ?? '');

/**
 * Sends `entries` with `send`; on a refusal `refuses` says is of the rows, each
 * half on its own, down to the single entry `park` puts aside. Any other failure
 * is thrown, as a TeamServerError. Returns how many entries were parked.
 */
export async function sendHalvingOnRefusal<E>(
  entries: readonly E[],
  send: (part: readonly E[]) => Promise<void>,
  park: (entry: E, why: TeamServerError) => Promise<void>,
  refuses: (why: TeamServerError) => boolean = refusesTheRows,
): Promise<number> {
  let parked = 0;
  const sendPart = async (part: readonly E[]): Promise<void> => {
    try {
      await send(part);
    } catch (error) {
      const why = asTeamError(error);
      if (!refuses(why)) throw why;
      if (part.length === 1) {
        await park(part[0]!, why);
        parked++;
        return;
      }
      const half = Math.ceil(part.length / 2);
      await sendPart(part.slice(0, half));
      await sendPart(part.slice(half));
    }
  };
  await sendPart(entries);
  return parked;
}
