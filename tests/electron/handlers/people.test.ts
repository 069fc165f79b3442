import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../shared/policy/defaults';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

let desk: TestDesk;
beforeEach(async () => {
  desk = await openTestDesk();
});
afterEach(async () => {
  await desk.close();
});

/** Adds a profile as the desk's admin (profile 1), then signs it in on the test's session. */
async function becomes(name: string, role: 'agent' | 'team_lead' | 'admin', pin?: string) {
  await desk.ok('signIn', { userId: 1 });
  const user = await desk.ok('saveUser', { name, role, ...(pin ? { pin } : {}) });
  await desk.ok('signIn', { userId: user.id, ...(pin ? { pin } : {}) });
  return user;
}

describe('profiles and roles', () => {
  it('makes whoever sets the desk up its admin, signed in', async () => {
    expect(await desk.ok('whoAmI', {})).toMatchObject({ name: '李娜', role: 'admin', hasPin: false });
  });

  it('checks PINs, and keeps them only as hashes', async () => {
    const agent = await desk.ok('saveUser', { name: '王芳', role: 'agent', pin: '1234' });
    expect(agent.hasPin).toBe(true);
    expect(await desk.call('signIn', { userId: agent.id, pin: '9999' })).toMatchObject({ ok: false, error: { code: 'wrong_pin', field: 'pin' } });
    expect(await desk.call('saveUser', { name: '赵六', role: 'agent', pin: '12' })).toMatchObject({ ok: false, error: { field: 'pin' } });
    const stored = desk.store.sqlite.prepare('SELECT pin_hash FROM users WHERE id = ?').pluck().get(agent.id) as string;
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain('1234');
    expect(await desk.ok('signIn', { userId: agent.id, pin: '1234' })).toMatchObject({ name: '王芳' });
  });

  it('records who logged a call, and lets an agent change only their own records', async () => {
    const mine = await desk.ok('startCall', {});
    await becomes('王芳', 'agent');
    const hers = await desk.ok('startCall', {});
    expect(hers.agent).toBe('王芳');
    expect(await desk.call('updateCall', { id: mine.id, patch: { remarks: 'x' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await desk.call('savePolicy', { policy: defaultPolicy('Asia/Shanghai') })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await desk.call('saveUser', { name: '新人', role: 'agent' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await becomes('张主管', 'team_lead');
    expect((await desk.ok('updateCall', { id: hers.id, patch: { remarks: '主管补充' } })).remarks).toBe('主管补充');
  });

  it('refuses every change when nobody is signed in', async () => {
    await desk.ok('signOut', {});
    expect(await desk.call('startCall', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('keeps at least one active admin', async () => {
    const admin = (await desk.ok('whoAmI', {}))!;
    expect(await desk.call('saveUser', { id: admin.id, name: admin.name, role: 'agent' })).toMatchObject({ ok: false, error: { field: 'role' } });
  });
});
