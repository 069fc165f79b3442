import fs from 'node:fs';
import { DateTime } from 'luxon';
import { HotlineError } from '../../shared/api/result';
import { cleanText } from '../../shared/domain/text';
import { checkedPolicy } from '../records/policies';
import { startOf } from '../records/policyVersions';
import { adminAuthored, teamAuthored, type TeamRole } from '../teamStore/authoredApi';
import type { TeamConnection } from '../teamStore/connect';
import { UsageError } from './args';
import { policyMessages } from './policyText';
import { table } from './stats';
import { withTeamLogin } from './teamUrl';

/**
 * What the team authors, on the CLI (issue 14): `hotline team policy import`
 * sets the team's policy (an admin's URL), `hotline team users add` adds a
 * team profile; `show` and `list` read them (any team URL). Desks pull both on
 * their sync beat (team/authored.ts). A profile here has no PIN: PINs stay on
 * each desk.
 */

type Values = Record<string, string | boolean | undefined>;
const ROLES: readonly TeamRole[] = ['agent', 'team_lead', 'admin'];

/** A team command's connection; a refusal by row-level security or a grant (42501) means the URL is not an admin's. */
const withTeam = (values: Values, what: string, work: (conn: TeamConnection) => Promise<number>): Promise<number> =>
  withTeamLogin(values, what, work, (error) => (error.sqlState === '42501' ? 'only an admin may change what the team authors: use a URL from hotline team add-admin' : error.message));

/** The admin's name as the server keeps it: the login's own name (hotline_admin_<NAME>). */
async function adminName(conn: TeamConnection): Promise<string> {
  const { rows } = await conn.query<{ me: string }>('SELECT current_user AS me');
  return rows[0]!.me.replace(/^hotline_(lead|admin)_/, '');
}

const at = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm');

export async function teamPolicyCommand(values: Values, [action, file, ...extra]: string[]): Promise<number> {
  if (extra.length > 0) throw new UsageError(`unexpected ${extra.map((e) => `"${e}"`).join(' ')}`);
  if (action === 'show') {
    if (file) throw new UsageError(`unexpected "${file}"`);
    return withTeam(values, 'policy', async (conn) => {
      const latest = await teamAuthored(conn).latestPolicy();
      if (values.json) process.stdout.write(`${JSON.stringify(latest ?? null, null, 2)}\n`);
      else if (!latest) process.stdout.write('The team has no policy yet: desks keep their own.\n');
      else {
        const zone = (latest.json as { calendar?: { timeZone?: string } }).calendar?.timeZone ?? 'UTC';
        process.stdout.write(`Team policy version ${latest.version}, in force from ${at(latest.effective_from, zone)} (${zone}), set by ${latest.created_by}${latest.reason ? `: ${latest.reason}` : ''}\n`);
      }
      return 0;
    });
  }
  if (action !== 'import') throw new UsageError(action ? `unknown action "team policy ${action}"` : 'say team policy import FILE or team policy show');
  if (!file) throw new UsageError('team policy import needs the FILE to read');
  const say = policyMessages('en');
  let candidate: unknown;
  try {
    candidate = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    process.stderr.write(`hotline team policy: ${say.unreadable(file, error instanceof Error ? error.message : String(error))}\n`);
    return 1;
  }
  const from = typeof values.from === 'string' ? values.from : undefined;
  let policy;
  let effectiveFrom: number;
  try {
    // The same checks and messages as the desk's `hotline policy import`: every problem, nothing written.
    policy = checkedPolicy(candidate);
    effectiveFrom = startOf(from, policy, Date.now());
  } catch (error) {
    if (!(error instanceof HotlineError)) throw error;
    if (error.problems && error.code === 'invalid_policy') process.stderr.write(`hotline team policy: ${say.refused(file)}\n${error.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    else if (error.field === 'effectiveFrom') process.stderr.write(`hotline team policy: ${say.badFrom(from ?? '', error.code === 'effective_from_future' ? say.future((from ?? '').trim()) : say.invalidDate)}\n`);
    else process.stderr.write(`hotline team policy: ${say.failed(error.message)}\n`);
    return 1;
  }
  const reason = typeof values.reason === 'string' ? cleanText(values.reason) || null : null;
  return withTeam(values, 'policy', async (conn) => {
    const version = await adminAuthored(conn).addPolicyVersion({ effectiveFrom, createdBy: await adminName(conn), json: policy, reason });
    const zone = policy.calendar.timeZone;
    process.stdout.write(
      `Team policy version ${version} saved, in force from ${at(effectiveFrom, zone)} (${zone}). Linked desks take it at their next look (about 10 s)${from ? ' and re-judge their records from that day' : ''}.\n`,
    );
    return 0;
  });
}

export async function teamUsersCommand(values: Values, [action, typed, ...extra]: string[]): Promise<number> {
  if (action === 'rename' || action === 'deactivate' || action === 'activate') return changeProfileCommand(values, action, [typed, ...extra]);
  if (extra.length > 0) throw new UsageError(`unexpected ${extra.map((e) => `"${e}"`).join(' ')} (quote a name with spaces)`);
  if (action === 'list') {
    if (typed) throw new UsageError(`unexpected "${typed}"`);
    return withTeam(values, 'users', async (conn) => {
      const profiles = await teamAuthored(conn).profiles();
      if (values.json) process.stdout.write(`${JSON.stringify(profiles, null, 2)}\n`);
      else process.stdout.write(profiles.length === 0 ? 'The team has no profiles yet.\n' : `${table(['name', 'role', 'active', 'team id'], profiles.map((p) => [p.name, p.role, p.active ? 'yes' : 'no', p.team_id]))}\n`);
      return 0;
    });
  }
  if (action !== 'add') throw new UsageError(action ? `unknown action "team users ${action}"` : 'say team users add NAME --role R, rename NAME NEW-NAME, deactivate NAME, activate NAME or list');
  const name = cleanText(typed ?? '');
  if (!name) throw new UsageError('team users add needs the NAME of the profile');
  const role = values.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw new UsageError('team users add needs --role agent, team_lead or admin');
  if (values['pin-stdin'] || values.pin !== undefined) throw new UsageError('a team profile has no PIN: PINs stay on each desk (a local admin sets it there)');
  return withTeam(values, 'users', async (conn) => {
    const profile = await adminAuthored(conn).addProfile({ name, role: role as TeamRole });
    process.stdout.write(`Added ${profile.name} (${profile.role}) to the team, id ${profile.team_id}. Desks take it at their next look; it signs in at a desk once a local admin gives it a PIN there.\n`);
    return 0;
  });
}

/**
 * Renames, deactivates or activates a team profile, found by its name. The
 * change is made by the profile's team id, which stays: desks follow it at
 * their next pull (a renamed profile keeps its PIN on each desk; a
 * deactivated one signs in nowhere).
 */
async function changeProfileCommand(values: Values, action: 'rename' | 'deactivate' | 'activate', [typed, newTyped, ...extra]: Array<string | undefined>): Promise<number> {
  const wanted = action === 'rename' ? 2 : 1;
  const rest = [...(action === 'rename' ? [] : [newTyped]), ...extra].filter((e): e is string => e !== undefined);
  if (rest.length > 0) throw new UsageError(`unexpected ${rest.map((e) => `"${e}"`).join(' ')} (quote a name with spaces)`);
  const name = cleanText(typed ?? '');
  const newName = cleanText(newTyped ?? '');
  if (!name || (wanted === 2 && !newName)) throw new UsageError(action === 'rename' ? 'team users rename needs the NAME of the profile and its NEW-NAME' : `team users ${action} needs the NAME of the profile`);
  return withTeam(values, 'users', async (conn) => {
    const profile = (await teamAuthored(conn).profiles()).find((p) => p.name === name);
    if (!profile) {
      process.stderr.write(`hotline team users: the team has no profile named "${name}" (hotline team users list shows them)\n`);
      return 1;
    }
    const changes = action === 'rename' ? { name: newName } : { active: action === 'activate' };
    // No row back: row-level security let the update touch nothing (a login that is no admin's).
    const changed = await adminAuthored(conn).updateProfile(profile.team_id, changes);
    if (!changed) {
      process.stderr.write('hotline team users: only an admin may change what the team authors: use a URL from hotline team add-admin\n');
      return 1;
    }
    const done =
      action === 'rename'
        ? `Renamed ${name} to ${changed.name} (team id ${changed.team_id}). Desks show the new name at their next look; its PIN on each desk stays.`
        : action === 'deactivate'
          ? `Deactivated ${name}: no desk lets it sign in once it has taken the change (its next look, about 10 s).`
          : `Activated ${name}: it signs in again at each desk where it has a PIN, once that desk has taken the change.`;
    process.stdout.write(`${done}\n`);
    return 0;
  });
}
