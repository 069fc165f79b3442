import type { Kysely } from 'kysely';
import { refuse } from '../../shared/i18n/refusals';
import { findTeamLink } from '../store/outbox';
import type { Database } from '../store/schema';

/**
 * While a desk is linked to a team server that has a team policy, the policy
 * is the team's: the desk saves only the versions it pulls (team/authored.ts),
 * and its own Policy screen and `hotline policy import` are refused. Leaving
 * the team gives the desk its policy back (the versions it pulled stay).
 */
export async function teamManagesPolicy(db: Kysely<Database>): Promise<boolean> {
  const link = await findTeamLink(db);
  return link !== undefined && link.server_policy_version !== null;
}

/** Refuses a local policy save or its preview while the team manages the policy. */
export async function refuseWhileTeamManages(db: Kysely<Database>): Promise<void> {
  if (await teamManagesPolicy(db)) throw refuse('team_policy', {}, undefined, 'forbidden');
}
