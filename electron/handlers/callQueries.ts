import { localDate } from '../../shared/timing/localTime';
import { lastStepTimes, listCallsOfDay, listTransfersOf, suggestReasons as suggest } from '../store/calls';
import { listMissReasons } from '../store/missReasons';
import { loadRecord } from '../records/callRecord';
import { toCallSummary } from '../records/callView';
import { requireDesk, type Handler } from './context';
import { refuse } from '../../shared/i18n/refusals';

export const getCall: Handler<'getCall'> = (req, { db }) => loadRecord(db, req.id);

/** A day's records on this desk, newest first; today (in the desk's zone) when no date is given. */
export const listDay: Handler<'listDay'> = async (req, { db, now }) => {
  const desk = await requireDesk(db);
  const date = req.date ?? localDate(now(), desk.time_zone);
  if (Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw refuse('not_a_date', { date }, 'date');
  }
  const rows = await listCallsOfDay(db, desk.code, date);
  const ids = rows.map((r) => r.id);
  const [transfers, lastSteps, reasons] = await Promise.all([listTransfersOf(db, ids), lastStepTimes(db, ids), listMissReasons(db, ids)]);
  const records = rows.map((row) =>
    toCallSummary(
      row,
      transfers.filter((t) => t.call_id === row.id),
      lastSteps.get(row.id) ?? null,
      reasons.filter((r) => r.call_id === row.id),
    ),
  );
  return { date, timeZone: desk.time_zone, records };
};

export const suggestReasons: Handler<'suggestReasons'> = (req, { db }) => suggest(db, req.prefix.trim());
