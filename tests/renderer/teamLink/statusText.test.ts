import { describe, expect, it } from 'vitest';
import type { TeamStatus } from '../../../shared/api/team';
import { translate, type Lang, type MessageKey } from '../../../shared/i18n';
import { teamStatusText } from '../../../renderer/src/features/teamLink/statusText';

const ZONE = 'Asia/Shanghai';
/** 2026-12-01 10:42 in Shanghai. */
const AT = Date.UTC(2026, 11, 1, 2, 42);
const linked = (over: Partial<Extract<TeamStatus, { linked: true }>> = {}): TeamStatus => ({
  linked: true,
  role: 'desk',
  epoch: 1,
  waiting: 0,
  lastPushAt: AT,
  lastOutcome: 'ok',
  unreachableSince: null,
  serverPolicyVersion: null,
  parked: [],
  ...over,
});
const text = (status: TeamStatus, lang: Lang, now = AT + 3_600_000) => teamStatusText(status, (key: MessageKey, params) => translate(lang, key, params), ZONE, now);

describe("the desk's team status line", () => {
  it('says nothing for a desk that is not linked', () => {
    expect(text({ linked: false }, 'en')).toBeNull();
  });

  it('is calm when up to date, and counts the changes waiting', () => {
    expect(text(linked(), 'en')).toEqual({ text: 'Team server: up to date', tone: 'ok' });
    expect(text(linked(), 'zh')).toEqual({ text: '团队服务器：已同步', tone: 'ok' });
    expect(text(linked({ waiting: 3 }), 'zh')).toEqual({ text: '团队服务器：3 条更改待上传', tone: 'waiting' });
  });

  it("says since when the server is unreachable on the desk's clock, with the date once it is not today", () => {
    expect(text(linked({ waiting: 37, lastOutcome: 'unreachable', unreachableSince: AT }), 'en')).toEqual({ text: 'Team server: 37 changes waiting · server unreachable since 10:42', tone: 'warning' });
    expect(text(linked({ waiting: 37, lastOutcome: 'unreachable', unreachableSince: AT }), 'zh')!.text).toBe('团队服务器：37 条更改待上传 · 自 10:42 起无法连接服务器');
    expect(text(linked({ waiting: 2, lastOutcome: 'timeout', unreachableSince: AT }), 'en', AT + 86_400_000)!.text).toBe('Team server: 2 changes waiting · server unreachable since 2026-12-01 10:42');
  });

  it('says why pushing stopped, in words for the refusals a person can act on, and lists refused records', () => {
    expect(text(linked({ waiting: 1, lastOutcome: 'leaseHeld' }), 'zh')!.text).toBe('团队服务器：1 条更改待上传 · 已暂停上传：本席位代码正在另一台电脑上使用');
    expect(text(linked({ waiting: 1, lastOutcome: 'appVersion' }), 'en')!.text).toContain('update the app');
    expect(text(linked({ waiting: 1, lastOutcome: 'server' }), 'en')!.text).toContain('the team server refused the last push (server)');
    const parked = linked({ waiting: 1, parked: [{ callId: 4, recordNo: 'CS20261201004', at: AT, reason: 'value too long' }] });
    expect(text(parked, 'en')).toEqual({ text: 'Team server: 1 change waiting · refused by the team server (1): CS20261201004', tone: 'warning' });
  });
});
