/**
 * The team server's refusals (SQLSTATEs raised by its functions, migration
 * 0001) and what a connection failure means, in one line a desk can show.
 * Never includes the URL: it may hold a password.
 */
export const TEAM_ERRORS = {
  notADesk: 'HT001',
  staleIncarnation: 'HT002',
  leaseHeld: 'HT003',
  otherDesk: 'HT004',
  appVersion: 'HT005',
  badBatch: 'HT006',
  // Sign-off (migration 0003): the day is not over in the desk's zone, blockers remain, it is signed already, no such desk.
  dayNotOver: 'HT007',
  signOffBlocked: 'HT008',
  alreadySignedOff: 'HT009',
  noSuchDesk: 'HT010',
} as const;

export type TeamErrorKind = keyof typeof TEAM_ERRORS | 'unreachable' | 'authentication' | 'timeout' | 'server';

/** A failure talking to the team server, with its kind for the pusher and a message for people. */
export class TeamServerError extends Error {
  constructor(
    readonly kind: TeamErrorKind,
    message: string,
    readonly sqlState?: string,
  ) {
    super(message);
    this.name = 'TeamServerError';
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNABORTED']);

/** Maps what pg throws to a TeamServerError; passes one through. */
export function teamErrorOf(error: unknown): TeamServerError {
  if (error instanceof TeamServerError) return error;
  const e = (error ?? {}) as { code?: string; message?: string };
  const message = e.message ?? String(error);
  const own = Object.entries(TEAM_ERRORS).find(([, code]) => code === e.code);
  if (own) return new TeamServerError(own[0] as TeamErrorKind, message, e.code);
  if (e.code === '28P01' || e.code === '28000') return new TeamServerError('authentication', `the team server refused the login: ${message}`, e.code);
  if (e.code === '57014' || /timeout/i.test(message)) return new TeamServerError('timeout', `the team server did not answer in time: ${message}`, e.code);
  // 57P01-57P03: the server is shutting down or restarting; 08xxx: the connection broke.
  if ((e.code && (NETWORK_CODES.has(e.code) || /^(57P0|08)/.test(e.code))) || /terminat|Connection ended|not queryable|closed/i.test(message)) {
    return new TeamServerError('unreachable', `the team server is unreachable: ${message}`, e.code);
  }
  // The server cannot take it now, whatever the records say: 53xxx out of resources (too many connections, disk
  // full, memory), 58xxx a system or I/O error, 40xxx a serialization failure or deadlock, 55P03 a lock not
  // available. As 'server' errors the pusher took them for a refusal of the records and parked every one of
  // the batch (found by faults.test.ts with a desk's connections exhausted); they are waited out like a dead network.
  if (e.code && (/^(53|58|40)/.test(e.code) || e.code === '55P03')) {
    return new TeamServerError('unreachable', `the team server cannot take this now: ${message}`, e.code);
  }
  return new TeamServerError('server', message, e.code);
}
