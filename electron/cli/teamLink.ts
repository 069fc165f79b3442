import { randomUUID } from 'node:crypto';
import { forgetTeamUrl, machineInstance, readTeamUrl as readKeptTeamUrl, saveTeamUrl } from '../durability/teamUrl';
import { joinTeam, leaveTeam, releaseLease } from '../team/join';
import { findTeamLink } from '../store/outbox';
import { loginKindOfUrl } from '../team/scope';
import { teamStatusOf } from '../team/status';
import { TeamServerError } from '../teamStore/errors';
import { APP_VERSION } from '../../shared/appVersion';
import type { TeamStatus } from '../../shared/api/team';
import { dbFileOf, withStore } from './withStore';
import { readTeamUrl } from './teamUrl';

/**
 * The desk's side of `hotline team`: join (link this desk with its desk URL,
 * or a lead's or admin's granted this desk, and push its history, with
 * progress; a lead's or admin's URL also reads team scope), status (the same
 * facts as the desk's status line) and leave (give the lease back, unlink,
 * keep every record).
 */

export async function joinCommand(values: Record<string, string | boolean | undefined>, positional: string | undefined): Promise<number> {
  const url = await readTeamUrl(positional);
  if (!url) {
    process.stderr.write('hotline team join: no URL: give it, set HOTLINE_TEAM_URL, or pipe it on standard input\n');
    return 2;
  }
  const file = dbFileOf(values);
  try {
    const kind = await loginKindOfUrl(url);
    if (kind === 'desk' || kind === null) return await pushJoin(values, file, url);
    // A lead's or an admin's login reads team scope; granted this desk (add-lead NAME --desk CODE), it also pushes its calls.
    saveTeamUrl(file, url, undefined, 'scope');
    const who = kind === 'lead' ? 'a lead' : 'an admin';
    const scope = `This desk now reads team scope as ${who} (Statistics' team switch, hotline stats --team).`;
    if (await withStore(values, (store) => findTeamLink(store.db))) {
      process.stdout.write(`${scope} Its own calls go on with the URL it was linked with.\n`);
      return 0;
    }
    try {
      return await pushJoin(values, file, url, `${scope}\n`);
    } catch (error) {
      if (!(error instanceof TeamServerError && error.kind === 'notADesk')) throw error;
      process.stdout.write(`${scope} Its own calls are not pushed: ${error.message}.\n`);
      return 0;
    }
  } catch (error) {
    if (!(error instanceof TeamServerError)) throw error;
    process.stderr.write(`hotline team join: ${error.message}\n`);
    return 1;
  }
}

/** Links the desk with a URL that pushes its calls (its own, or a lead's granted it), pushes its history, keeps the URL. */
async function pushJoin(values: Record<string, string | boolean | undefined>, file: string, url: string, before = ''): Promise<number> {
  const report = await withStore(values, (store) =>
    joinTeam(store, url, {
      appVersion: APP_VERSION,
      // This computer's id for the lease, kept beside the database (never in it, nor in its backups).
      instance: machineInstance(file, randomUUID),
      onProgress: (done, total) => {
        if (process.stderr.isTTY) process.stderr.write(`\rpushing this desk's records: ${done.toLocaleString('en')} of ${total.toLocaleString('en')}`);
      },
    }),
  );
  if (process.stderr.isTTY) process.stderr.write('\n');
  saveTeamUrl(file, url);
  const how = report.comparison.kind === 'began' && !report.comparison.firstTime ? ` (the server knew this desk: ${report.comparison.pulledBack} of its records taken back)` : '';
  const by = report.login === 'desk' ? '' : ` with ${report.login === 'lead' ? 'a lead' : 'an admin'}'s login`;
  process.stdout.write(`${before}Desk ${report.deskCode} joined the team server${by}${how}: ${report.pushed} records pushed, ${report.waiting} waiting.\n`);
  return 0;
}

export async function statusCommand(values: Record<string, string | boolean | undefined>): Promise<number> {
  const status = await withStore(values, (store) => teamStatusOf(store.db));
  process.stdout.write(values.json ? `${JSON.stringify(status, null, 2)}\n` : `${statusText(status)}\n`);
  return 0;
}

export async function leaveCommand(values: Record<string, string | boolean | undefined>): Promise<number> {
  const file = dbFileOf(values);
  const kept = readKeptTeamUrl(file);
  const waiting = await withStore(values, async (store) => {
    const status = await teamStatusOf(store.db);
    // The lease first, while the link still names this PC's instance: a join within 60 s is then not refused.
    if (status.linked && kept) await releaseLease(store, kept);
    leaveTeam(store);
    return status.linked ? status.waiting : null;
  });
  forgetTeamUrl(file);
  forgetTeamUrl(file, 'scope');
  process.stdout.write(waiting === null ? 'This desk was not linked to a team server.\n' : `This desk left the team server; every record stays here${waiting > 0 ? ` (${waiting} changes were never pushed)` : ''}.\n`);
  return 0;
}

/** The status in words, as the desk's status line says it (in English: the CLI's language). */
export function statusText(status: TeamStatus): string {
  if (!status.linked) return 'Team server: not linked.';
  const at = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
  const lines = [
    status.unreachableSince !== null
      ? `Team server: ${status.waiting} changes waiting · server unreachable since ${at(status.unreachableSince)}`
      : status.lastOutcome !== null && status.lastOutcome !== 'ok'
        ? `Team server: ${status.waiting} changes waiting · pushing stopped (${status.lastOutcome})`
        : status.waiting === 0
          ? 'Team server: up to date'
          : `Team server: ${status.waiting} changes waiting`,
    `Last push: ${status.lastPushAt === null ? 'never' : at(status.lastPushAt)}${status.lastOutcome ? ` (${status.lastOutcome})` : ''}`,
    `Server policy version: ${status.serverPolicyVersion ?? 'none'}`,
  ];
  if (status.role !== 'desk') lines.push(`Pushing with ${status.role === 'admin' ? "an admin's" : "a lead's"} login, as this desk`);
  for (const p of status.parked) lines.push(`Parked: ${p.recordNo} (${p.reason})`);
  return lines.join('\n');
}
