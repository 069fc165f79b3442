import { BOARD_SILENT_MS } from '../../../../shared/api/board';
import type { TeamDayStatus } from '../../../../shared/api/team';

/**
 * Whether a desk's day may be signed off from the panel, and what the lead is
 * asked to confirm first. The server decides in the end (sign_off_day); this
 * says it beside the button before a click, as the desk's own DaySignOff does.
 */
export type Readiness =
  | { can: false; why: 'signed' | 'notOver' | 'blocked' }
  | {
      can: true;
      /** Reasons to ask first: changes still waiting at the desk (or never said), or the desk silent. Empty: sign at once. */
      warnings: Array<{ kind: 'waiting'; n: number } | { kind: 'unknown' } | { kind: 'silent'; lastSeenAt: number | null }>;
    };

/** Not heard from for longer than the board calls silent (BOARD_SILENT_MS), on the server's clock. */
export const isSilent = (day: Pick<TeamDayStatus, 'lastSeenAt'>, serverNow: number): boolean => day.lastSeenAt === null || serverNow - day.lastSeenAt > BOARD_SILENT_MS;

/** `serverNow`: the server's clock now (as the board keeps it running between reads). */
export function readinessOf(day: TeamDayStatus, serverNow: number): Readiness {
  if (day.signedOff) return { can: false, why: 'signed' };
  if (!day.over) return { can: false, why: 'notOver' };
  if (day.blockers.length > 0) return { can: false, why: 'blocked' };
  const warnings: Extract<Readiness, { can: true }>['warnings'] = [];
  if (day.waiting === null) warnings.push({ kind: 'unknown' });
  else if (day.waiting > 0) warnings.push({ kind: 'waiting', n: day.waiting });
  // Silent as on the board: what it said about its waiting changes may be old, and it may hold more.
  if (isSilent(day, serverNow)) warnings.push({ kind: 'silent', lastSeenAt: day.lastSeenAt });
  return { can: true, warnings };
}
