import type { PhoneFigures, PhoneKpis } from '../../shared/api/stats';
import { telephonyTargets } from '../../shared/policy/defaults';
import type { Policy } from '../../shared/policy/schema';
import type { MissedCallbackRow, PhoneKpiRow, StatsQueries } from '../store/statsQueries';
import { byKey } from './compliance';
import { ratio, type StatsRange } from './range';

/** The sums a set of figures is computed from: grouped rows add up to these. */
type Sums = Omit<PhoneKpiRow, 'desk_code' | 'hour' | 'agent'> & { with_due: number; met: number; in_time_open: number };

const EMPTY: Sums = {
  offered: 0, answered: 0, answered_within: 0, abandoned: 0, short_abandons: 0, answered_wait_sum: 0,
  longest_wait: null, talk_n: 0, talk_sum: 0, wrap_n: 0, wrap_sum: 0, with_due: 0, met: 0, in_time_open: 0,
};

/** To the 0.1 s shown: a mean of seconds. */
const seconds = (sum: number, n: number): number | null => (n > 0 ? Math.round((sum / n) * 10) / 10 : null);

function add(a: Sums, b: Partial<Sums>): Sums {
  const longest = [a.longest_wait, b.longest_wait ?? null].filter((w): w is number => w !== null);
  return {
    offered: a.offered + (b.offered ?? 0),
    answered: a.answered + (b.answered ?? 0),
    answered_within: a.answered_within + (b.answered_within ?? 0),
    abandoned: a.abandoned + (b.abandoned ?? 0),
    short_abandons: a.short_abandons + (b.short_abandons ?? 0),
    answered_wait_sum: a.answered_wait_sum + (b.answered_wait_sum ?? 0),
    longest_wait: longest.length > 0 ? Math.max(...longest) : null,
    talk_n: a.talk_n + (b.talk_n ?? 0),
    talk_sum: a.talk_sum + (b.talk_sum ?? 0),
    wrap_n: a.wrap_n + (b.wrap_n ?? 0),
    wrap_sum: a.wrap_sum + (b.wrap_sum ?? 0),
    with_due: a.with_due + (b.with_due ?? 0),
    met: a.met + (b.met ?? 0),
    in_time_open: a.in_time_open + (b.in_time_open ?? 0),
  };
}

/**
 * The figures of some calls from their sums. Short abandons leave both the
 * service level's and the abandon rate's denominator (a caller who gave up
 * within seconds was never really offered to an agent); every zero
 * denominator gives null, shown as "—".
 */
export function figuresOf(s: Sums): PhoneFigures {
  const counted = s.offered - s.short_abandons;
  return {
    offered: s.offered,
    answered: s.answered,
    answeredWithin: s.answered_within,
    abandoned: s.abandoned,
    shortAbandons: s.short_abandons,
    serviceLevel: ratio(s.answered_within, counted),
    asaSec: seconds(s.answered_wait_sum, s.answered),
    abandonRate: ratio(s.abandoned - s.short_abandons, counted),
    ahtSec: seconds(s.talk_sum, s.talk_n),
    talked: s.talk_n,
    wrapUpSec: seconds(s.wrap_sum, s.wrap_n),
    wrapped: s.wrap_n,
    longestWaitSec: s.longest_wait === null ? null : Math.round(s.longest_wait * 10) / 10,
    callbacksDue: s.with_due,
    callbacksMet: s.met,
    callbacksOpenInTime: s.in_time_open,
    // A callback still in time is not decided yet: counting it as missed would make every fresh missed call a failure.
    callbackRate: ratio(s.met, s.with_due - s.in_time_open),
  };
}

/** Sums the rows of each key. */
function sumBy<K>(calls: readonly PhoneKpiRow[], callbacks: readonly MissedCallbackRow[], key: (row: { desk_code: string; hour: number; agent: string }) => K): Map<K, Sums> {
  const out = new Map<K, Sums>();
  for (const row of [...calls, ...callbacks]) out.set(key(row), add(out.get(key(row)) ?? EMPTY, row));
  return out;
}

/**
 * The call-centre KPIs of a period from the grouped rows: the whole, and by
 * hour of day, agent and desk. Pure, so the table test can feed it rows.
 * @example phoneKpisOf([], [], policy).serviceLevel // null: no call telephony saw
 */
export function phoneKpisOf(calls: readonly PhoneKpiRow[], callbacks: readonly MissedCallbackRow[], policy: Policy): PhoneKpis {
  const t = telephonyTargets(policy);
  const total = sumBy(calls, callbacks, () => 'all').get('all') ?? EMPTY;
  const listed = <K>(m: Map<K, Sums>) => [...m.entries()].map(([k, s]) => ({ k, f: figuresOf(s) }));
  return {
    ...figuresOf(total),
    targets: { serviceLevelPct: t.serviceLevelPct, answeredWithinSec: t.answeredWithinSec, shortAbandonSec: t.shortAbandonSec },
    byHour: listed(sumBy(calls, callbacks, (r) => r.hour))
      .sort((a, b) => a.k - b.k)
      .map(({ k, f }) => ({ hour: k, ...f })),
    byAgent: listed(sumBy(calls, callbacks, (r) => r.agent))
      .sort((a, b) => b.f.offered - a.f.offered || byKey(a.k, b.k))
      .map(({ k, f }) => ({ agent: k, ...f })),
    byDesk: listed(sumBy(calls, callbacks, (r) => r.desk_code))
      .sort((a, b) => byKey(a.k, b.k))
      .map(({ k, f }) => ({ desk: k, ...f })),
  };
}

/** The period's call-centre KPIs, every call judged by the current policy's thresholds. */
export async function phoneKpis(q: StatsQueries, r: StatsRange, policy: Policy): Promise<PhoneKpis> {
  const t = telephonyTargets(policy);
  const [calls, callbacks] = await Promise.all([q.phoneCallFacts(r, t), q.missedCallbacks(r)]);
  return phoneKpisOf(calls, callbacks, policy);
}
