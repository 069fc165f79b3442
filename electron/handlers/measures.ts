import { DateTime } from 'luxon';
import type { Kysely } from 'kysely';
import { HotlineError } from '../../shared/api/result';
import type { MeasureMetric, MeasureView } from '../../shared/api/stats';
import { cleanText } from '../../shared/domain/text';
import { localDate } from '../../shared/timing/localTime';
import { insertMeasure, listMeasureRows, updateMeasure } from '../store/measures';
import type { Database, MeasureRow } from '../store/schema';
import { sqliteStatsQueries, type StatsQueries } from '../store/statsQueries';
import { inWriteTransaction } from '../store/writeTransaction';
import { kpis } from '../stats/kpis';
import { requireDesk, requireRole, type Handler } from './context';
import { refuse } from '../../shared/i18n/refusals';

/** How long each side of an improvement's before/after comparison runs, at most. */
const WINDOW_DAYS = 30;

const shift = (date: string, days: number) => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;

/**
 * A measure's effect: its figure over the days from its start to `until` (30
 * at most) against the same number of days just before the start. `until` is
 * today, or a report's last day: a report of November judges by November.
 */
async function effectOf(q: StatsQueries, row: MeasureRow, until: string, now: number): Promise<MeasureView['effect']> {
  const lastAfter = [shift(row.start_date, WINDOW_DAYS - 1), until].sort()[0]!;
  const afterDays = Math.max(1, DateTime.fromISO(lastAfter).diff(DateTime.fromISO(row.start_date), 'days').days + 1);
  const beforeRange: [string, string] = [shift(row.start_date, -afterDays), shift(row.start_date, -1)];
  const afterRange: [string, string] = [row.start_date, lastAfter < row.start_date ? row.start_date : lastAfter];
  const metric = row.metric as MeasureMetric;
  const before = (await kpis(q, { from: beforeRange[0], to: beforeRange[1], now }))[metric];
  const after = row.start_date > until ? null : (await kpis(q, { from: afterRange[0], to: afterRange[1], now }))[metric];
  return { before, after, beforeRange, afterRange };
}

const toView = (row: MeasureRow, effect: MeasureView['effect']): MeasureView => ({
  id: row.id,
  problem: row.problem,
  rootCause: row.root_cause,
  measure: row.measure,
  owner: row.owner,
  deadline: row.deadline,
  startDate: row.start_date,
  metric: row.metric as MeasureMetric,
  effect,
});

/** The last day a measure's effect counts: today (the desk's), or a period's last day when that comes first. */
export function effectUntil(zone: string, at: number, period?: { to: string }): string {
  const today = localDate(at, zone);
  return period && period.to < today ? period.to : today;
}

/**
 * The measures, newest start first, each with its effect as of `at`; `inForce`
 * keeps those in force at some time in that period (the period report's), and
 * ends their "after" windows at its last day when that is before today.
 */
export async function measureViews(db: Kysely<Database>, zone: string, at: number, inForce?: { from: string; to: string }): Promise<MeasureView[]> {
  const until = effectUntil(zone, at, inForce);
  const q = sqliteStatsQueries(db);
  return Promise.all((await listMeasureRows(db, inForce)).map(async (row) => toView(row, await effectOf(q, row, until, at))));
}

/** The improvement measures table (优化措施表), each with its effect measured from the records. */
export const listMeasures: Handler<'listMeasures'> = async (_req, { db, now }) => {
  const desk = await requireDesk(db);
  return measureViews(db, desk.time_zone, now());
};

/** Team leads record a measure (problem, root cause, measure, owner, deadline, start, and the figure to judge it by). */
export const saveMeasure: Handler<'saveMeasure'> = async (req, { db, now, session }) => {
  const lead = await requireRole(db, session, ['team_lead', 'admin']);
  const fields = { problem: cleanText(req.problem), root_cause: cleanText(req.rootCause), measure: cleanText(req.measure), owner: cleanText(req.owner) };
  for (const [key, value] of Object.entries({ problem: fields.problem, rootCause: fields.root_cause, measure: fields.measure, owner: fields.owner })) {
    if (value === '') throw refuse('field_required', {}, key);
  }
  if (req.deadline < req.startDate) throw refuse('deadline_before_start', {}, 'deadline');
  const values = { ...fields, deadline: req.deadline, start_date: req.startDate, metric: req.metric };
  await inWriteTransaction(db, async (trx) => {
    if (req.id === undefined) await insertMeasure(trx, values, lead.name, now());
    else if (!(await updateMeasure(trx, req.id, values))) throw new HotlineError('not_found', 'There is no such measure.');
  });
  return listMeasures({}, { db, now, session });
};
