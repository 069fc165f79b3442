import type { TeamConnection } from '../teamStore/connect';
import { TeamServerError } from '../teamStore/errors';
import { grantedDeskRole, loginKindOf, serverSchemaVersion } from '../teamStore/logins';

/** The server's schema from which a lead's login may push its desk's calls (migration 0006's desk_login). */
const LEAD_DESK_SCHEMA = 6;

/**
 * Makes `conn` push as desk `deskCode`: a desk's own login as it is; a lead's
 * or admin's login granted that desk (`hotline team add-lead NAME --desk
 * CODE`) as the desk's login role, with SET LOCAL ROLE in each transaction, so
 * the server's my_desk(), its row-level security, the lease, the compare and
 * the pull-back all see the desk. Returns the kind of login it is. A lead's
 * login without the grant is refused with what to do.
 */
export async function actAsDesk(conn: TeamConnection, deskCode: string): Promise<'desk' | 'lead' | 'admin' | null> {
  conn.actAs(null);
  const kind = await loginKindOf(conn);
  if (kind !== 'lead' && kind !== 'admin') return kind;
  const version = await serverSchemaVersion(conn);
  if (version < LEAD_DESK_SCHEMA) {
    throw new TeamServerError('notADesk', `the team server's schema (version ${version}) predates a ${kind}'s desk pushing with the ${kind}'s URL: run hotline team init with the set-up URL, or join with the desk's own URL`);
  }
  const role = await grantedDeskRole(conn, deskCode);
  if (!role) {
    throw new TeamServerError(
      'notADesk',
      `this ${kind}'s login may not push desk ${deskCode}'s calls: on the team server, add-${kind} NAME --desk ${deskCode} makes a login that may, or join with the URL add-desk printed for ${deskCode}`,
    );
  }
  conn.actAs(role);
  return kind;
}
