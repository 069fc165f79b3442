import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { callAtStage } from '../../helpers/callAtStage';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

/** A real database with a desk and `calls` calls (each answered, with a step), closed cleanly unless `keepOpen`. */
export async function deskWithCalls(file: string, calls = 30, keepOpen = false): Promise<TestDesk> {
  const desk = await openTestDesk({ file });
  for (let i = 0; i < calls; i++) {
    await callAtStage(desk, 'answered', {
      fields: { remarks: `remark ${i} `.repeat(20) },
      answerAfter: 1,
      steps: [`Checked the order for caller ${i}; explained the delivery date.`],
    });
  }
  if (!keepOpen) await desk.store.close();
  return desk;
}

/** The bytes of a database's files: main, -wal, -shm (null when absent). */
export function filesOf(file: string): Array<Buffer | null> {
  return ['', '-wal', '-shm'].map((s) => (fs.existsSync(file + s) ? fs.readFileSync(file + s) : null));
}

/** Overwrites `length` bytes at the start of the page in the middle of the main file with garbage. */
export function corruptMiddlePage(file: string, length = 1024): void {
  const pageSize = 4096;
  const pages = fs.statSync(file).size / pageSize;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, Math.floor(pages / 2) * pageSize);
  fs.closeSync(fd);
}

/**
 * The state a crash leaves: the database with a -wal (frames not yet in the
 * main file) and a -shm, copied while a connection still has them open.
 */
export async function crashedCopy(dir: string, name = 'hotline.db'): Promise<string> {
  const live = path.join(dir, 'live', name);
  fs.mkdirSync(path.dirname(live), { recursive: true });
  await deskWithCalls(live, 20);
  const desk = await openTestDesk({ file: live, setup: false });
  // New pages at the end of the file, so the log does not cover the middle of it.
  desk.store.sqlite.exec('CREATE TABLE scratch (x TEXT)');
  for (let i = 0; i < 50; i++) desk.store.sqlite.prepare('INSERT INTO scratch VALUES (?)').run('x'.repeat(200));
  const copy = path.join(dir, name);
  for (const s of ['', '-wal', '-shm']) fs.copyFileSync(live + s, copy + s);
  await desk.store.close();
  return copy;
}

/** A read-only look at a file's rows (no WAL side effects matter in tests). */
export function count(file: string, table: string): number {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
}
