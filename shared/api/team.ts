/** The desk's link to the team server, as the status line and `hotline team status --json` show it. */
export type TeamStatus =
  | { linked: false }
  | {
      linked: true;
      role: 'desk' | 'team_lead' | 'admin';
      /** The server's count of this desk's incarnations (0 until first compared with the server). */
      epoch: number;
      /** Records with changes the server has not acknowledged (parked ones included). */
      waiting: number;
      lastPushAt: number | null;
      /** 'ok', or the kind of the last failure ('unreachable', 'timeout', 'leaseHeld', 'appVersion', …). */
      lastOutcome: string | null;
      /** Since when pushes fail for the network or the server being down; null while they go through. */
      unreachableSince: number | null;
      serverPolicyVersion: number | null;
      /** Entries the server refused for good: out of the queue's way, shown on the desk. */
      parked: Array<{ callId: number; recordNo: string; at: number; reason: string }>;
    };

/** Team scope as a lead's screens see it: available once a lead's or admin's URL is kept on this desk. */
export interface TeamScopeView {
  available: boolean;
  /** The team's desk codes (for the desk filter); empty when not available or not reachable. */
  desks: string[];
}
