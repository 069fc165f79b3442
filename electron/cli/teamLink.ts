import { randomUUID } from 'node:crypto';
import { forgetTeamUrl, machineInstance, saveTeamUrl } from '../durability/teamUrl';
import { joinTeam, leaveTeam } from '../team/join';
import { loginKindOfUrl } from '../team/scope';
import { teamStatusOf } from '../team/status';
import { TeamServerError } from '../teamStore/errors';
import { APP_VERSION } from '../../shared/appVersion';
import type { TeamStatus } from '../../shared/api/team';
import { dbFileOf, withStore } from './withStore';
import { readTeamUrl } from './teamUrl';

/**
 * The desk's side of `hotline team`: join (link this desk with its desk URL
 * and push its history, with progress), status (the same facts as the desk's
 * status line) and leave (unlink, keep every record).
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
    if (kind !== 'desk') {
      // A lead's or an admin's login reads team scope; the desk's own calls still go with its desk URL.
      saveTeamUrl(file, url, undefined, 'scope');
      process.stdout.write(`This desk now reads team scope as ${kind === 'lead' ? 'a lead' : 'an admin'} (Statistics' team switch, hotline stats --team). To push this desk's own calls, join with its desk URL too.\n`);
      return 0;
    }
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
    process.stdout.write(`Desk ${report.deskCode} joined the team server${how}: ${report.pushed} records pushed, ${report.waiting} waiting.\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof TeamServerError)) throw error;
    process.stderr.write(`hotline team join: ${error.message}\n`);
    return 1;
  }
}

export async function statusCommand(values: Record<string, string | boolean | undefined>): Promise<number> {
  const status = await withStore(values, (store) => teamStatusOf(store.db));
  process.stdout.write(values.json ? `${JSON.stringify(status, null, 2)}\n` : `${statusText(status)}\n`);
  return 0;
}

export async function leaveCommand(values: Record<string, string | boolean | undefined>): Promise<number> {
  const file = dbFileOf(values);
  const waiting = await withStore(values, async (store) => {
    const status = await teamStatusOf(store.db);
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
  for (const p of status.parked) lines.push(`Parked: ${p.recordNo} (${p.reason})`);
  return lines.join('\n');
}
