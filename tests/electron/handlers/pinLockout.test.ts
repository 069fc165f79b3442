import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../electron/handlers/dispatch';
import { pinMatches } from '../../../electron/records/pin';
import type { MethodName, RequestOf, ResponseOf } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

/**
 * Issue 11 §3, "A PIN cannot be guessed": 5 wrong PINs lock a profile for
 * 30 s, then 1, 2, 4… minutes up to 15; a right PIN is refused while locked;
 * the lock is stored, checked before any hashing, cleared by an admin and
 * written to a trail of its own. Time is the test's clock (ctx.now).
 */

let desk: TestDesk;
let agentId: number;
const RIGHT = '4821';
const WRONG = '1111';

beforeEach(async () => {
  desk = await openTestDesk();
  agentId = (await desk.ok('saveUser', { name: '王芳', role: 'agent', pin: RIGHT })).id;
});
afterEach(async () => {
  vi.restoreAllMocks();
  await desk.close();
});

/** Another window at the same desk: its own sign-in, the same database and clock. */
function window(d: TestDesk = desk) {
  const ctx = { ...d.ctx, session: { userId: null as number | null } };
  return {
    ctx,
    call: <K extends MethodName>(method: K, request: RequestOf<K>) => dispatch(method, request, ctx) as Promise<ApiResult<ResponseOf<K>>>,
  };
}

const signInAs = (w: ReturnType<typeof window>, pin: string, userId = agentId) => w.call('signIn', { userId, pin });

/** The seconds to wait that a pin_locked refusal carries (what the page shows), or the error code it got instead. */
async function waitSeconds(w: ReturnType<typeof window>, pin: string): Promise<number | string> {
  const r = await signInAs(w, pin);
  if (r.ok) return 'signed in';
  return r.error.code === 'pin_locked' ? Number(r.error.problems?.[0]) : r.error.code;
}

async function wrongTimes(w: ReturnType<typeof window>, n: number): Promise<Array<number | string>> {
  const out: Array<number | string> = [];
  for (let i = 0; i < n; i++) out.push(await waitSeconds(w, WRONG));
  return out;
}

const seconds = (s: number) => desk.clock.advance(s / 60);

describe('locking a profile after wrong PINs', () => {
  it('answers the first four wrong PINs as wrong, and locks the profile for 30 s at the fifth', async () => {
    const w = window();
    expect(await wrongTimes(w, 5)).toEqual(['wrong_pin', 'wrong_pin', 'wrong_pin', 'wrong_pin', 30]);
    const refusal = await signInAs(w, WRONG);
    expect(refusal).toMatchObject({ ok: false, error: { code: 'pin_locked', field: 'pin', message: 'Too many wrong PINs for this profile. Try again in 30 s.' } });
    expect(w.ctx.session.userId).toBeNull();
  });

  it('refuses the right PIN too while locked, saying how long is left, and lets it in once the lock has ended', async () => {
    const w = window();
    await wrongTimes(w, 5);
    seconds(12);
    expect(await waitSeconds(w, RIGHT)).toBe(18);
    seconds(17.5);
    expect(await signInAs(w, RIGHT)).toMatchObject({ ok: false, error: { code: 'pin_locked', problems: ['1'] } });
    expect(w.ctx.session.userId).toBeNull();
    seconds(0.5);
    expect(await signInAs(w, RIGHT)).toMatchObject({ ok: true, value: { name: '王芳' } });
    expect(w.ctx.session.userId).toBe(agentId);
  });

  it('doubles the lock at each further wrong PIN: 30 s, 1, 2, 4, 8 minutes, then 15 at most', async () => {
    const w = window();
    await wrongTimes(w, 4);
    const locks: Array<number | string> = [];
    for (let i = 0; i < 8; i++) {
      const wait = await waitSeconds(w, WRONG);
      locks.push(wait);
      if (typeof wait === 'number') seconds(wait);
    }
    expect(locks).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
    // The English fallback says minutes once the wait is a minute or more.
    expect(await signInAs(w, WRONG)).toMatchObject({ ok: false, error: { message: 'Too many wrong PINs for this profile. Try again in 15 min.' } });
  });

  it('starts afresh after the right PIN once the lock has ended: five more tries, and 30 s again', async () => {
    const w = window();
    await wrongTimes(w, 5);
    seconds(30);
    expect(await waitSeconds(w, WRONG)).toBe(60);
    seconds(60);
    expect(await waitSeconds(w, RIGHT)).toBe('signed in');
    expect(await wrongTimes(w, 5)).toEqual(['wrong_pin', 'wrong_pin', 'wrong_pin', 'wrong_pin', 30]);
  });

  it('locks one profile only', async () => {
    const leadId = (await desk.ok('saveUser', { name: '张主管', role: 'team_lead', pin: '7777' })).id;
    const w = window();
    await wrongTimes(w, 5);
    expect(await signInAs(w, '7777', leadId)).toMatchObject({ ok: true, value: { name: '张主管' } });
  });

  it('keeps the count and the lock in the database: reopening the file does not reset them', async () => {
    const w = window();
    await wrongTimes(w, 4);
    await desk.store.close();
    let reopened = await openTestDesk({ file: desk.file, setup: false, now: desk.clock.ms });
    // The fifth wrong PIN after a restart still locks.
    expect(await waitSeconds(window(reopened), WRONG)).toBe(30);
    await reopened.store.close();
    reopened = await openTestDesk({ file: desk.file, setup: false, now: desk.clock.ms + 10_000 });
    expect(await waitSeconds(window(reopened), RIGHT)).toBe(20);
    desk = reopened;
  });

  it('tells a clock set back from a long lock: the wait is never longer than the lock itself', async () => {
    const w = window();
    await wrongTimes(w, 5);
    desk.clock.advance(-24 * 60);
    expect(await waitSeconds(w, RIGHT)).toBe(30);
    seconds(30);
    expect(await waitSeconds(w, RIGHT)).toBe('signed in');
  });
});

describe('the lock comes before the hash', () => {
  it('never hashes a PIN typed for a locked profile', async () => {
    const scrypt = vi.spyOn(crypto, 'scrypt');
    const w = window();
    await wrongTimes(w, 5);
    expect(scrypt).toHaveBeenCalledTimes(5);
    for (let i = 0; i < 20; i++) await signInAs(w, i % 2 ? RIGHT : WRONG);
    expect(scrypt).toHaveBeenCalledTimes(5);
  });

  it('lets only five of thirty guesses sent at once be hashed', async () => {
    const scrypt = vi.spyOn(crypto, 'scrypt');
    const w = window();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => signInAs(w, String(1000 + i))));
    expect(scrypt).toHaveBeenCalledTimes(5);
    expect(answers.filter((a) => !a.ok && a.error.code === 'pin_locked')).toHaveLength(26);
    expect(answers.filter((a) => !a.ok && a.error.code === 'wrong_pin')).toHaveLength(4);
  });

  it('hashes off the main thread: other work runs while a PIN is checked', async () => {
    const stored = (desk.store.sqlite.prepare('SELECT pin_hash FROM users WHERE id = ?').pluck().get(agentId) as string);
    let ranMeanwhile = false;
    setImmediate(() => (ranMeanwhile = true));
    expect(await pinMatches(RIGHT, stored)).toBe(true);
    expect(ranMeanwhile).toBe(true);
    expect(await pinMatches(WRONG, stored)).toBe(false);
  });
});

describe('clearing a lock', () => {
  it('lists who is locked and until when, for an admin, who can clear it at once', async () => {
    const w = window();
    await wrongTimes(w, 5);
    const until = desk.clock.ms + 30_000;
    await desk.ok('signIn', { userId: 1 });
    expect((await desk.ok('getLockouts', {})).locked).toEqual([{ userId: agentId, name: '王芳', role: 'agent', lockedUntil: until, failures: 5 }]);
    seconds(5);
    const after = await desk.ok('clearLockout', { userId: agentId });
    expect(after.locked).toEqual([]);
    expect(await waitSeconds(w, RIGHT)).toBe('signed in');
    // Cleared means a fresh run: five tries again before a 30 s lock.
    await signInAs(w, RIGHT);
    expect(await wrongTimes(w, 5)).toEqual(['wrong_pin', 'wrong_pin', 'wrong_pin', 'wrong_pin', 30]);
  });

  it('refuses the list and the clearing to team leads and agents', async () => {
    const w = window();
    await wrongTimes(w, 5);
    const lead = await desk.ok('saveUser', { name: '张主管', role: 'team_lead', pin: '7777' });
    await desk.ok('signIn', { userId: lead.id, pin: '7777' });
    expect(await desk.call('getLockouts', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await desk.call('clearLockout', { userId: agentId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await waitSeconds(w, RIGHT)).toBe(30);
  });

  it('writes lock-outs and unlocks to a trail of their own, newest first, which cannot be changed', async () => {
    const w = window();
    const lockedAt = desk.clock.ms;
    await wrongTimes(w, 5);
    seconds(30);
    await wrongTimes(w, 1);
    seconds(10);
    await desk.ok('signIn', { userId: 1 });
    const { trail } = await desk.ok('clearLockout', { userId: agentId });
    expect(trail).toEqual([
      { event: 'unlocked', userName: '王芳', at: lockedAt + 40_000, failures: 6, lockedUntil: lockedAt + 90_000, actor: '李娜' },
      { event: 'locked', userName: '王芳', at: lockedAt + 30_000, failures: 6, lockedUntil: lockedAt + 90_000, actor: null },
      { event: 'locked', userName: '王芳', at: lockedAt, failures: 5, lockedUntil: lockedAt + 30_000, actor: null },
    ]);
    // Nothing left to clear: nothing written.
    expect(await desk.ok('clearLockout', { userId: agentId })).toMatchObject({ trail: { length: 3 } });
    expect(() => desk.store.sqlite.prepare('DELETE FROM pin_lock_audit').run()).toThrow(/append-only/);
    expect(() => desk.store.sqlite.prepare("UPDATE pin_lock_audit SET actor = 'x'").run()).toThrow(/append-only/);
    // The per-call audit trail is untouched.
    expect(desk.store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
  });
});
