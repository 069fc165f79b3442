import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callAtStage } from '../../helpers/callAtStage';
import { openTestDesk, SEED_MORNING, type TestDesk } from '../../helpers/tempStore';

let desk: TestDesk;
beforeEach(async () => {
  desk = await openTestDesk();
});
afterEach(async () => {
  await desk.close();
});

describe('a whole call, logged through the handlers', () => {
  it('keeps every moment, field, transfer and step, with the durations the record sheet shows', async () => {
    const started = await desk.ok('startCall', {});
    expect(started.recordNo).toBe('CS20240520001');
    expect(started.localDate).toBe('2024-05-20');
    expect(started.deskCode).toBe('A03');
    expect(started.agent).toBe('李娜');

    desk.clock.advance(2);
    const answered = await desk.ok('answerCall', { id: started.id });
    expect(answered.responseMinutes).toBe(2);

    const filled = await desk.ok('updateCall', {
      id: started.id,
      patch: {
        salutation: '王女士',
        phone: '+86 138-0013-8000',
        customerType: 'vip',
        requestType: 'fault_report',
        category: 'product',
        priority: 'urgent',
        reason: '产品无法启动',
        handler: '技术部 张工',
      },
    });
    expect(filled.phoneLast4).toBe('8000');
    expect(filled.category).toBe('product');

    desk.clock.advance(3);
    await desk.ok('transferCall', { id: started.id, to: '技术部' });
    desk.clock.advance(5);
    const transferred = await desk.ok('answerTransfer', { id: started.id });
    expect(transferred.transfers).toEqual([
      expect.objectContaining({ seq: 1, to: '技术部', secondResponseMinutes: 5 }),
    ]);

    await desk.ok('addStep', { id: started.id, text: '远程指导客户检查电源连接' });
    desk.clock.advance(1);
    const stepped = await desk.ok('addStep', { id: started.id, text: '预约明日上门检测' });
    expect(stepped.steps.map((s) => [s.n, s.author, s.text])).toEqual([
      [1, '李娜', '远程指导客户检查电源连接'],
      [2, '李娜', '预约明日上门检测'],
    ]);

    await desk.ok('setResult', { id: started.id, result: 'in_progress', followUpDue: '2024-05-21 10:00', followUpOwner: '技术部 张工' });
    await desk.ok('updateCall', { id: started.id, patch: { feedback: 'basically_satisfied', scoreSpeed: 5, scoreProfessionalism: 4, scoreResolution: 4 } });
    const closed = await desk.ok('closeCall', { id: started.id });
    expect(closed.closedAt).toBe(desk.clock.ms);
    expect(closed.result).toBe('in_progress');
    expect(closed.followUpDueAt).toBe(Date.UTC(2024, 4, 21, 2, 0));
    expect(closed.overallScore).toBe(4.3);

    // Read back from a fresh connection: what the click showed is what the file holds.
    const file = desk.file;
    await desk.store.close();
    desk = await openTestDesk({ file, setup: false });
    expect(await desk.ok('getCall', { id: started.id })).toEqual(closed);
  });

  it('logs a late call at the time typed from the phone display', async () => {
    desk.clock.ms = Date.UTC(2024, 4, 20, 7, 0); // 15:00 in Shanghai
    const record = await desk.ok('startCall', { at: '14:15' });
    expect(record.callAt).toBe(Date.UTC(2024, 4, 20, 6, 15));
    const answered = await desk.ok('answerCall', { id: record.id, at: '14:17' });
    expect(answered.responseMinutes).toBe(2);
  });

  it('numbers records per local day and never reuses a number', async () => {
    const first = await desk.ok('startCall', {});
    const second = await desk.ok('startCall', {});
    expect([first.recordNo, second.recordNo]).toEqual(['CS20240520001', 'CS20240520002']);
    desk.clock.ms = SEED_MORNING + 24 * 3_600_000;
    expect((await desk.ok('startCall', {})).recordNo).toBe('CS20240521001');
    // A call typed in late for the day before takes that day's next serial.
    expect((await desk.ok('startCall', { at: '2024-05-20 23:00' })).recordNo).toBe('CS20240520003');
  });

  it('lists the day newest first and suggests earlier reasons by frequency', async () => {
    for (const reason of ['订单物流异常', '订单退款', '订单物流异常', '产品无法启动']) {
      await callAtStage(desk, 'started', { fields: { reason } });
      desk.clock.advance(1);
    }
    const day = await desk.ok('listDay', {});
    expect(day.date).toBe('2024-05-20');
    expect(day.records.map((r) => r.recordNo)).toEqual(['CS20240520004', 'CS20240520003', 'CS20240520002', 'CS20240520001']);
    expect(await desk.ok('suggestReasons', { prefix: '订单' })).toEqual(['订单物流异常', '订单退款']);
    expect(await desk.ok('suggestReasons', { prefix: '%' })).toEqual([]);
    expect((await desk.ok('listDay', { date: '2024-05-19' })).records).toEqual([]);
  });

  it('lets a follow-up be logged on the same record after the call was closed', async () => {
    const r = await callAtStage(desk, 'closed');
    desk.clock.advance(60 * 20);
    const followed = await desk.ok('addStep', { id: r.id, text: '回访：客户确认问题已解决' });
    expect(followed.steps).toHaveLength(1);
    const updated = await desk.ok('updateCall', { id: r.id, patch: { feedback: 'satisfied' } });
    expect(updated.feedback).toBe('satisfied');
  });

  it('cleans free text: controls and bidi overrides removed, long digit runs masked', async () => {
    const r = await desk.ok('startCall', {});
    const saved = await desk.ok('updateCall', {
      id: r.id,
      patch: { remarks: '客户留了手机 13800138000\u202E，请回电\u0000', salutation: '  王女士  ' },
    });
    expect(saved.remarks).toBe('客户留了手机 ****8000，请回电');
    expect(saved.salutation).toBe('王女士');
    const raw = desk.store.sqlite.prepare('SELECT remarks FROM calls WHERE id = ?').pluck().get(r.id);
    expect(raw).not.toContain('13800138000');
  });
});
