import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch } from '../electron/handlers/dispatch';
import type { HandlerContext } from '../electron/handlers/context';
import { openStore, type Store } from '../electron/store/openDb';
import { applyCallEvent } from '../electron/records/phoneEvents';
import type { CallEvent } from '../shared/telephony/callEvents';

/**
 * The phone system's events on a desk (issue 15): how fast a desk takes a
 * stream of call events, each applied as the app applies it (one write
 * transaction through the records core: facts, the record a ring opens, the
 * answer stamped with its audit row, missed calls). The floor is the least a
 * durable event can cost on the same store: one BEGIN IMMEDIATE, one row
 * written, COMMIT, with the store's own pragmas. A busy call centre's desk
 * sees a few events a minute; a PBX reconnect replays a few hundred at once.
 * argv: (unused database), (unused date), the cache folder.
 */
const CALLS = 1_000;
const ROUNDS = 3;

const source = { system: 'ami' as const, pbx: 'bench-pbx' };

/** Four events per call: queue entry, ring, answer, hang-up; every fifth call abandoned in the queue instead. */
function eventsOf(round: number, start: number): CallEvent[] {
  const events: CallEvent[] = [];
  for (let i = 0; i < CALLS; i++) {
    const callId = `r${round}-c${i}`;
    const at = start + i * 60_000;
    const base = { source, callId, clock: 'pbx' as const };
    events.push({ ...base, at, kind: 'offered', direction: 'in', numberLast4: String(1000 + (i % 9000)).padStart(4, '0'), queue: 'support', agent: null });
    if (i % 5 === 4) {
      events.push({ ...base, at: at + 30_000, kind: 'ended', cause: 'abandoned', unanswered: true, queue: 'support', agent: null, waitSec: 30, talkSec: null, hungUpBy: 'caller' });
      continue;
    }
    events.push({ ...base, at: at + 2_000, kind: 'ringing', agent: 'PJSIP/1001', queue: 'support' });
    events.push({ ...base, at: at + 9_000, kind: 'answered', agent: 'PJSIP/1001', waitSec: 9 });
    events.push({ ...base, at: at + 50_000, kind: 'ended', cause: 'normalClearing', unanswered: false, queue: 'support', agent: 'PJSIP/1001', waitSec: 9, talkSec: 41, hungUpBy: 'caller' });
  }
  return events;
}

async function freshDesk(file: string): Promise<{ store: Store; ctx: HandlerContext }> {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const store = await openStore(file);
  const ctx: HandlerContext = { db: store.db, now: () => Date.now(), session: { userId: null } };
  const setUp = await dispatch('setupDesk', { code: 'P01', agentName: '李娜', timeZone: 'Asia/Shanghai' }, ctx);
  if (!setUp.ok) throw new Error(setUp.error.message);
  return { store, ctx };
}

async function main(): Promise<void> {
  const dir = process.argv[4]!;
  const file = path.join(dir, 'phone-bench.db');
  const floorFile = path.join(dir, 'phone-floor.db');
  const subject: number[] = [];
  const floor: number[] = [];
  let eventsPerRound = 0;
  // Calls on a Monday in working hours, so that every missed call gets its callback due time worked out.
  const start = Date.UTC(2026, 10, 30, 1, 0);
  for (let round = 0; round < ROUNDS; round++) {
    const events = eventsOf(round, start);
    eventsPerRound = events.length;
    const desk = await freshDesk(file);
    const phone = { db: desk.store.db, now: () => Date.now(), atDesk: () => desk.ctx.session.userId };
    let t = performance.now();
    for (const event of events) await applyCallEvent(phone, event);
    subject.push(performance.now() - t);
    await desk.store.close();

    const bare = await freshDesk(floorFile);
    const write = bare.store.sqlite.prepare(
      "INSERT INTO phone_calls (pbx, call_id, system, direction, clock, offered_at, local_date, local_hour, updated_at) VALUES (?, ?, 'ami', 'in', 'pbx', ?, '2026-11-30', 9, ?) ON CONFLICT (pbx, call_id) DO UPDATE SET updated_at = excluded.updated_at",
    );
    const begin = bare.store.sqlite.prepare('BEGIN IMMEDIATE');
    const commit = bare.store.sqlite.prepare('COMMIT');
    t = performance.now();
    for (const event of events) {
      begin.run();
      write.run(event.source.pbx, event.callId, event.at, event.at);
      commit.run();
    }
    floor.push(performance.now() - t);
    await bare.store.close();
  }
  for (const f of [file, floorFile].flatMap((x) => [x, `${x}-wal`, `${x}-shm`])) fs.rmSync(f, { force: true });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const s = median(subject);
  const f = median(floor);
  const perEvent = (ms: number) => (ms / eventsPerRound) * 1000;
  process.stdout.write(
    [
      `Phone events (${eventsPerRound.toLocaleString('en')} events of ${CALLS.toLocaleString('en')} calls per round, median of ${ROUNDS} rounds on a fresh desk)`,
      '| what | total | per event | events/s | floor (one durable row per event) | ratio to floor |',
      '|---|---|---|---|---|---|',
      `| applyCallEvent | ${s.toFixed(0)} ms | ${perEvent(s).toFixed(0)} µs | ${Math.round(eventsPerRound / (s / 1000)).toLocaleString('en')} | ${f.toFixed(0)} ms, ${perEvent(f).toFixed(0)} µs/event | ${(s / f).toFixed(2)}× |`,
      '',
    ].join('\n'),
  );
}

void main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
