import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ExportJob } from '../../shared/api/archive';
import { HotlineError } from '../../shared/api/result';
import { maskDigitRuns } from '../../shared/domain/privacy';
import { eventHub, type EventHub } from './eventHub';

/** A finished job's outcome stays readable this long, then it is forgotten (and an unfetched download deleted). */
const KEEP_FINISHED_MS = 15 * 60_000;
/** Progress is pushed at most this often: a page's bar needs no more, and a year's export reports thousands of pages. */
export const PROGRESS_EVERY_MS = 100;

interface Job {
  view: ExportJob;
  userId: number;
  file: string;
  controller: AbortController;
  /** When progress was last pushed, and the push held back to keep that pace. */
  pushedAt: number;
  heldBack: NodeJS.Timeout | null;
}

export interface JobRun {
  signal: AbortSignal;
  progress(done: number, total: number): void;
}

/**
 * The exports of one running app (one per handler context's base, handed to
 * the transports with it: handlers/context.ts, `exportsOf`). An export of a year
 * takes a while, so the request that starts it returns at once; the job pushes its
 * progress and its end as events (shared/api/events.ts) to its profile's pages,
 * which may re-read it (`exportStatus`), cancel it, and (browser mode) download
 * the file once.
 * One export at a time: two would compete for the one disk and the CPU the
 * desk needs.
 */
export class ExportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly events: EventHub = eventHub) {}

  start(userId: number, target: { file: string; download: boolean }, run: (job: JobRun) => Promise<{ rows: number; steps: number }>): ExportJob {
    if ([...this.jobs.values()].some((j) => j.view.state === 'running')) {
      throw new HotlineError('busy', 'An export is still running; wait for it or cancel it first.');
    }
    const id = randomBytes(18).toString('base64url');
    const job: Job = {
      userId,
      file: target.file,
      controller: new AbortController(),
      pushedAt: 0,
      heldBack: null,
      view: {
        job: id,
        state: 'running',
        done: 0,
        total: 0,
        rows: 0,
        steps: 0,
        fileName: path.basename(target.file),
        savedTo: target.download ? null : target.file,
        download: target.download,
      },
    };
    this.jobs.set(id, job);
    const progress = (done: number, total: number) => {
      Object.assign(job.view, { done, total });
      this.pushProgress(job);
    };
    run({ signal: job.controller.signal, progress }).then(
      (written) => this.finish(job, { state: 'done', ...written }),
      (error: unknown) => this.finish(job, outcomeOfFailure(error, job.controller.signal.aborted)),
    );
    return { ...job.view };
  }

  status(id: string, userId: number): ExportJob {
    return { ...this.own(id, userId).view };
  }

  cancel(id: string, userId: number): ExportJob {
    const job = this.own(id, userId);
    if (job.view.state === 'running') job.controller.abort();
    return { ...job.view };
  }

  /** Browser mode: the finished file for its one download; the caller deletes it once sent. */
  takeDownload(id: string): { file: string; fileName: string } | null {
    const job = this.jobs.get(id);
    if (!job || job.view.state !== 'done' || !job.view.download) return null;
    job.view.download = false;
    return { file: job.file, fileName: job.view.fileName };
  }

  private own(id: string, userId: number): Job {
    const job = this.jobs.get(id);
    // Another profile's export is as invisible as one that never was.
    if (!job || job.userId !== userId) throw new HotlineError('not_found', 'That export is no longer known; start it again.');
    return job;
  }

  /** Pushes the job's progress now, or once the pace allows (the latest figures then). */
  private pushProgress(job: Job): void {
    if (job.heldBack) return;
    const wait = job.pushedAt + PROGRESS_EVERY_MS - Date.now();
    const push = () => {
      job.heldBack = null;
      if (job.view.state !== 'running') return;
      job.pushedAt = Date.now();
      this.events.emit('exportProgress', { ...job.view }, job.userId);
    };
    if (wait <= 0) push();
    else job.heldBack = setTimeout(push, wait);
  }

  private finish(job: Job, outcome: Partial<ExportJob>): void {
    Object.assign(job.view, outcome);
    if (job.heldBack) clearTimeout(job.heldBack);
    job.heldBack = null;
    this.events.emit('exportFinished', { ...job.view }, job.userId);
    setTimeout(() => {
      this.jobs.delete(job.view.job);
      if (job.view.download) fs.rmSync(job.file, { force: true });
    }, KEEP_FINISHED_MS).unref();
  }
}

/** What a person is told when an export stops: cancelled, or why it failed (never the record text). */
function outcomeOfFailure(error: unknown, aborted: boolean): Partial<ExportJob> {
  if (aborted) return { state: 'cancelled' };
  const code = (error as { code?: unknown } | null)?.code;
  const why =
    code === 'ENOSPC'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'the folder cannot be written to'
        : error instanceof Error
          ? maskDigitRuns(error.message)
          : 'an unexpected error';
  return { state: 'failed', error: { code: 'storage_failed', message: `The export was not saved: ${why}. No file was left behind; try again.` } };
}
