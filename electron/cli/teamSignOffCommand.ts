import type { TeamDayStatus } from '../../shared/api/team';
import { localDateTime } from '../../shared/timing/localTime';
import { leadSignOffs } from '../teamStore/signOffApi';
import { UsageError } from './args';
import { leadName } from './teamInboxCommand';
import { withTeamLogin } from './teamUrl';

/**
 * A lead's sign-off on the team server, per desk and day (docs/review.md):
 * `hotline team day DESK DATE` shows the day as the server has it (records,
 * what still blocks it, the desk's changes still waiting to be pushed),
 * `hotline team sign-off DESK DATE` signs it, covering the desk's mark.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function deskAndDate(action: string, [desk, date, ...extra]: string[]): { desk: string; date: string } {
  if (!desk || !date || extra.length > 0) throw new UsageError(`team ${action} needs the DESK and the DATE (YYYY-MM-DD)`);
  if (!DATE.test(date)) throw new UsageError(`"${date}" is no date: type it as YYYY-MM-DD`);
  return { desk, date };
}


/** A day's status as the lead reads it. */
export function dayText(s: TeamDayStatus): string {
  const zone = s.timeZone ?? 'UTC';
  const at = (ms: number) => `${localDateTime(ms, zone)}`;
  const lines = [`Desk ${s.desk}, ${s.date} (${s.timeZone ?? 'zone unknown'}): ${s.over ? 'over' : 'not over yet'} · ${s.records} record${s.records === 1 ? '' : 's'}`];
  if (s.signedOff) {
    lines.push(`Signed off by ${s.signedOff.by} at ${at(s.signedOff.at)}, covering the desk's changes up to ${s.signedOff.covered.epoch}/${s.signedOff.covered.seq}`);
    if (s.changedAfterSignOff.length > 0) lines.push(`Changed after sign-off: ${s.changedAfterSignOff.join(', ')}`);
  } else if (s.blockers.length === 0) {
    lines.push(s.over ? 'Nothing blocks its sign-off.' : 'Nothing blocks it so far; it can be signed off once it is over.');
  } else {
    lines.push(`Blocking its sign-off (${s.blockers.length}):`);
    for (const b of s.blockers) lines.push(`  ${b.recordNo}: ${b.problem === 'open' ? 'not closed and no follow-up owner' : `${b.target}${b.index ? ` ${b.index + 1}` : ''} missed without a reason`}`);
  }
  const seen = s.lastSeenAt === null ? 'never heard from' : `last heard from ${at(s.lastSeenAt)}`;
  const waiting =
    s.waiting === null ? 'changes waiting: not reported' : s.waiting === 0 ? `no changes waiting (said ${at(s.waitingAt!)})` : `${s.waiting} change${s.waiting === 1 ? '' : 's'} waiting at the desk (said ${at(s.waitingAt!)})`;
  lines.push(`Desk ${s.desk}: pushed up to ${s.deskMark.epoch}/${s.deskMark.seq}, ${seen}, ${waiting}`);
  return `${lines.join('\n')}\n`;
}

export async function dayCommand(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number> {
  const { desk, date } = deskAndDate('day', positionals);
  return withTeamLogin(values, 'day', async (conn) => {
    const status = await leadSignOffs(conn).day(desk, date);
    if (!status) {
      process.stderr.write(`hotline team day: there is no desk ${desk} on this team server\n`);
      return 1;
    }
    process.stdout.write(values.json ? `${JSON.stringify(status, null, 2)}\n` : dayText(status));
    return 0;
  });
}

export async function signOffCommand(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number> {
  const { desk, date } = deskAndDate('sign-off', positionals);
  return withTeamLogin(values, 'sign-off', async (conn) => {
    const api = leadSignOffs(conn);
    const done = await api.signOff(desk, date, await leadName(conn, values.by));
    const status = await api.day(desk, date);
    const zone = status?.timeZone ?? 'UTC';
    process.stdout.write(`Signed off ${date} of desk ${desk} at ${localDateTime(done.at, zone)} (${zone}), covering its changes up to ${done.covered.epoch}/${done.covered.seq}.\n`);
    // Changes made before the sign-off that had not reached the server arrive above the covered mark, flagged.
    if (status?.waiting) process.stdout.write(`Desk ${desk} said ${status.waiting} change${status.waiting === 1 ? '' : 's'} still waited to be pushed: they will arrive marked "changed after sign-off".\n`);
    return 0;
  });
}
