import type { Policy } from '../../shared/policy/schema';
import { formatRecordNo } from '../../shared/timing/recordNo';
import { countCalls } from '../store/calls';
import { findDesk } from '../store/desk';
import type { Store } from '../store/openDb';
import { afterClosing, missReasons } from './afterCall';
import { writeDemo, type DemoItem } from './bulkWrite';
import { callOnTheLine, priorityTable, type Person } from './callStory';
import { anchorEnd, anchorStart, callsPerDay, callTimesOn, demoDays, hourOn, yesterdayIn, type DemoDay } from './days';
import { applyDueColumns, judgeCall } from './dueColumns';
import { Rng, Weighted } from './random';
import { DEMO_ZONE, DemoRefusedError, ensureDesk, ensureProfiles, lastSerials, loadPolicies, type PolicyVersionOf } from './setup';
import { versionInForceAt } from '../../shared/policy/inForce';

/**
 * `hotline demo`: fills a database with realistic, reproducible calls, for
 * trying the app and for benchmarks. The same seed and last day give the same
 * bytes: every choice comes from one seeded PRNG, and every timestamp from the
 * days, never from the clock.
 */

export interface DemoOptions {
  records: number;
  days: number;
  /** Default: about 80 calls per agent per working day, between 5 and 300 agents. */
  agents?: number;
  seed: string;
  /** Last day, YYYY-MM-DD in the desk's zone. Default: yesterday there. */
  until?: string;
  /** Add to a database that already has calls (otherwise refused). */
  append?: boolean;
  /** The clock, only to find yesterday when `until` is not given. */
  today?: number;
  /** After each committed batch, with the calls written so far. */
  onProgress?: (written: number) => void;
}

export interface DemoSummary {
  records: number;
  days: number;
  agents: number;
  from: string;
  until: string;
  deskCode: string;
  /** The instant the data were judged at (08:00 the morning after `until`): due columns and open work are as of then. */
  judgedAt: number;
}

export function defaultAgents(records: number, days: number): number {
  return Math.min(300, Math.max(5, Math.ceil(records / days / 80)));
}

export async function fillDemo(store: Store, options: DemoOptions): Promise<DemoSummary> {
  const existing = await countCalls(store.db);
  if (existing > 0 && !options.append) {
    throw new DemoRefusedError(`The database already has ${existing} call${existing === 1 ? '' : 's'}; the demo only fills an empty one (add --append to add to it).`);
  }
  const zone = (await findDesk(store.db))?.time_zone ?? DEMO_ZONE;
  const today = options.today ?? Date.now();
  const until = options.until ?? yesterdayIn(zone, today);
  // Calls in the future would sit in the desk's Today list and clocks would run backwards.
  if (until > yesterdayIn(zone, today)) throw new DemoRefusedError(`The last day (${until}) is not over yet in ${zone}: choose yesterday or earlier.`);
  const days = demoDays(until, options.days, zone);
  const start = anchorStart(days, zone);
  const now = anchorEnd(until, zone);
  const desk = await ensureDesk(store.db, zone, start);
  const { agents, lead } = await ensureProfiles(store.db, options.agents ?? defaultAgents(options.records, options.days), start);
  const policies = await loadPolicies(store.db);
  const serials = await lastSerials(store.db, desk.code);

  const rng = new Rng(options.seed);
  // Some agents take more calls than others (shifts, experience).
  const agentTable = new Weighted(agents.map((a) => [a, rng.between(0.6, 1.4)] as const));
  const counts = callsPerDay(days, options.records, rng);
  const items = demoItems({ rng, deskCode: desk.code, zone, now, agentTable, lead, policies, serials }, days, counts);
  const records = writeDemo(store.sqlite, items, options.onProgress ?? (() => undefined));
  return { records, days: days.length, agents: agents.length, from: days[0]!.date, until, deskCode: desk.code, judgedAt: now };
}

interface Generation {
  rng: Rng;
  deskCode: string;
  zone: string;
  now: number;
  agentTable: Weighted<Person>;
  lead: Person;
  policies: PolicyVersionOf[];
  serials: Map<string, number>;
}

/** The calls, day by day in time order, each with its serial, story, due times and miss reasons. */
function* demoItems(g: Generation, days: readonly DemoDay[], counts: readonly number[]): Generator<DemoItem> {
  const priorityTables = new Map<Policy, Weighted<string>>(g.policies.map((v) => [v.policy, priorityTable(v.policy)]));
  for (const [d, day] of days.entries()) {
    const count = counts[d]!;
    if (count === 0) continue;
    const before = g.serials.get(day.date) ?? 0;
    yield { kind: 'serial', deskCode: g.deskCode, localDate: day.date, lastSerial: before + count };
    const times = callTimesOn(day, count, g.rng);
    for (let i = 0; i < count; i++) {
      const callAt = times[i]!;
      const version = versionInForceAt(g.policies, callAt)!;
      const slot = {
        deskCode: g.deskCode,
        zone: g.zone,
        callAt,
        localDate: day.date,
        localHour: hourOn(day, callAt),
        recordNo: formatRecordNo(day.date, before + i + 1),
        policyId: version.id,
        policy: version.policy,
        priorities: priorityTables.get(version.policy)!,
      };
      const agent = g.agentTable.draw(g.rng);
      const { call, outcome } = callOnTheLine(g.rng, slot, agent, g.lead);
      const ctx = { rng: g.rng, policy: version.policy, now: g.now, agent, lead: g.lead };
      afterClosing(ctx, call, outcome);
      const targets = judgeCall(call, version.policy, g.now);
      applyDueColumns(call, targets);
      missReasons(ctx, call, targets);
      yield { kind: 'call', call };
    }
  }
}
