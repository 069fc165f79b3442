import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HotlineClient, MethodName, RequestOf } from '../../../shared/api/contract';
import { METHOD_NAMES } from '../../../shared/api/methods';
import { serveRequestsFrom } from '../../../electron/store/openDb';
import { retryingBusy, type RetryClock } from '../../../renderer/src/retryBusy';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

/**
 * A click that meets a store locked by other work (a long writer in another
 * connection: the CLI, a worker) is answered `store_busy` after a short wait,
 * with nothing written; the page sends it again with the click's instant, and
 * the moment is logged at the click, not at the retry.
 */

let desk: TestDesk;
let other: BetterSqlite3.Database;
beforeEach(async () => {
  desk = await openTestDesk();
  serveRequestsFrom(desk.store);
  other = new BetterSqlite3(desk.file);
});
afterEach(async () => {
  if (other.inTransaction) other.exec('ROLLBACK');
  other.close();
  await desk.close();
});

/** The renderer's client over the real dispatcher, as api.ts builds it over IPC or HTTP. */
const clientOf = (d: TestDesk): HotlineClient =>
  Object.fromEntries(METHOD_NAMES.map((m) => [m, (req: RequestOf<MethodName>) => d.call(m, req as never)])) as unknown as HotlineClient;

describe('a click while another connection holds the write lock', () => {
  it('is answered store_busy, and nothing is written', async () => {
    const call = await desk.ok('startCall', {});
    other.exec('BEGIN IMMEDIATE');
    const answer = await desk.call('addStep', { id: call.id, text: 'Rang back', clickedAt: desk.clock.ms });
    expect(answer).toMatchObject({ ok: false, error: { code: 'store_busy' } });
    other.exec('ROLLBACK');
    expect((await desk.ok('getCall', { id: call.id })).steps).toEqual([]);
  });

  it('is retried by the page until the lock is gone, and logged at the instant of the click', async () => {
    const call = await desk.ok('startCall', {});
    desk.clock.advance(1);
    const clickedAt = desk.clock.ms;
    other.exec('BEGIN IMMEDIATE');
    // The page waits between tries; here each wait moves the desk's clock on by its length, and the lock goes after the third.
    let tries = 0;
    const clock: RetryClock = {
      now: () => desk.clock.ms,
      sleep: async (ms) => {
        desk.clock.ms += ms + 4_000;
        if (++tries === 3) other.exec('ROLLBACK');
      },
    };
    const api = retryingBusy(clientOf(desk), clock);
    const step = await api.addStep({ id: call.id, text: 'Rang back', clickedAt });
    const answered = await api.answerCall({ id: call.id, clickedAt: clickedAt + 1 });
    expect(tries).toBe(3);
    expect(step.ok && step.value.steps).toEqual([expect.objectContaining({ text: 'Rang back', at: clickedAt })]);
    expect(answered.ok && answered.value.answeredAt).toBe(clickedAt + 1);
    // The clock moved on by more than 12 s meanwhile: the logged times are the clicks', not the retries'.
    expect(desk.clock.ms - clickedAt).toBeGreaterThan(12_000);
  });

  it('starts a new call at its click too', async () => {
    const clickedAt = desk.clock.ms;
    other.exec('BEGIN IMMEDIATE');
    expect(await desk.call('startCall', { clickedAt })).toMatchObject({ ok: false, error: { code: 'store_busy' } });
    other.exec('ROLLBACK');
    desk.clock.advance(2);
    const call = await desk.ok('startCall', { clickedAt });
    expect(call.callAt).toBe(clickedAt);
  });

  it('refuses a click instant from long ago, and reads one from the future as now', async () => {
    const call = await desk.ok('startCall', {});
    expect(await desk.call('addStep', { id: call.id, text: 'late', clickedAt: desk.clock.ms - 10 * 60_000 })).toMatchObject({ ok: false, error: { field: 'clickedAt' } });
    const ahead = await desk.ok('addStep', { id: call.id, text: 'ahead', clickedAt: desk.clock.ms + 60_000 });
    expect(ahead.steps.at(-1)?.at).toBe(desk.clock.ms);
  });

  it('gives up after a minute of retries and shows store_busy, nothing written', async () => {
    const call = await desk.ok('startCall', {});
    other.exec('BEGIN IMMEDIATE');
    const clock: RetryClock = { now: () => desk.clock.ms, sleep: async (ms) => void (desk.clock.ms += ms + 5_000) };
    const answer = await retryingBusy(clientOf(desk), clock).addStep({ id: call.id, text: 'never', clickedAt: desk.clock.ms });
    expect(answer).toMatchObject({ ok: false, error: { code: 'store_busy' } });
    other.exec('ROLLBACK');
    expect((await desk.ok('getCall', { id: call.id })).steps).toEqual([]);
  });
});
