import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportArchive } from '../archive/export';
import type { ExportOptions, ExportResult } from '../archive/types';
import { openStore, type Store } from '../store/openDb';
import { allPolicyRows, insertPolicyRows } from '../store/policies';
import { pullBackRecords } from '../store/pullBack';
import type { TeamScope } from './scope';

/** Records copied per transaction into the staging file. */
const PAGE = 500;

/**
 * The team's export: the team's records of the period (every desk, or some)
 * copied from the team server into a private staging SQLite file, and written
 * by the very export a desk runs (the same sheets, columns, wall-clock times,
 * summary figures). The staging file carries this desk's policy versions, so
 * records are labelled and judged as this desk's screens show them, and is
 * removed afterwards, whatever happens.
 */
export async function exportTeam(scope: TeamScope, source: Pick<Store, 'db'>, options: ExportOptions & { desks?: readonly string[] }): Promise<ExportResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-team-export-'));
  fs.chmodSync(dir, 0o700);
  let staging: Store | null = null;
  try {
    staging = await openStore(path.join(dir, 'team.db'));
    const stage = staging;
    const policies = await allPolicyRows(source.db);
    await insertPolicyRows(stage.db, policies);
    const known = new Set(policies.map((p) => p.id));
    const range = { from: options.filter.from, to: options.filter.to, ...(options.desks ? { desks: options.desks } : {}) };
    for (let after = null as { desk_code: string; record_no: string } | null; ; ) {
      options.signal?.throwIfAborted();
      const page = await scope.records(range, after, PAGE);
      if (page.length === 0) break;
      // Another desk's profile ids mean nothing here, nor do policy ids this desk has not: the stored due times judge the record.
      const local = page.map((r) => ({ ...r, call: { ...r.call, agent_id: null, policy_id: r.call.policy_id !== null && known.has(r.call.policy_id) ? r.call.policy_id : null } }));
      stage.sqlite.transaction(() => pullBackRecords(stage.sqlite, local, {}, '')).immediate();
      const last = page.at(-1)!.call;
      after = { desk_code: last.desk_code, record_no: last.record_no };
    }
    return await exportArchive(stage.db, options);
  } finally {
    await staging?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
