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
 * and nowhere else.
 */
export async function addTeamLogin(setupUrl: string, kind: TeamLoginKind, name: string): Promise<NewLogin> {
  const role = loginRoleName(kind, name);
  if (name.trim() === '') throw new TeamServerError('server', `a ${kind} needs a name`);
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
