import type { TeamConnection } from './connect';
import { TeamServerError } from './errors';

/**
 * What the team authors (migration 0001's hotline_team.policy_versions and
 * hotline_team.profiles): admins write them, desks and leads read them under
 * row-level security. Profiles have no PIN column: PINs stay on each desk.
 */

export type TeamRole = 'agent' | 'team_lead' | 'admin';

export interface TeamPolicyVersion {
  version: number;
  effective_from: number;
  created_at: number;
  created_by: string;
  /** The policy as the admin imported it (checked by shared/policy/schema.ts before it was written). */
  json: unknown;
  reason: string | null;
}

export interface TeamProfile {
  team_id: string;
  name: string;
  role: TeamRole;
  active: boolean;
  created_at: number;
}

/**
 * What a desk compares with what it has, every 10 s: the newest policy version
 * and a digest of every profile (id, name, role, active). One small query; the
 * profiles table has no change column, and a digest also sees a rename.
 */
export interface AuthoredMarks {
  policyVersion: number | null;
  profilesDigest: string | null;
}

const VERSION_COLUMNS = 'version, effective_from, created_at, created_by, json, reason';
const PROFILE_COLUMNS = 'team_id::text AS team_id, name, role, active, created_at';

/** Reads, for desks, leads and admins alike. */
export function teamAuthored(conn: TeamConnection) {
  return {
    async marks(): Promise<AuthoredMarks> {
      const { rows } = await conn.query<{ policy: number | null; digest: string | null }>(
        `SELECT (SELECT max(version) FROM hotline_team.policy_versions) AS policy,
                (SELECT md5(string_agg(team_id::text || '|' || name || '|' || role || '|' || active::text, ',' ORDER BY team_id)) FROM hotline_team.profiles) AS digest`,
      );
      return { policyVersion: rows[0]?.policy ?? null, profilesDigest: rows[0]?.digest ?? null };
    },
    /** The versions after `version`, oldest first: a desk saves them in the order they were written. */
    async policyVersionsAfter(version: number): Promise<TeamPolicyVersion[]> {
      const { rows } = await conn.query<TeamPolicyVersion>(`SELECT ${VERSION_COLUMNS} FROM hotline_team.policy_versions WHERE version > $1 ORDER BY version`, [version]);
      return rows;
    },
    async latestPolicy(): Promise<TeamPolicyVersion | undefined> {
      const { rows } = await conn.query<TeamPolicyVersion>(`SELECT ${VERSION_COLUMNS} FROM hotline_team.policy_versions ORDER BY version DESC LIMIT 1`);
      return rows[0];
    },
    async profiles(): Promise<TeamProfile[]> {
      const { rows } = await conn.query<TeamProfile>(`SELECT ${PROFILE_COLUMNS} FROM hotline_team.profiles ORDER BY name`);
      return rows;
    },
  };
}

/** An admin's writes (row-level security lets only hotline_admin insert and update). */
export function adminAuthored(conn: TeamConnection) {
  return {
    /** A new team policy version, in force from `effectiveFrom` (epoch ms); returns its version number. */
    async addPolicyVersion(v: { effectiveFrom: number; createdBy: string; json: unknown; reason: string | null }): Promise<number> {
      const { rows } = await conn.query<{ version: number }>('INSERT INTO hotline_team.policy_versions (effective_from, created_by, json, reason) VALUES ($1, $2, $3, $4) RETURNING version', [
        v.effectiveFrom,
        v.createdBy,
        JSON.stringify(v.json),
        v.reason,
      ]);
      return rows[0]!.version;
    },
    async addProfile(p: { name: string; role: TeamRole }): Promise<TeamProfile> {
      try {
        const { rows } = await conn.query<TeamProfile>(`INSERT INTO hotline_team.profiles (name, role) VALUES ($1, $2) RETURNING ${PROFILE_COLUMNS}`, [p.name, p.role]);
        return rows[0]!;
      } catch (error) {
        throw nameTaken(error, p.name);
      }
    },
    /** Renames, re-roles or (de)activates a profile by its team id; its id stays, so desks follow it. */
    async updateProfile(teamId: string, changes: { name?: string; role?: TeamRole; active?: boolean }): Promise<TeamProfile | undefined> {
      try {
        const { rows } = await conn.query<TeamProfile>(
          `UPDATE hotline_team.profiles SET name = coalesce($2, name), role = coalesce($3, role), active = coalesce($4, active) WHERE team_id = $1::uuid RETURNING ${PROFILE_COLUMNS}`,
          [teamId, changes.name ?? null, changes.role ?? null, changes.active ?? null],
        );
        return rows[0];
      } catch (error) {
        throw nameTaken(error, changes.name ?? '');
      }
    },
  };
}

/** 23505 on profiles' name: said as such rather than as the server's constraint text. */
function nameTaken(error: unknown, name: string): unknown {
  if (error instanceof TeamServerError && error.sqlState === '23505') return new TeamServerError('server', `the team has a profile named "${name}" already`, error.sqlState);
  return error;
}
