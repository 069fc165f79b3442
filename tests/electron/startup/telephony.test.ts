import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTelephony, type RunningTelephony } from '../../../electron/startup/telephony';
import { readCtiEndpoint } from '../../../electron/durability/ctiEndpoint';
import { updateSettings } from '../../../electron/durability/settings';
import type { PhoneCallNews } from '../../../shared/api/telephony';
import { startAmiServer } from '../../helpers/amiServer';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';
import { send } from '../telephony/cti/push';

/**
 * The phone system's way in, end to end: the test AMI server (Asterisk's wire
 * protocol, transcripts from its event documentation) or a Zammad-format push
 * on the real endpoint → the desk's queue of events → records and missed calls
 * in a real SQLite file.
 */

const FIXTURES = path.join(__dirname, '../../fixtures/ami');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function waitFor<T>(what: string, read: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function deskWithTelephony(env: NodeJS.ProcessEnv): Promise<{ desk: TestDesk; telephony: RunningTelephony; news: PhoneCallNews[] }> {
  const desk = await openTestDesk({ now: Date.UTC(2025, 11, 1, 12) });
  cleanups.push(() => desk.close());
  const news: PhoneCallNews[] = [];
  const telephony = await startTelephony({ file: desk.file, db: desk.store.db, now: () => Date.now(), atDesk: () => desk.ctx.session.userId, onOutcome: (n) => news.push(n), env });
  expect(telephony).not.toBeNull();
  cleanups.push(() => telephony!.stop());
  return { desk, telephony: telephony!, news };
}

describe('telephony started with the desk', () => {
  it('starts nothing when neither the card nor the environment sets it up', async () => {
    const desk = await openTestDesk();
    cleanups.push(() => desk.close());
    expect(await startTelephony({ file: desk.file, db: desk.store.db, atDesk: () => null, onOutcome: () => undefined, env: {} })).toBeNull();
  });

  it('AMI: a queue call rings the extension and a record opens with the PBX\'s times carried onto the desk\'s clock; the same transcript again changes nothing', async () => {
    const pbx = await startAmiServer();
    cleanups.push(() => pbx.close());
    const { desk, news } = await deskWithTelephony({ HOTLINE_AMI_URL: pbx.url(), HOTLINE_EXTENSION: 'PJSIP/1001', HOTLINE_AMI_QUEUES: 'support' });
    await waitFor('the login', async () => pbx.logins.some((l) => l.accepted));
    const sentAt = Date.now();
    pbx.replay(path.join(FIXTURES, 'asterisk20-queue-answered.ami'));
    const row = await waitFor('the answered record', () => desk.store.db.selectFrom('calls').selectAll().where('answered_at', 'is not', null).executeTakeFirst());
    // The transcript's Timestamps are of 2025 and its packets all arrive now: the call is carried onto the desk's
    // clock (it came in when its first packet arrived), and QueueCallerJoin → AgentConnect keeps the PBX's 12.23 s.
    expect(row.call_at).toBeGreaterThanOrEqual(sentAt);
    expect(row.call_at).toBeLessThanOrEqual(Date.now());
    expect(row.answered_at! - row.call_at).toBe(1764590412350 - 1764590400120);
    expect(row.phone_last4).toBe('8000');
    expect(news.some((n) => n.opened && n.recordId === row.id && n.numberLast4 === '8000')).toBe(true);
    const facts = await waitFor('the hang-up', () => desk.store.db.selectFrom('phone_calls').selectAll().where('ended_at', 'is not', null).executeTakeFirst());
    expect(facts.wait_sec).toBe(12);
    expect(facts.talk_sec).toBe(95);

    const audit = await desk.store.db.selectFrom('audit_log').select('id').execute();
    pbx.replay(path.join(FIXTURES, 'asterisk20-queue-answered.ami'));
    await new Promise((r) => setTimeout(r, 500));
    expect(await desk.store.db.selectFrom('calls').select('id').execute()).toHaveLength(1);
    expect(await desk.store.db.selectFrom('audit_log').select('id').execute()).toHaveLength(audit.length);
  });

  it('AMI: calls in flight survive a restart of the inputs: one hung up meanwhile ends (a ringing one left a missed call), one still up is neither ended nor offered again', async () => {
    const pbx = await startAmiServer();
    cleanups.push(() => pbx.close());
    const desk = await openTestDesk({ now: Date.UTC(2025, 11, 1, 12) });
    cleanups.push(() => desk.close());
    const env = { HOTLINE_AMI_URL: pbx.url(), HOTLINE_EXTENSION: 'PJSIP/1001', HOTLINE_AMI_QUEUES: 'support' };
    const news: PhoneCallNews[] = [];
    const start = async () => {
      const running = await startTelephony({ file: desk.file, db: desk.store.db, now: () => Date.now(), atDesk: () => null, onOutcome: (n) => news.push(n), env });
      cleanups.push(() => running!.stop());
      return running!;
    };
    const facts = (callId: string) => desk.store.db.selectFrom('phone_calls').selectAll().where('call_id', '=', callId).executeTakeFirst();
    const talking = '1764596000.112';
    const ringing = '1764596500.120';
    const talkingUp = [
      { Channel: 'PJSIP/trunk-00000070', Uniqueid: talking, Linkedid: talking, CallerIDNum: '18611112222', ConnectedLineNum: '1001', ChannelState: '6', Duration: '00:01:00', BridgeId: 'b-7' },
      { Channel: 'PJSIP/1001-00000071', Uniqueid: '1764596002.113', Linkedid: talking, CallerIDNum: '1001', ConnectedLineNum: '18611112222', ChannelState: '6', Duration: '00:00:58', BridgeId: 'b-7' },
    ];
    pbx.state.channels = talkingUp;

    const first = await start();
    await waitFor('the login', async () => pbx.logins.some((l) => l.accepted));
    // A queue call answered on this desk (the transcript stops mid-call), and one ringing it.
    pbx.replay(path.join(FIXTURES, 'asterisk20-restart-midcall.ami'));
    const common = { Channel: 'PJSIP/trunk-00000078', Uniqueid: ringing, Linkedid: ringing, CallerIDNum: '13700009999', Queue: 'support' };
    pbx.send({ Event: 'QueueCallerJoin', Timestamp: '1764596500.000000', ...common, Position: '1', Count: '1' });
    pbx.send({ Event: 'AgentCalled', Timestamp: '1764596502.000000', ...common, DestChannel: 'PJSIP/1001-00000079', Interface: 'PJSIP/1001', MemberName: 'Li Na' });
    const answered = await waitFor('the answered call', async () => (await facts(talking))?.answered_at != null && (await facts(talking)));
    await waitFor('the ringing call’s record', async () => (await facts(ringing))?.call_record_id != null);
    const talkingRecord = answered.call_record_id!;

    // The desk's inputs stop (an app restart, a save of the Telephony card); the ringing caller hangs up meanwhile.
    await first.stop();
    pbx.state.channels = talkingUp;
    const newsBefore = news.length;
    await start();
    const ended = await waitFor('the ringing call’s end', async () => (await facts(ringing))?.ended_at != null && (await facts(ringing)));
    expect(ended.answered_at).toBeNull();
    const missed = await desk.store.db.selectFrom('missed_calls').selectAll().where('call_id', '=', ringing).executeTakeFirstOrThrow();
    expect(missed.queue).toBe('support');
    const voided = await desk.store.db.selectFrom('calls').selectAll().where('id', '=', ended.call_record_id!).executeTakeFirstOrThrow();
    expect(voided.void_reason).toBe(`not answered: logged as missed call ${missed.missed_no}`);
    await new Promise((r) => setTimeout(r, 300));
    // The call still up: not ended, not offered again (no event reached its record).
    expect((await facts(talking))?.ended_at).toBeNull();
    expect((await facts(talking))?.offered_at).toBe(answered.offered_at);
    expect(news.slice(newsBefore).some((n) => n.recordId === talkingRecord)).toBe(false);

    // It hangs up while the desk is down once more: the next start ends it, answered, and leaves no missed call.
    pbx.state.channels = [];
    await start();
    const done = await waitFor('the talking call’s end', async () => (await facts(talking))?.ended_at != null && (await facts(talking)));
    expect(done.cause).toBe('normalClearing');
    expect(done.answered_at).toBe(answered.answered_at);
    expect(await desk.store.db.selectFrom('missed_calls').select('id').where('call_id', '=', talking).execute()).toHaveLength(0);
  });

  it('AMI: a caller abandoning the watched queue leaves a missed call with its callback target, and no record', async () => {
    const pbx = await startAmiServer();
    cleanups.push(() => pbx.close());
    const { desk } = await deskWithTelephony({ HOTLINE_AMI_URL: pbx.url(), HOTLINE_EXTENSION: 'PJSIP/1001', HOTLINE_AMI_QUEUES: 'support' });
    await waitFor('the login', async () => pbx.logins.some((l) => l.accepted));
    pbx.replay(path.join(FIXTURES, 'asterisk18-queue-abandon.ami'));
    const missed = await waitFor('the missed call', () => desk.store.db.selectFrom('missed_calls').selectAll().executeTakeFirst());
    expect(missed.missed_no).toMatch(/^MC\d{8}001$/);
    expect(missed.queue).toBe('support');
    expect(missed.phone_last4).toBe('1234');
    expect(missed.cause).toBe('abandoned');
    expect(missed.callback_due_at).not.toBeNull();
    expect(await desk.store.db.selectFrom('calls').select('id').execute()).toHaveLength(0);
  });

  it('CTI: a Zammad-format newCall then hangup with cause cancel leaves a missed call', async () => {
    const { desk, telephony } = await deskWithTelephony({ HOTLINE_CTI: 'on' });
    const { token } = readCtiEndpoint(desk.file);
    const at = telephony.cti!;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const newCall = await send(at, `/api/v1/cti/${token}`, 'event=newCall&from=%2B8613800138000&to=4000&direction=in&callId=z-1&user%5B%5D=Li+Na', form);
    expect(newCall.status).toBe(200);
    const hangup = await send(at, `/api/v1/cti/${token}`, 'event=hangup&from=%2B8613800138000&to=4000&direction=in&callId=z-1&cause=cancel', form);
    expect(hangup.status).toBe(200);
    const missed = await waitFor('the missed call', () => desk.store.db.selectFrom('missed_calls').selectAll().executeTakeFirst());
    expect(missed.cause).toBe('cancel');
    // The call's key names this desk's endpoint: another desk's softphone reusing "z-1" is another call, on the team server too.
    expect(missed.pbx).toBe('cti:A03');
    expect(missed.phone_last4).toBe('8000');
    // It rang a user of this desk: the record it opened was voided in favour of the missed call.
    const record = await desk.store.db.selectFrom('calls').selectAll().executeTakeFirstOrThrow();
    expect(record.call_at).toBe(missed.call_at);
    expect(record.void_reason).toBe(`not answered: logged as missed call ${missed.missed_no}`);
  });

  it('CTI: desks fed by one bridge of one PBX share its name, set as ctiPbx', async () => {
    const desk = await openTestDesk({ now: Date.UTC(2025, 11, 1, 12) });
    cleanups.push(() => desk.close());
    updateSettings(desk.file, { ctiPbx: 'pbx-main' });
    const telephony = (await startTelephony({ file: desk.file, db: desk.store.db, atDesk: () => null, onOutcome: () => undefined, env: { HOTLINE_CTI: 'on' } }))!;
    cleanups.push(() => telephony.stop());
    const { token } = readCtiEndpoint(desk.file);
    await send(telephony.cti!, `/api/v1/cti/${token}`, 'event=newCall&from=13800138000&to=4000&direction=in&callId=q-7', { 'content-type': 'application/x-www-form-urlencoded' });
    const facts = await waitFor('the call', () => desk.store.db.selectFrom('phone_calls').selectAll().executeTakeFirst());
    expect(facts.pbx).toBe('pbx-main');
  });
});
