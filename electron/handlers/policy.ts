import Holidays from 'date-holidays';
import { HotlineError } from '../../shared/api/result';
import { refuse } from '../../shared/i18n/refusals';
import { checkedPolicy, currentPolicy, policyOf, savePolicyVersion, toVersion } from '../records/policies';
import { policyTrail, previewVersion } from '../records/policyVersions';
import { findPolicy } from '../store/policies';
import { teamManagesPolicy } from '../records/teamPolicy';
import { requireRole, type Handler } from './context';

/** The policy's requests; its rules (versions, checks, the one in force) are records/policies.ts. */
export const getPolicy: Handler<'getPolicy'> = async (req, { db, now }) => {
  const managedByTeam = await teamManagesPolicy(db);
  if (req.version === undefined) return { ...(await currentPolicy(db, now())), managedByTeam };
  const row = await findPolicy(db, req.version);
  if (!row) throw new HotlineError('not_found', `There is no policy version ${req.version}.`);
  return { ...toVersion(row, db), managedByTeam };
};

/** Admins only: the policy holds the whole team to its targets. */
export const savePolicy: Handler<'savePolicy'> = async (req, { db, now, session, bulk }) => {
  const admin = await requireRole(db, session, ['admin']);
  // The re-judge of a back-dated version runs in the bulk worker where there is one: a year of records takes a while.
  return savePolicyVersion(db, req.policy, { now: now(), author: admin.name, authorId: admin.id, source: 'screen', effectiveFrom: req.effectiveFrom, reason: req.reason, ...(bulk ? { runner: bulk } : {}) });
};

/** Admins only, like saving: what a save would re-judge, before anything changes. */
export const previewPolicy: Handler<'previewPolicy'> = async (req, { db, now, session }) => {
  await requireRole(db, session, ['admin']);
  return previewVersion(db, checkedPolicy(req.policy), req.effectiveFrom, now());
};

/** Admins only: the policy-level trail, newest first. */
export const policyHistory: Handler<'policyHistory'> = async (_req, { db, session }) => {
  await requireRole(db, session, ['admin']);
  return policyTrail(db, (id) => policyOf(db, id));
};

/**
 * A country's public holidays from date-holidays, a maintained data package, for
 * the admin to pick from. It knows no make-up working days (调休): those come
 * with the official schedule import.
 */
export const suggestHolidays: Handler<'suggestHolidays'> = async (req) => {
  if (!(req.country in new Holidays().getCountries())) {
    throw refuse('no_holiday_data', { country: req.country }, 'country');
  }
  return new Holidays(req.country)
    .getHolidays(req.year)
    .filter((h) => h.type === 'public')
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
};
