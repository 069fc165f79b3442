import type { Kysely } from 'kysely';
import { defaultPolicy } from '../../shared/policy/defaults';
import { policySchema, type Policy } from '../../shared/policy/schema';
import { currentPolicy } from '../records/policies';
import { findDesk, insertDesk } from '../store/desk';
import { insertPolicy, listPolicyVersions } from '../store/policies';
import { lastSerialsOfDesk } from '../store/dailySerials';
import type { Database, DeskRow } from '../store/schema';
import { findUserByName, insertUser } from '../store/users';
import { inWriteTransaction } from '../store/writeTransaction';
import type { Person } from './callStory';
import { ADMIN_NAME, agentName, LEAD_NAME } from './vocabulary';

/** The desk, people and policies the demo calls belong to, set up through the store's own functions. */

export const DEMO_DESK_CODE = 'DEMO';
export const DEMO_ZONE = 'Asia/Shanghai';

/** The demo will not run as asked: the database already holds calls (and no append), or the last day is not over. */
export class DemoRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoRefusedError';
  }
}

/**
 * The desk as it is, or, on a fresh file, set up as setupDesk does it: desk DEMO
 * in Shanghai, policy version 1 (the defaults, in force from the start) and an admin.
 */
export async function ensureDesk(db: Kysely<Database>, zone: string, createdAt: number): Promise<DeskRow> {
  const desk = await inWriteTransaction(db, async (trx) => {
    const found = await findDesk(trx);
    if (found) return found;
    const row = { code: DEMO_DESK_CODE, time_zone: zone, agent_name: ADMIN_NAME, created_at: createdAt };
    await insertDesk(trx, row);
    await insertPolicy(trx, { effective_from: 0, created_at: createdAt, created_by: ADMIN_NAME, json: JSON.stringify(defaultPolicy(zone)) });
    await insertUser(trx, { name: ADMIN_NAME, role: 'admin', pin_hash: null, created_at: createdAt });
    return { id: 1, ...row };
  });
  // A desk set up before policies existed gets its version 1 here, as the handlers would give it.
  await currentPolicy(db);
  return desk;
}

/** `count` agents and one team lead, found by name or created (without a PIN). */
export async function ensureProfiles(db: Kysely<Database>, count: number, createdAt: number): Promise<{ agents: Person[]; lead: Person }> {
  return inWriteTransaction(db, async (trx) => {
    const profile = async (name: string, role: 'agent' | 'team_lead'): Promise<Person> => {
      const found = await findUserByName(trx, name);
      return { id: found ? found.id : await insertUser(trx, { name, role, pin_hash: null, created_at: createdAt }), name };
    };
    const agents: Person[] = [];
    for (let i = 0; i < count; i++) agents.push(await profile(agentName(i), 'agent'));
    return { agents, lead: await profile(LEAD_NAME, 'team_lead') };
  });
}

export interface PolicyVersionOf {
  id: number;
  effectiveFrom: number;
  policy: Policy;
}

/**
 * Every policy version, parsed once: each call is judged by the version in force
 * when it came in, and one parsed object per version keeps the calendar cache warm.
 */
export async function loadPolicies(db: Kysely<Database>): Promise<PolicyVersionOf[]> {
  const rows = await listPolicyVersions(db);
  return rows.map((r) => ({ id: r.id, effectiveFrom: r.effective_from, policy: policySchema.parse(JSON.parse(r.json)) }));
}

/** The last serial already taken on each local day of the desk (an empty map on a fresh desk). */
export async function lastSerials(db: Kysely<Database>, deskCode: string): Promise<Map<string, number>> {
  const rows = await lastSerialsOfDesk(db, deskCode);
  return new Map(rows.map((r) => [r.local_date, r.last_serial]));
}
