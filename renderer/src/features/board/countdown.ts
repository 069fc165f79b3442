/** A span as the board shows it: h:mm:ss from an hour up, m:ss below. */
export function spanText(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * The server's clock now, from its reading at `serverNow` when the board
 * arrived at `receivedAt` (this computer's clock): countdowns run on the
 * server's clock, whatever this PC's says.
 */
export const serverClock = (serverNow: number, receivedAt: number, localNow: number): number => serverNow + (localNow - receivedAt);
