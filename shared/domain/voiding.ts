/**
 * Voiding a record logged by mistake (a New call pressed by accident): its
 * agent may within this many minutes of logging it, while it is fresh in mind;
 * later only a team lead or admin may, who can ask why.
 */
export const VOID_WINDOW_MINUTES = 10;

/**
 * Whether a record logged at `loggedAt` may still be voided by its own agent at `now`.
 * @example agentMayVoid(0, 10 * 60_000) === true
 */
export function agentMayVoid(loggedAt: number, now: number): boolean {
  return now - loggedAt <= VOID_WINDOW_MINUTES * 60_000;
}
