import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHub, type AddressedEvent } from '../../../electron/records/eventHub';
import { ExportJobs, PROGRESS_EVERY_MS, type JobRun } from '../../../electron/records/exportJobs';
import type { ExportJob } from '../../../shared/api/archive';

/** An export event's job (the hub also carries other events: these tests send only export ones). */
const exportOf = (e: AddressedEvent): ExportJob => {
  if (e.name !== 'exportProgress' && e.name !== 'exportFinished') throw new Error(`not an export event: ${e.name}`);
  return e.payload;
};

describe('EventHub', () => {
  it('hands each event with its profile to every subscriber until it unsubscribes', () => {
    const hub = new EventHub();
    const first: AddressedEvent[] = [];
    const second: AddressedEvent[] = [];
    const stopFirst = hub.subscribe((e) => first.push(e));
    hub.subscribe((e) => second.push(e));
    const job = { job: 'j1', state: 'running', done: 1, total: 4, rows: 0, steps: 0, fileName: 'a.xlsx', savedTo: null, download: true } as const;
    hub.emit('exportProgress', job, 7);
    stopFirst();
    hub.emit('exportFinished', { ...job, state: 'done' }, 7);
    expect(first).toEqual([{ name: 'exportProgress', payload: job, userId: 7 }]);
    expect(second.map((e) => e.name)).toEqual(['exportProgress', 'exportFinished']);
    expect(hub.listenerCount).toBe(1);
  });

  it('keeps delivering to the others when one listener throws', () => {
    const hub = new EventHub();
    const got: string[] = [];
    hub.subscribe(() => {
      throw new Error('a closed window');
    });
    hub.subscribe((e) => got.push(e.name));
    hub.emit('exportFinished', { job: 'j', state: 'cancelled', done: 0, total: 0, rows: 0, steps: 0, fileName: 'a.csv', savedTo: null, download: false }, 1);
    expect(got).toEqual(['exportFinished']);
  });
});

describe('export jobs push their progress and their end', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  /** A job whose progress and end the test drives by hand. */
  function startJob(hub: EventHub) {
    const jobs = new ExportJobs(hub);
    let run!: JobRun;
    let finish!: (written: { rows: number; steps: number }) => void;
    let fail!: (error: unknown) => void;
    const view = jobs.start(7, { file: path.join(os.tmpdir(), 'never-written.xlsx'), download: false }, (job) => {
      run = job;
      return new Promise((resolve, reject) => ((finish = resolve), (fail = reject)));
    });
    return { jobs, view, run, finish, fail };
  }

  it('pushes progress at a bounded pace with the latest figures, then the end, to the job’s profile', async () => {
    const hub = new EventHub();
    const seen: AddressedEvent[] = [];
    hub.subscribe((e) => seen.push(e));
    const { view, run, finish } = startJob(hub);
    run.progress(10, 100);
    // A burst of pages within the pace: held back, then one push with the last figures.
    for (let done = 11; done <= 30; done++) run.progress(done, 100);
    expect(seen.map((e) => exportOf(e).done)).toEqual([10]);
    vi.advanceTimersByTime(PROGRESS_EVERY_MS);
    expect(seen.map((e) => [e.name, exportOf(e).done])).toEqual([
      ['exportProgress', 10],
      ['exportProgress', 30],
    ]);
    finish({ rows: 100, steps: 3 });
    await vi.advanceTimersByTimeAsync(0);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ name: 'exportFinished', userId: 7, payload: { job: view.job, state: 'done', rows: 100, steps: 3 } });
    expect(seen.every((e) => e.userId === 7)).toBe(true);
  });

  it('drops a held-back progress once the job has ended, so the end is the last event', async () => {
    const hub = new EventHub();
    const seen: AddressedEvent[] = [];
    hub.subscribe((e) => seen.push(e));
    const { jobs, view, run, fail } = startJob(hub);
    run.progress(1, 10);
    run.progress(2, 10);
    jobs.cancel(view.job, 7);
    fail(new Error('aborted'));
    await vi.advanceTimersByTimeAsync(PROGRESS_EVERY_MS * 2);
    expect(seen.map((e) => [e.name, exportOf(e).state])).toEqual([
      ['exportProgress', 'running'],
      ['exportFinished', 'cancelled'],
    ]);
  });
});
