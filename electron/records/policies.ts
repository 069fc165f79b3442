import type { Kysely } from 'kysely';
import type { PolicyVersion } from '../../shared/api/records';
import { HotlineError } from '../../shared/api/result';
import { hasLongDigitRun } from '../../shared/domain/privacy';
import { defaultPolicy } from '../../shared/policy/defaults';
import { policyProblems, policySchema, type Policy } from '../../shared/policy/schema';
import type { SavedPolicy } from '../../shared/api/policy';
import { saveVersion, type SaveVersionOptions } from './policyVersions';
import { findPolicy, insertPolicy, policyInForceAt } from '../store/policies';
import type { Database, PolicyRow } from '../store/schema';
import { requireDesk } from './deskAndUser';
import { refuseWhileTeamManages } from './teamPolicy';

/**
 * Policy versions never change once written, so each is parsed once per
 * database connection (keyed by connection: tests open many files in one process).
 */
const parsed = new WeakMap<Kysely<Database>, Map<number, Policy>>();

export function toVersion(row: PolicyRow, db: Kysely<Database>): PolicyVersion {
  let cache = parsed.get(db);
  if (!cache) parsed.set(db, (cache = new Map()));
  let policy = cache.get(row.id);
  if (!policy) {
    policy = policySchema.parse(JSON.parse(row.json));
    cache.set(row.id, policy);
  }
  return { version: row.id, effectiveFrom: row.effective_from, createdBy: row.created_by, policy };
}

/** The policy a record is judged by (its own version), else the current one. */
export async function policyOf(db: Kysely<Database>, version: number | null): Promise<PolicyVersion> {
  const row = version === null ? undefined : await findPolicy(db, version);
  return row ? toVersion(row, db) : currentPolicy(db);
}

/**
 * The version in force now (not the newest: a back-dated version may end where
 * a later one starts); a desk set up before policies existed gets the defaults
 * in its own zone.
 * @example const { policy } = await currentPolicy(db, ctx.now())
 */
export async function currentPolicy(db: Kysely<Database>, now: number = Date.now()): Promise<PolicyVersion> {
  const row = await policyInForceAt(db, now);
  if (row) return toVersion(row, db);
  const desk = await requireDesk(db);
  await insertPolicy(db, { effective_from: 0, created_at: 0, created_by: desk.agent_name, json: JSON.stringify(defaultPolicy(desk.time_zone)) });
  return currentPolicy(db, now);
}

/**
 * A checked policy, or a refusal listing every problem it has.
 * @example const policy = checkedPolicy(JSON.parse(text))
 */
export function checkedPolicy(candidate: unknown): Policy {
  const problems = policyProblems(candidate);
  if (problems.length > 0) {
    throw new HotlineError('invalid_policy', `The policy was not saved: ${problems.join('; ')}`, undefined, problems);
  }
  // The Policy screen checks the schema as it is typed; a phone-like number it cannot see is said as a refusal in the page's language.
  const phoneLike = phoneLikeText(candidate);
  if (phoneLike.length > 0) {
    throw new HotlineError('invalid_policy', `The policy was not saved: ${phoneLike.join('; ')}`, undefined, phoneLike, undefined, { code: 'phone_in_policy', params: { n: phoneLike.length } });
  }
  return policySchema.parse(candidate);
}

/**
 * A new version, in force from now on, or from a past date (the records of
 * its span are then re-judged, see records/policyVersions.ts). Without a date
 * records already logged keep the version they were judged by.
 * A policy with problems is refused whole, with every problem listed; any
 * local save is refused while the team server manages the policy.
 */
export async function savePolicyVersion(db: Kysely<Database>, candidate: unknown, options: SaveVersionOptions): Promise<SavedPolicy> {
  await refuseWhileTeamManages(db);
  return saveVersion(db, checkedPolicy(candidate), options);
}

/**
 * A policy is settings, never customer data: any text in it (a level's label or
 * key, a category name) holding a phone- or ID-like digit run is refused, where
 * free text on a record would be masked, because masking a key would change
 * what it refers to.
 */
function phoneLikeText(value: unknown, where = ''): string[] {
  const at = (key: string | number) => (where === '' ? String(key) : `${where}.${key}`);
  if (typeof value === 'string') return hasLongDigitRun(value) ? [`${where || '(policy)'}: a phone or ID number does not belong in a policy`] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => phoneLikeText(item, at(i)));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item], i) => {
    // A key holding the number is named by its place: the message must not repeat it.
    if (!hasLongDigitRun(key)) return phoneLikeText(item, at(key));
    return [`${at(`#${i + 1}`)}: a phone or ID number does not belong in a policy`, ...phoneLikeText(item, at(`#${i + 1}`))];
  });
}
