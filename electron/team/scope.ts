import type { StatsQueries } from '../store/statsQueries';
import { connectTeam, type TeamConnection } from '../teamStore/connect';
import { TeamServerError } from '../teamStore/errors';
import { loginKindOf, type TeamLoginKind } from '../teamStore/logins';
import { teamDeskCodes, teamStatsQueries } from '../teamStore/teamStatsQueries';
import { callsOnDay, readBoard } from '../teamStore/boardSql';
import type { TeamBoard } from '../../shared/api/board';
import { boardView } from './board';
import { teamRecordsPage, type TeamRecordKey } from '../teamStore/teamRecordsSql';
import { teamReviewAgents, teamReviewPage, type TeamReviewFilter, type TeamReviewRow } from '../teamStore/teamReviewSql';
import type { ReviewSort } from '../../shared/api/review';
import { listenToTeam, type TeamListener } from '../teamStore/listen';
import { leadSignOffs } from '../teamStore/signOffApi';
import type { TeamDayStatus } from '../../shared/api/team';
import { teamRecord, type TeamRecordOnServer } from '../teamStore/teamRecordSql';
import { leadInbox, type InboxEntry, type InboxMethod } from '../teamStore/inboxApi';

/**
 * Team scope: the team's records as a lead or an admin reads them, through
 * their own login (a lead's or admin's URL, kept beside the desk's database).
 * The connection opens at the first read and stays for the app's run; a lead's
 * app holds a small pool (a desk's holds one connection, and only to push).
 */
export interface TeamScope {
  /** The statistics' contract over every desk, or over `desks`. */
  stats(desks?: readonly string[]): StatsQueries;
  /** The team's desk codes, in order. */
  desks(): Promise<string[]>;
  /** The team board on the server's clock; `today` is the local date whose calls the desks' counts show. */
  board(today: string, warningAt: number): Promise<TeamBoard>;
  /** The Review list over the team's records: the desk's filters, one page at a time. */
  review(filter: TeamReviewFilter, paging: { sort: ReviewSort; dir: 'asc' | 'desc'; limit: number; offset: number }, now: number): Promise<{ total: number; rows: TeamReviewRow[] }>;
  /** Everyone who logged calls in the range, on any desk or one. */
  reviewAgents(range: { from: string; to: string; deskCode?: string | undefined }): Promise<string[]>;
  /** The team's records of a period, whole, a page at a time in (desk, record number) order (the team export). */
  records(range: { from: string; to: string; desks?: readonly string[] }, after: TeamRecordKey | null, limit: number): ReturnType<typeof teamRecordsPage>;
  /** The sign-off panel: each desk's day (every desk of the team, or `desks`), and the server's clock. */
  signOffDays(date: string, desks?: readonly string[]): Promise<{ serverNow: number; days: TeamDayStatus[] }>;
  /** One desk's day as the server has it; undefined when the server has no such desk. */
  signOffDay(desk: string, date: string): Promise<TeamDayStatus | undefined>;
  /** Signs the desk's day off in `by`'s name (hotline_team.sign_off_day: refused with a TeamServerError when it may not be). */
  signOff(desk: string, date: string, by: string): Promise<void>;
  /** Another desk's record as the server holds it (audit included), and the inbox entries sent for it; undefined when the server has none. */
  record(deskCode: string, recordNo: string): Promise<(TeamRecordOnServer & { inbox: InboxEntry[] }) | undefined>;
  /** Puts a lead's change for another desk's record in the team inbox, in the lead's login's name; returns the entry's id. */
  send(entry: { deskCode: string; recordNo: string; method: InboxMethod; payload: Record<string, unknown>; createdBy: string }): Promise<number>;
  /**
   * Follows the desks' pushes (LISTEN on one connection of its own): `onChange`
   * gets each desk and mark, and null after each (re)connection, when notices
   * may have been missed. Until close().
   */
  follow(onChange: (notice: { desk: string; seq: number } | null) => void): void;
  close(): Promise<void>;
}

export function openTeamScope(url: string): TeamScope {
  let conn: TeamConnection | null = null;
  let listener: TeamListener | null = null;
  const connection = () => (conn ??= connectTeam(url, { kind: 'lead' }));
  return {
    // Connected at the first read, not when the screen merely asks whether team scope exists.
    stats: (desks) => teamStatsQueries({ query: (text, values) => connection().query(text, values), get pool() { return connection().pool; } }, desks),
    desks: () => teamDeskCodes(connection()),
    board: async (today, warningAt) => {
      const [board, counts] = await Promise.all([readBoard(connection()), callsOnDay(connection(), today)]);
      return boardView(board, counts, warningAt);
    },
    records: (range, after, limit) => teamRecordsPage(connection(), range, after, limit),
    record: async (deskCode, recordNo) => {
      const [record, inbox] = await Promise.all([teamRecord(connection(), deskCode, recordNo), leadInbox(connection()).forRecord(deskCode, recordNo)]);
      return record && { ...record, inbox };
    },
    send: (entry) => leadInbox(connection()).send(entry),
    review: (filter, paging, now) => teamReviewPage(connection(), filter, paging, now),
    reviewAgents: (range) => teamReviewAgents(connection(), range),
    signOffDays: async (date, desks) => leadSignOffs(connection()).days(date, desks ?? (await teamDeskCodes(connection()))),
    signOffDay: (desk, date) => leadSignOffs(connection()).day(desk, date),
    signOff: async (desk, date, by) => {
      await leadSignOffs(connection()).signOff(desk, date, by);
    },
    follow: (onChange) => {
      listener ??= listenToTeam(url, (n) => onChange({ desk: n.desk, seq: n.seq }), () => onChange(null));
    },
    close: async () => {
      await listener?.stop();
      listener = null;
      await conn?.close();
      conn = null;
    },
  };
}

/** What a URL's login is on the team server (a desk's, a lead's, an admin's), before a desk keeps it; refused when none of the team's. */
export async function loginKindOfUrl(url: string): Promise<TeamLoginKind> {
  const conn = connectTeam(url, { kind: 'lead' });
  try {
    const kind = await loginKindOf(conn);
    if (!kind) throw new TeamServerError('notADesk', 'this URL is no login of the team: give one that `hotline team add-desk`, `add-lead` or `add-admin` printed');
    return kind;
  } finally {
    await conn.close();
  }
}
