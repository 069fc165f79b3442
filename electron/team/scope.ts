import type { StatsQueries } from '../store/statsQueries';
import { connectTeam, type TeamConnection } from '../teamStore/connect';
import { TeamServerError } from '../teamStore/errors';
import { loginKindOf, type TeamLoginKind } from '../teamStore/logins';
import { teamDeskCodes, teamStatsQueries } from '../teamStore/teamStatsQueries';

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
  close(): Promise<void>;
}

export function openTeamScope(url: string): TeamScope {
  let conn: TeamConnection | null = null;
  const connection = () => (conn ??= connectTeam(url, { kind: 'lead' }));
  return {
    stats: (desks) => teamStatsQueries({ query: (text, values) => connection().query(text, values) }, desks),
    desks: () => teamDeskCodes(connection()),
    close: async () => {
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
