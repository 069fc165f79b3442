import { TeamServerError } from '../teamStore/errors';
import { initTeamSchema, TeamInitError } from '../teamStore/init';
import { addTeamLogin, type TeamLoginKind } from '../teamStore/logins';
import { DB_HELP, UsageError, type Command } from './args';
import { inboxCommand, reasonCommand } from './teamInboxCommand';
import { dayCommand, signOffCommand } from './teamSignOffCommand';
import { teamPolicyCommand, teamUsersCommand } from './teamAuthoredCommand';
import { joinCommand, leaveCommand, statusCommand } from './teamLink';
import { readTeamUrl } from './teamUrl';

const ADD: Record<string, TeamLoginKind> = { 'add-desk': 'desk', 'add-lead': 'lead', 'add-admin': 'admin' };

/**
 * Setting up the team server (issue 14, docs/team.md): with a URL of a role
 * that may create roles and tables. Desks never migrate the server; init does.
 */
export const teamCommand: Command = {
  name: 'team',
  summary: 'the team server on PostgreSQL: set it up (init, add-desk, add-lead, add-admin), link this desk (join, status, leave), leads: reason, inbox, day, sign-off; admins: policy, users',
  usage: `hotline team init [--url URL]
hotline team add-desk CODE [--url URL]
hotline team add-lead NAME [--desk CODE] [--url URL]
hotline team add-admin NAME [--desk CODE] [--url URL]
hotline team join [URL] [--db PATH]
hotline team status [--db PATH] [--json]
hotline team leave [--db PATH]
hotline team reason DESK RECORD --target KIND [--index N] --code CODE [--text T] [--reason R] [--by NAME] [--url LEAD-URL]
hotline team inbox [--desk DESK] [--json] [--url LEAD-URL]
hotline team day DESK DATE [--json] [--url LEAD-URL]
hotline team sign-off DESK DATE [--by NAME] [--url LEAD-URL]
hotline team policy import FILE [--from YYYY-MM-DD] [--reason R] [--url ADMIN-URL]
hotline team policy show [--json] [--url URL]
hotline team users add NAME --role agent|team_lead|admin [--url ADMIN-URL]
hotline team users rename NAME NEW-NAME [--url ADMIN-URL]
hotline team users deactivate NAME [--url ADMIN-URL]
hotline team users activate NAME [--url ADMIN-URL]
hotline team users list [--json] [--url URL]

init       creates the team schema on PostgreSQL 13 or later, or brings it up
           to this app's version; refuses a schema from a newer version
add-desk   creates the desk's login role (a random password) and prints the
           URL that desk joins with; add-lead and add-admin do the same for a
           lead or an admin. The URL is shown once: pass it on safely.
           --desk CODE (a lead's or admin's own desk, added first): their URL
           also pushes that desk's calls when joined there (the server grants
           the desk's login role to theirs; their own reads stay theirs)

The set-up URL (a role that may create roles and tables) is read from --url,
else $HOTLINE_TEAM_URL, else the first line of standard input. A URL on the
command line stays in your shell history: prefer the other two.
join       links this set-up desk with the URL add-desk printed for it, and
           pushes its records (with progress); the URL is kept in the settings
           file beside the database (mode 0600; the desktop app moves it into
           the system keychain), never in the database or its backups. A lead's
           or admin's URL reads team scope, and pushes this desk's calls too if
           it was added with --desk for this desk
status     whether the desk is linked, changes waiting, the last push and its
           outcome, parked records, the server's policy version
leave      gives the desk's lease back (a join within 60 s, here or on another
           PC, is not refused) and unlinks the desk; every record stays here
reason     (a lead) gives a missed target of another desk's record its reason
           (KIND: response, secondResponse, transferWithin, resolution,
           resultTold, callback, leadFollowUp; CODE: a miss-reason code). The
           owning desk applies it through its own rules and audit, under the
           lead's login name (the server sets it; --by is kept beside it as a
           note), and pushes the result back
inbox      (a lead) what was sent to desks: pending, applied, or refused and why
day        (a lead) a desk's day as the server has it: its records, what still
           blocks its sign-off (records not closed nor handed to a follow-up
           owner, missed targets without a reason), the desk's mark, when it
           was last heard from and how many changes it said still wait
sign-off   (a lead) signs a desk's day off once it is over in the desk's zone
           and nothing blocks it; once per desk and day. The desk pulls it and
           locks the day's records; a later change needs a reason and arrives
           marked "changed after sign-off"
policy     (an admin) import sets the team's timing policy, checked like
           hotline policy import (a bad file is refused with every problem,
           nothing written); --from back-dates it: each linked desk re-judges
           its records from that day. Linked desks take it within about 10 s,
           and their Policy screen shows it read-only. show: the newest version
users      (an admin) add a team profile (a name and a role; no PIN: PINs stay
           on each desk, where a local admin sets one before it can sign in);
           rename one (its team id stays: desks follow); deactivate one (no
           desk lets it sign in) or activate it again; list the team's profiles
${DB_HELP}

TLS: add ?sslmode=verify-full&sslrootcert=/path/to/ca.pem to the URL.`,
  options: {
    url: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
    desk: { type: 'string' },
    target: { type: 'string' },
    index: { type: 'string' },
    code: { type: 'string' },
    text: { type: 'string' },
    reason: { type: 'string' },
    by: { type: 'string' },
    from: { type: 'string' },
    role: { type: 'string' },
    'pin-stdin': { type: 'boolean' },
    pin: { type: 'string' },
  },
  async run(values, positionals) {
    const [action, name, ...extra] = positionals;
    if (action === 'reason') return reasonCommand(values, positionals.slice(1));
    if (action === 'day') return dayCommand(values, positionals.slice(1));
    if (action === 'sign-off') return signOffCommand(values, positionals.slice(1));
    if (action === 'policy') return teamPolicyCommand(values, positionals.slice(1));
    if (action === 'users') return teamUsersCommand(values, positionals.slice(1));
    if (action === 'inbox') {
      if (name) throw new UsageError(`unexpected "${name}"`);
      return inboxCommand(values);
    }
    if (action === 'join' || action === 'status' || action === 'leave') {
      if (extra.length > 0 || (action !== 'join' && name)) throw new UsageError(`unexpected "${[name, ...extra].filter(Boolean).join(' ')}"`);
      if (action === 'join') return joinCommand(values, name);
      return action === 'status' ? statusCommand(values) : leaveCommand(values);
    }
    if (extra.length > 0) throw new UsageError(`unexpected ${extra.map((e) => `"${e}"`).join(' ')} (quote a name with spaces)`);
    const kind = action ? ADD[action] : undefined;
    if (action !== 'init' && kind === undefined) throw new UsageError(action ? `unknown action "${action}"` : 'say init, add-desk, add-lead, add-admin, join, status, leave, reason, inbox, day, sign-off, policy or users');
    if (kind && !name) throw new UsageError(`team ${action} needs the ${kind === 'desk' ? 'CODE of the desk' : `NAME of the ${kind}`}`);
    if (action === 'init' && name) throw new UsageError(`unexpected "${name}"`);
    const url = await readTeamUrl(typeof values.url === 'string' ? values.url : undefined);
    if (!url) throw new UsageError('no team server URL: give --url, set HOTLINE_TEAM_URL, or pipe it on standard input');
    try {
      if (!kind) {
        const { from, to } = await initTeamSchema(url);
        process.stdout.write(from === to ? `The team schema is up to date (version ${to}).\n` : from === 0 ? `Created the team schema (version ${to}).\n` : `Migrated the team schema from version ${from} to ${to}.\n`);
        return 0;
      }
      const desk = typeof values.desk === 'string' ? values.desk.trim() : undefined;
      if (desk !== undefined && (kind === 'desk' || desk === '')) throw new UsageError(kind === 'desk' ? '--desk is for add-lead and add-admin: a desk pushes its own calls' : '--desk needs the CODE of the desk');
      const login = await addTeamLogin(url, kind, String(name), desk ? { desk } : {});
      const pushes = desk ? `, which also pushes desk ${desk}'s calls where it is joined` : '';
      process.stdout.write(`Added ${kind} ${String(name).trim()} (role ${login.role}${pushes}). Its URL, shown this once:\n${login.url}\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof TeamInitError || error instanceof TeamServerError)) throw error;
      process.stderr.write(`hotline team: ${error.message}\n`);
      return 1;
    }
  },
};
