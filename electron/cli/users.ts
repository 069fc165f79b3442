import os from 'node:os';
import { DateTime } from 'luxon';
import { HotlineError } from '../../shared/api/result';
import { cleanText } from '../../shared/domain/text';
import { requireDesk } from '../records/deskAndUser';
import { clearPinLock } from '../records/pinLockout';
import { addProfile } from '../records/profiles';
import { findDesk } from '../store/desk';
import type { UserRow } from '../store/schema';
import { findUserByName, listUsers } from '../store/users';
import { DB_HELP, UsageError, type Command } from './args';
import { readPin } from './pinInput';
import { table } from './stats';
import { withStore } from './withStore';

const ROLES: ReadonlyArray<UserRow['role']> = ['agent', 'team_lead', 'admin'];

/**
 * The desk's profiles from its own machine: IT adds them by script, and
 * `unlock` clears a PIN lock-out even when the only admin is the one locked
 * out. Whoever can run this can read and write the database file anyway, so
 * it asks for no sign-in; the rules are the Team screen's (the same functions).
 */
export const usersCommand: Command = {
  name: 'users',
  summary: 'list the desk\'s profiles, add one, or clear a PIN lock-out',
  usage: `hotline users list [--db PATH]
hotline users add NAME --role agent|team_lead|admin [--pin-stdin] [--db PATH]
hotline users unlock NAME [--db PATH]

list    name, role, whether active, and until when a profile is locked out
        after wrong PINs (times in the desk's zone)
add     a new profile on a set-up desk. --pin-stdin reads its PIN (4 to 8
        digits) from the first line of standard input, e.g.
          printf '%s\\n' "$PIN" | hotline users add 王芳 --role agent --pin-stdin
        A PIN is never taken from the command line: it would stay in the
        shell's history and show in ps.
unlock  clears a profile's PIN lock-out and its run of wrong PINs; written to
        the lock-out trail the admin sees on the Team screen

  ${DB_HELP}`,
  options: { role: { type: 'string' }, 'pin-stdin': { type: 'boolean' }, pin: { type: 'string' } },
  async run(values, positionals) {
    // Declared only to be refused with a reason instead of "unknown option".
    if (values.pin !== undefined) throw new UsageError('a PIN is never read from the command line (shell history, ps); use --pin-stdin');
    const [action, name, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected ${extra.map((e) => `"${e}"`).join(' ')} (quote a name with spaces)`);
    try {
      if (action === 'list') return await list(values);
      if (action === 'add') return await add(values, name);
      if (action === 'unlock') return await unlock(values, name);
    } catch (error) {
      if (!(error instanceof HotlineError)) throw error;
      process.stderr.write(`hotline users: ${error.message}\n`);
      return 1;
    }
    throw new UsageError(action ? `unknown action "${action}"` : 'say list, add or unlock');
  },
};

type Values = Record<string, string | boolean | undefined>;

const at = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm:ss');

async function list(values: Values): Promise<number> {
  const now = Date.now();
  const text = await withStore(values, async ({ db }) => {
    const zone = (await findDesk(db))?.time_zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const rows = (await listUsers(db)).map((u) => [
      u.name,
      u.role,
      u.active ? 'yes' : 'no',
      u.pin_locked_until !== null && u.pin_locked_until > now ? `${at(u.pin_locked_until, zone)} (${zone})` : '—',
    ]);
    return table(['name', 'role', 'active', 'locked until'], rows);
  });
  process.stdout.write(`${text}\n`);
  return 0;
}

async function add(values: Values, name: string | undefined): Promise<number> {
  if (!name) throw new UsageError('users add needs the NAME of the profile');
  const role = values.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw new UsageError('users add needs --role agent, team_lead or admin');
  let pin: string | null = null;
  if (values['pin-stdin']) {
    pin = await readPin();
    if (pin === '') throw new UsageError('--pin-stdin was given, but standard input held no PIN');
  }
  const user = await withStore(values, async ({ db }) => {
    // Whoever sets the desk up is its first admin: profiles come after that.
    await requireDesk(db);
    return addProfile(db, { name, role: role as UserRow['role'], pin }, Date.now());
  });
  process.stdout.write(`Added ${user.name} (${user.role}${user.pin_hash === null ? ', no PIN' : ', with a PIN'}).\n`);
  return 0;
}

async function unlock(values: Values, typed: string | undefined): Promise<number> {
  if (!typed) throw new UsageError('users unlock needs the NAME of the profile');
  const name = cleanText(typed);
  return withStore(values, async ({ db }) => {
    const user = await findUserByName(db, name);
    if (!user) {
      process.stderr.write(`hotline users: there is no profile named "${name}" (see hotline users list)\n`);
      return 1;
    }
    const now = Date.now();
    const wasLocked = user.pin_locked_until !== null && user.pin_locked_until > now;
    const cleared = await clearPinLock(db, user.id, { name: `hotline users unlock (${loginName()})`, id: null }, now);
    process.stdout.write(
      !cleared
        ? `${user.name} was not locked out; nothing to clear.\n`
        : wasLocked
          ? `Cleared the PIN lock-out of ${user.name}: they can sign in now.\n`
          : `${user.name} was not locked out; cleared their ${user.pin_failures} wrong PIN(s) in a row.\n`,
    );
    return 0;
  });
}

/** The machine's login that ran the command, for the trail; some containers have none. */
function loginName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown login';
  }
}
