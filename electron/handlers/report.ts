import { HotlineError } from '../../shared/api/result';
import { computeStats } from '../stats';
import { breachesOf, desksInRange } from '../stats/breaches';
import { sqliteStatsQueries } from '../store/statsQueries';
import { requireDesk, requireRole, type Handler } from './context';
import { effectUntil, measureViews } from './measures';
import { currentPolicy } from '../records/policies';
import { refuse } from '../../shared/i18n/refusals';

/** The report goes to management: team leads and admins make it, as they sign days off and record measures. */
const LEADS = ['team_lead', 'admin'] as const;

/**
 * Everything the period report prints, computed at one instant so that its
 * figures, breaches and measures agree with each other and with "generated at".
 */
export const getReport: Handler<'getReport'> = async (req, { db, now, session }) => {
  const lead = await requireRole(db, session, LEADS);
  const desk = await requireDesk(db);
  if (req.to < req.from) throw refuse('range_reversed', {}, 'to');
  if (req.compareFrom !== undefined && req.compareTo !== undefined && req.compareTo < req.compareFrom) {
    throw refuse('compared_range_reversed', {}, 'compareTo');
  }
  const at = now();
  // The version in force at the report's own instant, as Statistics judges by (stats.ts).
  const { policy } = await currentPolicy(db, at);
  const period = { from: req.from, to: req.to };
  const range = { ...period, now: at };
  const compared = req.compareFrom !== undefined && req.compareTo !== undefined ? { from: req.compareFrom, to: req.compareTo } : null;
  const q = sqliteStatsQueries(db);
  const [stats, breaches, measures, scope, compare] = await Promise.all([
    computeStats(q, range, policy),
    breachesOf(q, range),
    measureViews(db, desk.time_zone, at, period),
    desksInRange(q, period),
    compared
      ? Promise.all([computeStats(q, { ...compared, now: at }, policy), breachesOf(q, { ...compared, now: at }, 0)]).then(([s, b]) => ({
          period: compared,
          stats: s,
          breachTotal: b.total,
        }))
      : Promise.resolve(null),
  ]);
  return {
    period,
    stats,
    breaches,
    compare,
    measures,
    measuresUntil: effectUntil(desk.time_zone, at, period),
    scope: scope.length > 0 ? scope : [desk.code],
    generatedBy: lead.name,
    generatedAt: at,
    timeZone: desk.time_zone,
  };
};

/** Saves the window's report view as an A4 PDF where the person chooses (desktop app); null when they cancelled. */
export const printReport: Handler<'printReport'> = async (req, { db, session, printer }) => {
  await requireRole(db, session, LEADS);
  if (req.to < req.from) throw refuse('range_reversed', {}, 'to');
  if (!printer) throw new HotlineError('cannot_print', 'This window cannot save a PDF; print from the browser instead.');
  return printer.savePdf(`hotline-report-${req.from}_${req.to}.pdf`);
};
