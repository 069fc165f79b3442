import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pullBackRecords } from '../../../electron/store/pullBack';
import { snapshotsOf } from '../../../electron/store/outbox';
import { callAtStage } from '../../helpers/callAtStage';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';

const desks: TestDesk[] = [];
afterEach(async () => {
  for (const d of desks.splice(0)) await d.close();
});

/** Desk A's records as its pusher sends them, whole. */
async function snapshotsOfDesk(desk: TestDesk) {
  const ids = await desk.store.db.selectFrom('calls').select('id').orderBy('id').execute();
  return snapshotsOf(desk.store.db, ids.map((r, i) => ({ call_id: r.id, seq: i + 1 })));
}

describe('pulling a desk\'s own records back from the team server', () => {
  it('into a fresh install of the same desk code: its profile and policy ids are another install\'s, and none of them breaks a reference', async () => {
    const first = await openTestDesk({ code: 'W1' });
    desks.push(first);
    // The first install's profiles and policy versions: ids the second install never had.
    await first.ok('saveUser', { name: '王芳', role: 'agent' });
    await first.ok('saveUser', { name: '赵组长', role: 'team_lead' });
    const users = await first.store.db.selectFrom('users').select(['id', 'name']).execute();
    first.ctx.session.userId = users.find((u) => u.name === '王芳')!.id;
    await callAtStage(first, 'closed', { steps: ['查询订单'] });
    const snapshots = await snapshotsOfDesk(first);
    expect(snapshots[0]!.call.agent_id).toBe(first.ctx.session.userId);

    const second = await openTestDesk({ code: 'W1' });
    desks.push(second);
    const pulled = pullBackRecords(second.store.sqlite, snapshots, { '2024-05-20': 1 }, 'W1');
    expect(pulled).toBe(1);
    const row = await second.store.db.selectFrom('calls').selectAll().executeTakeFirstOrThrow();
    expect(row.agent).toBe('王芳');
    // No profile of that name here: the name stays, the id does not point at somebody else.
    expect(row.agent_id).toBeNull();
    const localPolicy = await second.store.db.selectFrom('policies').select('id').executeTakeFirstOrThrow();
    expect(row.policy_id).toBe(localPolicy.id);
    const view = await second.ok('getCall', { id: row.id });
    expect(view.steps.map((s) => s.text)).toEqual(['查询订单']);
    expect(second.store.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('into a restored backup of the same install: the same profile and policy keep their ids', async () => {
    const desk = await openTestDesk({ code: 'W2' });
    desks.push(desk);
    await desk.ok('getPolicy', {});
    const backup = tempDir();
    await desk.store.sqlite.backup(path.join(backup.dir, 'before.db'));
    await callAtStage(desk, 'answered');
    const snapshots = await snapshotsOfDesk(desk);
    // The backup from before the call, restored: the record is gone, the profile and the policy are not.
    const restored = await openTestDesk({ file: path.join(backup.dir, 'before.db'), setup: false });
    desks.push(restored);
    pullBackRecords(restored.store.sqlite, snapshots, {}, 'W2');
    const row = await restored.store.db.selectFrom('calls').selectAll().executeTakeFirstOrThrow();
    expect(row.agent_id).toBe(desk.ctx.session.userId);
    expect(row.policy_id).toBe(snapshots[0]!.call.policy_id);
    backup.remove();
  });
});
