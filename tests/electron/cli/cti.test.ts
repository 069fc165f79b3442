import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateSettings } from '../../../electron/durability/settings';
import { openDeskCtiEndpoint } from '../../../electron/startup/ctiEndpoint';
import type { CallEvent } from '../../../shared/telephony/callEvents';
import { bundleCli } from '../../helpers/bundle';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempStore';
import { leaksIn } from '../privacy/scan';

/** Issue 15: `hotline cti newCall|answer|hangup` is what a softphone's hook runs; it reaches the running desk's endpoint. */
const tmp = tempDir();
let cli = '';
const hotline = (...args: string[]) => runCli(cli, args);
const FULL = '+86 138-0013-8000';

beforeAll(async () => {
  cli = await bundleCli(tmp.dir);
});
afterAll(() => tmp.remove());

describe('hotline cti', () => {
  it('sends newCall, answer and hangup to the running desk, which keeps only the last four digits', async () => {
    const db = path.join(tmp.dir, 'desk.db');
    const events: CallEvent[] = [];
    const endpoint = await openDeskCtiEndpoint(db, (e) => void events.push(e));
    try {
      const runs = [
        await hotline('cti', 'newCall', '--call-id', 'sp-1', '--from', FULL, '--to', '1001', '--user', 'Emma Taylor', '--queue', 'support', '--db', db),
        await hotline('cti', 'answer', '--call-id', 'sp-1', '--from', FULL, '--answering-number', '1001', '--db', db),
        await hotline('cti', 'hangup', '--call-id', 'sp-1', '--from', FULL, '--cause', 'normalClearing', '--db', db),
        await hotline('cti', 'newCall', '--call-id', 'sp-2', '--from', FULL, '--db', db),
        await hotline('cti', 'hangup', '--call-id', 'sp-2', '--from', FULL, '--cause', 'cancel', '--db', db),
        await hotline('cti', 'newCall', '--call-id', 'sp-3', '--to', FULL, '--direction', 'out', '--user', 'Emma Taylor', '--db', db),
      ];
      expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 0]);
      expect(runs.map((r) => [r.stdout, r.stderr])).toEqual(['newCall', 'answer', 'hangup', 'newCall', 'hangup', 'newCall'].map((e) => [`${e}: the desk took it\n`, '']));
      expect(events).toMatchObject([
        { kind: 'offered', callId: 'sp-1', direction: 'in', numberLast4: '8000', queue: 'support', agent: 'Emma Taylor', source: { system: 'cti' } },
        { kind: 'answered', callId: 'sp-1', agent: '1001' },
        { kind: 'ended', callId: 'sp-1', cause: 'normalClearing', unanswered: false, agent: '1001', queue: 'support' },
        { kind: 'offered', callId: 'sp-2', numberLast4: '8000' },
        { kind: 'ended', callId: 'sp-2', cause: 'cancel', unanswered: true },
        { kind: 'offered', callId: 'sp-3', direction: 'out', numberLast4: '8000' },
      ]);
      expect(leaksIn(JSON.stringify(events), 'events')).toEqual([]);
      // The URL an admin gives a PBX or bridge reaches the same endpoint.
      const url = await hotline('cti', 'url', '--db', db);
      expect(url.stdout.trim()).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${endpoint!.port}/api/v1/cti/[A-Za-z0-9_-]{43}$`));
      const pushed = await fetch(url.stdout.trim(), { method: 'POST', body: new URLSearchParams({ event: 'hangup', callId: 'sp-3', cause: 'noAnswer' }) });
      expect(pushed.status).toBe(200);
      expect(events.at(-1)).toMatchObject({ kind: 'ended', callId: 'sp-3', cause: 'noAnswer', unanswered: true });
    } finally {
      await endpoint!.close();
    }
  });

  it('says clearly when no endpoint is running, or the desk never made one, without repeating the number', async () => {
    const db = path.join(tmp.dir, 'stopped.db');
    const endpoint = await openDeskCtiEndpoint(db, () => undefined);
    await endpoint!.close();
    const stopped = await hotline('cti', 'newCall', '--call-id', 'x', '--from', FULL, '--db', db);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain(`hotline cti: no CTI endpoint answered at 127.0.0.1:${endpoint!.port}: nothing is listening there: is Hotline Log (the desktop app or hotline serve) running on this desk?`);

    const never = await hotline('cti', 'newCall', '--call-id', 'x', '--from', FULL, '--db', path.join(tmp.dir, 'new.db'));
    expect(never.code).toBe(1);
    expect(never.stderr).toMatch(/this desk has no CTI endpoint yet .*start Hotline Log once/);
    expect(leaksIn(stopped.stderr + never.stderr, 'stderr')).toEqual([]);
  });

  it('passes on the desk’s refusal in one line (a token that no longer matches), and refuses bad options before sending', async () => {
    const db = path.join(tmp.dir, 'refused.db');
    const endpoint = await openDeskCtiEndpoint(db, () => undefined);
    try {
      updateSettings(db, { ctiToken: 'a-token-the-desk-does-not-run-with' });
      const refused = await hotline('cti', 'hangup', '--call-id', 'x', '--from', FULL, '--db', db);
      expect(refused).toMatchObject({ code: 1, stderr: 'hotline cti: the desk refused the event (404): Refused: not found.\n' });
    } finally {
      await endpoint!.close();
    }
    const usage = [
      await hotline('cti', FULL, '--call-id', 'x', '--db', db),
      await hotline('cti', 'newCall', '--from', FULL, '--db', db),
      await hotline('cti', 'newCall', '--call-id', 'x', '--direction', FULL, '--db', db),
      await hotline('cti', 'hangup', '--call-id', 'x', '--cause', FULL, '--db', db),
    ];
    expect(usage.map((u) => u.code)).toEqual([2, 2, 2, 2]);
    expect(usage.map((u) => u.stderr.split('\n')[0])).toEqual([
      'hotline cti: give one event: newCall, answer, hangup',
      'hotline cti: --call-id is required',
      'hotline cti: --direction must be in or out',
      'hotline cti: --cause must be one of normalClearing, busy, cancel, noAnswer, congestion, notFound, forwarded',
    ]);
    expect(leaksIn(usage.map((u) => u.stderr + u.stdout).join('\n'), 'output')).toEqual([]);
  });
});
