import { afterEach, describe, expect, it } from 'vitest';
import { migratingDatabase } from '../../helpers/migrating';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('migration 0012 (team inbox)', () => {
  it('keeps each server entry once, pending until settled, applied or refused only; down removes it', async () => {
    const { sqlite, migrateTo } = migratingDatabase(cleanups);
    await migrateTo('0012');
    const keep = sqlite.prepare("INSERT OR IGNORE INTO team_inbox (id, record_no, method, payload, created_by, created_at) VALUES (?, 'CS20241201001', 'addMissReason', '{}', '赵组长', 1)");
    expect(keep.run(7).changes).toBe(1);
    expect(keep.run(7).changes).toBe(0);
    expect(sqlite.prepare('SELECT state, reported FROM team_inbox').get()).toEqual({ state: 'pending', reported: 0 });
    expect(() => sqlite.prepare("UPDATE team_inbox SET state = 'lost'").run()).toThrow(/CHECK/);
    await migrateTo('0011');
    expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'team_inbox%'").all()).toEqual([]);
  });
});
