import { inTeamTransaction, connectTeam } from './connect';
import { TeamServerError } from './errors';
import { newPassword, scramVerifier } from './scram';

export type TeamLoginKind = 'desk' | 'lead' | 'admin';

const GROUP: Record<TeamLoginKind, string> = { desk: 'hotline_desk', lead: 'hotline_lead', admin: 'hotline_admin' };

/** The LOGIN role of a desk, lead or admin: the group's name and theirs (PostgreSQL allows 63 bytes). */
export function loginRoleName(kind: TeamLoginKind, name: string): string {
  return `${GROUP[kind]}_${name.trim()}`;
}

export interface NewLogin {
  role: string;
  /** The URL that login connects with: the set-up URL's server, database and TLS settings, its own name and new password. */
  url: string;
}

/**
 * Creates a desk's, lead's or admin's LOGIN role with a random password (sent
 * to the server as a SCRAM verifier only), in its group role, and for a desk
 * its desks row, all in one transaction. The password is in the returned URL
 * and nowhere else. A lead or admin given `desk` (the desk at their own PC) is
 * granted that desk's login role, so that the one URL also pushes that desk's
 * calls (with SET LOCAL ROLE, migration 0006); from PostgreSQL 16 the grant
 * inherits nothing, so the lead's own reads never carry the desk's rights.
 */
export async function addTeamLogin(setupUrl: string, kind: TeamLoginKind, name: string, options: { desk?: string } = {}): Promise<NewLogin> {
  const role = loginRoleName(kind, name);
  if (name.trim() === '') throw new TeamServerError('server', `a ${kind} needs a name`);
  const desk = options.desk?.trim();
  if (desk !== undefined && kind === 'desk') throw new TeamServerError('server', 'a desk pushes its own calls: --desk is for a lead or an admin');
  if (Buffer.byteLength(role, 'utf8') > 63) throw new TeamServerError('server', `"${role}" is longer than PostgreSQL's 63 bytes for a role name: choose a shorter ${kind === 'desk' ? 'code' : 'name'}`);
  const password = newPassword();
  const { pool, close } = connectTeam(setupUrl, { kind: 'setup' });
  try {
    await inTeamTransaction(pool, async (client) => {
      const exists = await client.query('SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1', [role]);
      if (exists.rowCount) throw new TeamServerError('server', `the role "${role}" exists already`);
      const ident = (await client.query<{ q: string }>('SELECT quote_ident($1) AS q', [role])).rows[0]?.q ?? '';
      const verifier = (await client.query<{ q: string }>('SELECT quote_literal($1) AS q', [scramVerifier(password)])).rows[0]?.q ?? '';
      await client.query(`CREATE ROLE ${ident} LOGIN PASSWORD ${verifier} IN ROLE ${GROUP[kind]}`);
      if (kind === 'desk') {
        await client.query('SET LOCAL ROLE hotline_team_owner');
        const taken = await client.query('SELECT 1 FROM hotline_team.desks WHERE desk_code = $1', [name.trim()]);
        if (taken.rowCount) throw new TeamServerError('server', `desk ${name.trim()} exists already on the team server`);
        await client.query('INSERT INTO hotline_team.desks (desk_code, role_name) VALUES ($1, $2)', [name.trim(), role]);
      }
      if (desk) {
        await client.query('SET LOCAL ROLE hotline_team_owner');
        const found = await client.query<{ role_name: string }>('SELECT role_name FROM hotline_team.desks WHERE desk_code = $1', [desk]);
        // Back to the set-up role: the owner may not grant roles.
        await client.query('RESET ROLE');
        const deskRole = found.rows[0]?.role_name;
        if (!deskRole) throw new TeamServerError('noSuchDesk', `there is no desk ${desk} on the team server: add it first (hotline team add-desk ${desk})`);
        const deskIdent = (await client.query<{ q: string }>('SELECT quote_ident($1) AS q', [deskRole])).rows[0]?.q ?? '';
        const version = Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]?.v ?? 0);
        await client.query(`GRANT ${deskIdent} TO ${ident}${version >= 160000 ? ' WITH INHERIT FALSE' : ''}`);
      }
    });
  } finally {
    await close();
  }
  const url = new URL(setupUrl);
  url.username = encodeURIComponent(role);
  url.password = password;
  return { role, url: url.toString() };
}

/**
 * What a URL's login is on the team server: a desk's (it pushes), a lead's or
 * an admin's (it reads team scope), or none of the team's. Direct membership,
 * as the server's own functions read it (a superuser is a member of every role).
 */
export async function loginKindOf(conn: Pick<ReturnType<typeof connectTeam>, 'query'>): Promise<TeamLoginKind | null> {
  const { rows } = await conn.query<{ rolname: string }>(
    `SELECT g.rolname FROM pg_catalog.pg_auth_members m
       JOIN pg_catalog.pg_roles g ON g.oid = m.roleid JOIN pg_catalog.pg_roles u ON u.oid = m.member
     WHERE u.rolname = current_user AND g.rolname IN ('hotline_desk', 'hotline_lead', 'hotline_admin')`,
  );
  const groups = new Set(rows.map((r) => r.rolname));
  return groups.has('hotline_admin') ? 'admin' : groups.has('hotline_lead') ? 'lead' : groups.has('hotline_desk') ? 'desk' : null;
}

/**
 * The desk login role this session may act as for `deskCode`: granted to a
 * lead's or admin's login by `add-lead NAME --desk CODE`; undefined when it
 * was not (or the login is the desk's own).
 */
export async function grantedDeskRole(conn: Pick<ReturnType<typeof connectTeam>, 'query'>, deskCode: string): Promise<string | undefined> {
  const { rows } = await conn.query<{ role_name: string }>(
    `SELECT d.role_name FROM hotline_team.desks d
      WHERE d.desk_code = $1 AND d.role_name <> session_user AND pg_catalog.pg_has_role(session_user, d.role_name, 'MEMBER')`,
    [deskCode],
  );
  return rows[0]?.role_name;
}

/** The team schema's version on the server (meta, which every desk and lead reads). */
export async function serverSchemaVersion(conn: Pick<ReturnType<typeof connectTeam>, 'query'>): Promise<number> {
  const { rows } = await conn.query<{ v: number }>('SELECT schema_version AS v FROM hotline_team.meta WHERE id = 1');
  return rows[0]?.v ?? 0;
}
