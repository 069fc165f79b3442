import type { Kysely } from 'kysely';
import { checkedPolicy } from '../records/policies';
import { saveVersion } from '../records/policyVersions';
import { findTeamLink, updateTeamLink } from '../store/outbox';
import type { Database, UserRow } from '../store/schema';
import { findUserByTeamId, insertTeamUser, latestPulledVersion, mapTeamVersion, updateTeamUser } from '../store/teamAuthored';
import { findUserByName, listUsers } from '../store/users';
import { inWriteTransaction } from '../store/writeTransaction';
import type { teamAuthored, TeamPolicyVersion, TeamProfile } from '../teamStore/authoredApi';

/**
 * What the team authors, pulled by the desk on the sync loop's 10 s beat: the
 * team's policy versions and its profiles. One small query when nothing
 * changed (teamAuthored.marks); the rest only when the server is ahead.
 */

type Authored = ReturnType<typeof teamAuthored>;

export interface PulledAuthored {
  policyVersions: number;
  profiles: number;
}

/**
 * Pulls what changed since the desk last looked. Runs in the bulk worker: the
 * re-judge of a back-dated team version runs right here, on the worker's own
 * connection, exactly as a local back-dated save does (records/policyVersions.ts).
 */
export async function pullAuthored(db: Kysely<Database>, server: Authored, now: () => number = Date.now): Promise<PulledAuthored> {
  const link = await findTeamLink(db);
  if (!link) return { policyVersions: 0, profiles: 0 };
  const marks = await server.marks();
  let policyVersions = 0;
  let profiles = 0;
  if (marks.policyVersion !== null && marks.policyVersion > (await latestPulledVersion(db))) {
    for (const version of await server.policyVersionsAfter(await latestPulledVersion(db))) {
      await saveTeamVersion(db, version, now());
      policyVersions++;
    }
  }
  if (marks.policyVersion !== link.server_policy_version) await updateTeamLink(db, { server_policy_version: marks.policyVersion });
  if (marks.profilesDigest !== link.profiles_digest) {
    profiles = await applyTeamProfiles(db, await server.profiles());
    await updateTeamLink(db, { profiles_digest: marks.profilesDigest });
  }
  return { policyVersions, profiles };
}

/**
 * Saves one team version through the records core's own path: a version
 * starting in the past re-judges its span (due times, verdicts), a signed-off
 * day included (the team's reason, else the version's, goes in the trail).
 */
async function saveTeamVersion(db: Kysely<Database>, version: TeamPolicyVersion, at: number): Promise<void> {
  // Checked again here: the desk judges by it, and a newer app's policy it cannot read must not be half-saved.
  const policy = checkedPolicy(version.json);
  await saveVersion(db, policy, {
    now: at,
    author: version.created_by,
    authorId: null,
    source: 'team',
    effectiveAt: version.effective_from,
    reason: version.reason ?? `team policy version ${version.version}`,
    alongside: (trx, policyId) => mapTeamVersion(trx, version.version, policyId, at),
  });
}

/**
 * The team's profiles onto the desk's, by team id (a local profile of the same
 * name, not yet the team's, is adopted and keeps its PIN). Name and role come
 * from the team; the PIN never does. A team profile is active here when the
 * team has it active and it has a PIN on this desk: one new to the desk has
 * none, so it starts inactive until a local admin gives it a PIN (the Team
 * screen), because a profile without a PIN would sign in with none. The
 * desk's last active admin is never taken away by a pull.
 */
export async function applyTeamProfiles(db: Kysely<Database>, team: readonly TeamProfile[]): Promise<number> {
  return inWriteTransaction(db, async (trx) => {
    const plans: Array<{ profile: TeamProfile; local: UserRow | undefined }> = [];
    for (const profile of team) {
      const byId = await findUserByTeamId(trx, profile.team_id);
      const byName = byId ? undefined : await findUserByName(trx, profile.name);
      plans.push({ profile, local: byId ?? (byName && byName.team_id === null ? byName : undefined) });
    }
    const activeAdmins = (await listUsers(trx)).filter((u) => u.role === 'admin' && u.active === 1);
    const usable = (local: UserRow, profile: TeamProfile) => profile.active && local.pin_hash !== null;
    const keepsAdmin = (local: UserRow, profile: TeamProfile) => local.role === 'admin' && local.active === 1 && !(profile.role === 'admin' && usable(local, profile));
    const losing = plans.filter((p) => p.local && keepsAdmin(p.local, p.profile)).map((p) => p.local!.id);
    const lastAdminGone = losing.length > 0 && activeAdmins.every((a) => losing.includes(a.id));
    // Renames first to a name no person has, so that two profiles swapping names never clash midway.
    for (const { profile, local } of plans) if (local && local.name !== profile.name) await updateTeamUser(trx, local.id, { name: `\u0000team ${profile.team_id}` });
    let changed = 0;
    for (const { profile, local } of plans) {
      if (!local) {
        await insertTeamUser(trx, { name: profile.name, role: profile.role, team_id: profile.team_id, created_at: profile.created_at });
        changed++;
        continue;
      }
      const guarded = lastAdminGone && losing.includes(local.id);
      const role = guarded ? local.role : profile.role;
      const active = guarded || usable(local, profile) ? 1 : 0;
      if (local.name !== profile.name || local.role !== role || local.active !== active || local.team_id !== profile.team_id) changed++;
      await updateTeamUser(trx, local.id, { name: profile.name, role, active, team_id: profile.team_id });
    }
    return changed;
  });
}
