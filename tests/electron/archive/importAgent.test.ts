import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importArchive } from '../../../electron/archive/import';
import { openTestDesk, tempDir } from '../../helpers/tempStore';

/**
 * Trial 10, finding 2: seed 000's second row leaves 负责人 empty, and the record
 * was credited to whoever imported it (the team lead then "missed" that call in
 * the statistics per agent). It now has no agent, with a note.
 */

const SEEDS = path.resolve('tests/fixtures/seeds');
const tmp = tempDir('hotline-agent-');
const NOW = Date.UTC(2024, 5, 1, 4, 0);
afterAll(() => tmp.remove());

describe('a row without 负责人', () => {
  it('gets no agent, never the importer, and says so; the statistics list it under no agent', async () => {
    const desk = await openTestDesk({ file: path.join(tmp.dir, 'desk.db') });
    desk.clock.ms = NOW;
    const report = await importArchive(desk.store.db, { file: path.join(SEEDS, 'seed000-tracking.csv'), actor: '张主管', now: NOW, deskCode: 'A03', timeZone: 'Asia/Shanghai' });
    expect(report).toMatchObject({ imported: 2, errors: [] });
    expect(report.notes.filter((n) => n.code === 'no_agent')).toEqual([expect.objectContaining({ row: 3, column: '负责人(*)' })]);
    const rows = await desk.store.db.selectFrom('calls').select(['source_ref', 'agent', 'handler']).orderBy('record_no').execute();
    expect(rows).toEqual([
      { source_ref: 'TECH20240501001', agent: '张*', handler: '张*' },
      { source_ref: 'SRV20240501002', agent: '', handler: null },
    ]);
    const stats = await desk.ok('getStats', { from: '2024-05-01', to: '2024-05-02' });
    expect(stats.agents.map((a) => a.agent).sort()).toEqual(['', '张*']);
    await desk.close();
  });
});
