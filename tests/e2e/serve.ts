import { test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `hotline serve` as a user runs it: a real process on a real database file. */
export interface Served {
  url: string;
  stop(): Promise<void>;
}

export function serve(dbFile: string, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, ['bin/hotline.cjs', 'serve', '--db', dbFile, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // The run's own settings on top of the suite's (HOTLINE_AMI_URL for the test PBX, …).
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`hotline serve did not start:\n${out}\n${err}`)), 15_000);
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?\S+/.exec(out)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve({
          url,
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`hotline serve exited with ${code}:\n${err}`)));
  });
}

export function tempDb(): { file: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-e2e-'));
  return { file: path.join(dir, 'hotline.db'), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A zone where it is daytime now, so that typed times a few minutes back stay
 * on today's date whenever the suite runs. Shanghai first: the product's home.
 */
export function daytimeZone(now = new Date()): string {
  for (const zone of ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York']) {
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(now));
    if (hour >= 6 && hour < 20) return zone;
  }
  return 'Asia/Shanghai';
}

/** 'YYYY-MM-DD HH:MM' in a zone, `minutesAgo` before now: what an agent reads off the phone display. */
export function typedTime(zone: string, minutesAgo: number, now = Date.now()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(now - minutesAgo * 60_000));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/**
 * One `hotline serve` on a fresh database for a whole describe block, stopped and
 * removed after it. Read `.url` inside the tests (it exists once the block started).
 */
export function serveForSuite(args: string[] = ['--lang', 'en']): { readonly url: string; readonly file: string } {
  const db = tempDb();
  let served: Served | undefined;
  test.beforeAll(async () => {
    served = await serve(db.file, args);
  });
  test.afterAll(async () => {
    await served?.stop();
    db.remove();
  });
  return {
    get url() {
      if (!served) throw new Error('the server starts in beforeAll');
      return served.url;
    },
    file: db.file,
  };
}
