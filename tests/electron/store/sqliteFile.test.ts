import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canLockExclusively, hasMigrations, holdReadSnapshot, releaseReadSnapshot, verdictOf, widenPageCache } from '../../../electron/store/sqliteFile';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';

let desk: TestDesk;
beforeEach(async () => {
  desk = await openTestDesk();
});
afterEach(() => desk.close());

const callCount = (sqlite: BetterSqlite3.Database) => sqlite.prepare('SELECT count(*) FROM calls').pluck().get();

describe('the statements about a SQLite file as a whole', () => {
  it('holds a read snapshot: a call logged after it began is not in what it reads, until it is released', async () => {
    const snapshot = new BetterSqlite3(desk.file, { readonly: true });
    try {
      holdReadSnapshot(snapshot);
      await desk.ok('startCall', {});
      expect(callCount(snapshot)).toBe(0);
      releaseReadSnapshot(snapshot);
      expect(snapshot.inTransaction).toBe(false);
      expect(callCount(snapshot)).toBe(1);
      // Released twice (an error path closing it again) is no error.
      releaseReadSnapshot(snapshot);
    } finally {
      snapshot.close();
    }
  });

  it('gives the quick and the full verdict of a sound file as ok, and knows Hotline Log’s schema history from another SQLite file', () => {
    expect(verdictOf(desk.store.sqlite, 'quick')).toEqual(['ok']);
    expect(verdictOf(desk.store.sqlite, 'full')).toEqual(['ok']);
    expect(hasMigrations(desk.store.sqlite)).toBe(true);
    const other = tempDir();
    const foreign = new BetterSqlite3(path.join(other.dir, 'other.db'));
    try {
      foreign.exec('CREATE TABLE notes (text TEXT)');
      expect(hasMigrations(foreign)).toBe(false);
    } finally {
      foreign.close();
      other.remove();
    }
  });

  it('cannot lock a file another connection has open, and can once it is closed', async () => {
    const probe = () => {
      const sqlite = new BetterSqlite3(desk.file, { fileMustExist: true, timeout: 0 });
      try {
        return canLockExclusively(sqlite);
      } finally {
        sqlite.close();
      }
    };
    expect(probe()).toBe(false);
    await desk.store.close();
    expect(probe()).toBe(true);
    // afterEach closes the store again: reopen it so that close has something to close.
    desk = await openTestDesk({ file: desk.file, setup: false });
  });

  it('widens the page cache for a bulk write and puts the connection’s own size back', () => {
    const sqlite = desk.store.sqlite;
    const own = sqlite.pragma('cache_size', { simple: true });
    const restore = widenPageCache(sqlite, 65536);
    expect(sqlite.pragma('cache_size', { simple: true })).toBe(-65536);
    restore();
    expect(sqlite.pragma('cache_size', { simple: true })).toBe(own);
  });
});
