import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoCall } from '../../../electron/demo/callStory';
import { judgeCall } from '../../../electron/demo/dueColumns';
import { fillDemo, type DemoSummary } from '../../../electron/demo/generate';
import { refreshDueTimes } from '../../../electron/records/callRecord';
import { timingOf } from '../../../electron/records/callView';
import { policyOf } from '../../../electron/records/policies';
import { openStore, type Store } from '../../../electron/store/openDb';
import type { CallRow, MissReasonRow, StepRow, TransferRow } from '../../../electron/store/schema';
import { inWriteTransaction } from '../../../electron/store/writeTransaction';
import type { Policy } from '../../../shared/policy/schema';
import { evaluateTargets, missingReasons, REASON_REQUIRED } from '../../../shared/timing/compliance';
import { tempDir } from '../../helpers/tempStore';

const tmp = tempDir('hotline-demo-timing-');
let store: Store;
let summary: DemoSummary;
let policy: Policy;
let calls: CallRow[];
const transfersOf = new Map<number, TransferRow[]>();
const stepsOf = new Map<number, StepRow[]>();
const reasonsOf = new Map<number, MissReasonRow[]>();

function group<T extends { call_id: number }>(rows: T[], into: Map<number, T[]>): void {
  for (const r of rows) into.set(r.call_id, [...(into.get(r.call_id) ?? []), r]);
}

const lastStepAt = (id: number): number | null => {
  const steps = stepsOf.get(id) ?? [];
  return steps.length > 0 ? Math.max(...steps.map((s) => s.at)) : null;
};

beforeAll(async () => {
  store = await openStore(path.join(tmp.dir, 'demo.db'));
  // Ends on a Monday after a weekend, with working-day targets still running.
  summary = await fillDemo(store, { records: 1000, days: 30, seed: 'timing', until: '2026-06-15', today: Date.UTC(2026, 10, 23) });
  policy = (await policyOf(store.db, 1)).policy;
  calls = await store.db.selectFrom('calls').selectAll().orderBy('id').execute();
  group(await store.db.selectFrom('transfers').selectAll().orderBy('seq').execute(), transfersOf);
  group(await store.db.selectFrom('steps').selectAll().orderBy('n').execute(), stepsOf);
  group(await store.db.selectFrom('miss_reasons').selectAll().execute(), reasonsOf);
});
afterAll(async () => {
  await store.close();
  tmp.remove();
});

const DUE_COLUMNS = ['response_due_at', 'resolution_due_at', 'transfer_due_at', 'told_due_at', 'callback_due_at', 'lead_due_at', 'ended_breach', 'next_due_at'] as const;

class Rollback extends Error {}

describe('hotline demo: due times and missed targets', () => {
  it('stores exactly the due columns the handlers’ refreshDueTimes computes, for every record', async () => {
    const expected: unknown[] = [];
    const actual: unknown[] = [];
    await expect(
      inWriteTransaction(store.db, async (trx) => {
        for (const row of calls) {
          await refreshDueTimes(trx, row.id, summary.judgedAt);
          const after = (await trx.selectFrom('calls').select(DUE_COLUMNS).where('id', '=', row.id).executeTakeFirstOrThrow()) as Record<string, unknown>;
          const transferDues = await trx.selectFrom('transfers').select('due_at').where('call_id', '=', row.id).orderBy('seq').execute();
          expected.push({ id: row.id, ...after, transfers: transferDues.map((t) => t.due_at) });
          actual.push({ id: row.id, ...Object.fromEntries(DUE_COLUMNS.map((c) => [c, row[c]])), transfers: (transfersOf.get(row.id) ?? []).map((t) => t.due_at) });
        }
        // Leave the file as the demo wrote it.
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(actual).toEqual(expected);
    // The sample is varied: open work, ended breaches and transfers are all there.
    expect(calls.filter((r) => r.next_due_at !== null).length).toBeGreaterThan(50);
    expect(calls.filter((r) => r.ended_breach === 1).length).toBeGreaterThan(50);
    expect(transfersOf.size).toBeGreaterThan(150);
  });

  it('judges every record as evaluateTargets does at the anchor instant (due, end, na, breached)', () => {
    const essentials = (t: { kind: string; index: number; state: string; dueAt: number | null; endAt: number | null }) => ({
      kind: t.kind,
      index: t.index,
      na: t.state === 'na',
      breached: t.state === 'breached',
      dueAt: t.dueAt,
      endAt: t.endAt,
    });
    for (const row of calls) {
      const { id: _id, ...columns } = row;
      const transfers = transfersOf.get(row.id) ?? [];
      const call: DemoCall = {
        row: columns,
        transfers: transfers.map(({ seq, to_owner, transferred_at, answered_at, due_at }) => ({ seq, to_owner, transferred_at, answered_at, due_at })),
        steps: (stepsOf.get(row.id) ?? []).map(({ n, at, author, text }) => ({ n, at, author, text })),
        reasons: [],
      };
      const truth = evaluateTargets(timingOf(row, transfers, lastStepAt(row.id)), policy, summary.judgedAt);
      expect(judgeCall(call, policy, summary.judgedAt).map(essentials)).toEqual(truth.map(essentials));
    }
  });

  it('gives a reason for every target missed by closing time (so each record could close), and for most later misses', () => {
    let breached = 0;
    let explained = 0;
    for (const row of calls) {
      const reasons = (reasonsOf.get(row.id) ?? []).map((r) => ({ kind: r.kind, index: r.idx }));
      const transfers = transfersOf.get(row.id) ?? [];
      const closedAt = row.closed_at!;
      const asOf = (at: number | null) => (at !== null && at <= closedAt ? at : null);
      // The record as it stood when the agent closed it.
      const atClose = {
        ...timingOf(row, transfers, null),
        resolvedAt: asOf(row.resolved_at),
        resultToldAt: asOf(row.result_told_at),
        callbackDoneAt: null,
        leadFollowUpDoneAt: null,
      };
      expect(missingReasons(evaluateTargets(atClose, policy, closedAt), reasons)).toEqual([]);

      const now = evaluateTargets(timingOf(row, transfers, lastStepAt(row.id)), policy, summary.judgedAt);
      for (const r of reasons) expect(now.find((t) => t.kind === r.kind && t.index === r.index)?.state).toBe('breached');
      const missed = now.filter((t) => t.state === 'breached' && REASON_REQUIRED.has(t.kind));
      breached += missed.length;
      explained += missed.length - missingReasons(missed, reasons).length;
    }
    expect(breached).toBeGreaterThan(100);
    expect(explained / breached).toBeGreaterThan(0.8);
  });

  it('never logs anything after the anchor instant, nor a step before the call was answered', () => {
    const moments = ['answered_at', 'closed_at', 'resolved_at', 'result_told_at', 'callback_done_at', 'lead_follow_up_done_at', 'updated_at'] as const;
    for (const row of calls) {
      for (const m of moments) if (row[m] !== null) expect(row[m]!).toBeLessThanOrEqual(summary.judgedAt);
      for (const s of stepsOf.get(row.id) ?? []) {
        expect(s.at).toBeGreaterThanOrEqual(row.answered_at!);
        expect(s.at).toBeLessThanOrEqual(row.updated_at);
      }
    }
  });
});
