import type { ResponseOf } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/result';
import { currentPolicy } from '../records/policies';
import { dispatch } from '../handlers/dispatch';
import { writeUiLang } from '../durability/settings';
import { findDesk } from '../store/desk';
import { hasPolicy } from '../store/policies';
import { DB_HELP, UsageError, type Command } from './args';
import { readPin } from './pinInput';
import { withStore } from './withStore';

/** Exit code of a desk that was set up already, apart from 1: a script setting up many desks may treat it as done. */
export const ALREADY_SET_UP = 4;

/** The flag each of the set-up handler's fields came from, to name it in a refusal. */
const FLAG_OF: Record<string, string> = { code: '--desk', timeZone: '--zone', agentName: '--name', pin: 'the PIN on standard input' };

/**
 * The UI's first-run set-up, for IT preparing many desks: the same handler
 * (setupDesk: its code, zone, name and PIN rules, the desk's first profile as
 * admin, the policy's first version), reached through the dispatcher so the
 * contract's limits apply too.
 */
export const setupCommand: Command = {
  name: 'setup',
  summary: 'set up a fresh desk: its code, time zone and first profile (an admin)',
  usage: `hotline setup --desk CODE --zone IANA --name NAME [--pin-stdin] [--lang zh|en] [--db PATH]

Does what the app's first run does: the desk code (it goes on every record),
the desk's time zone, and its first profile, NAME, an admin. The policy's
first version is the defaults in that zone, unless one was imported before
(hotline policy import): that one is kept. A desk already set up is refused
and left as it is (exit code 4).

  ${DB_HELP}
  --desk CODE  1-12 letters, digits or hyphens, e.g. A03
  --zone IANA  the desk's time zone, e.g. Asia/Shanghai
  --name NAME  the first profile's name (an admin)
  --pin-stdin  give the profile a PIN (4-8 digits), read from standard input:
               the first line when piped, asked for at a terminal. A PIN is
               never taken on the command line, where shell history and ps
               would keep it. Without it the profile has no PIN.
  --lang L     the desk's language, zh or en: the app opens in it and its
               start-up warnings speak it, whatever this computer's locale
               (kept in <db>.settings.json; default: the computer's own)

Exit codes: 0 set up, 1 a value was refused, 2 usage, 4 already set up.

Example: printf '%s\\n' "$PIN" | hotline setup --desk A03 --zone Asia/Shanghai --name 张主管 --pin-stdin`,
  options: {
    desk: { type: 'string' },
    zone: { type: 'string' },
    name: { type: 'string' },
    'pin-stdin': { type: 'boolean' },
    lang: { type: 'string' },
    // Only to refuse it by name: a PIN typed here is already in the shell's history.
    pin: { type: 'string' },
  },
  async run(values) {
    if (values.pin !== undefined) {
      throw new UsageError('a PIN is never taken on the command line (shell history and ps would keep it); pipe it in with --pin-stdin');
    }
    const [code, timeZone, agentName] = [values.desk, values.zone, values.name];
    const missing = [['--desk', code], ['--zone', timeZone], ['--name', agentName]].filter(([, v]) => typeof v !== 'string').map(([flag]) => flag);
    if (missing.length > 0) throw new UsageError(`say ${missing.join(', ')}`);
    const lang = values.lang;
    if (lang !== undefined && lang !== 'zh' && lang !== 'en') throw new UsageError(`--lang must be zh or en, not "${String(lang)}"`);
    let pin: string | undefined;
    if (values['pin-stdin']) {
      pin = await readPin();
      if (pin === '') {
        process.stderr.write('hotline setup: --pin-stdin was given but standard input held no PIN; nothing was set up.\n');
        return 1;
      }
    }
    return withStore(values, async (store) => {
      const imported = await hasPolicy(store.db);
      const request = { code: String(code), timeZone: String(timeZone), agentName: String(agentName), ...(pin === undefined ? {} : { pin }) };
      const ctx = { db: store.db, now: () => Date.now(), session: { userId: null } };
      const result = (await dispatch('setupDesk', request, ctx)) as ApiResult<ResponseOf<'setupDesk'>>;
      if (!result.ok) {
        const existing = await findDesk(store.db);
        if (existing) {
          process.stderr.write(`hotline setup: ${store.file} is already set up as desk ${existing.code} (${existing.time_zone}); nothing was changed.\n`);
          return ALREADY_SET_UP;
        }
        const flag = result.error.field ? FLAG_OF[result.error.field] : undefined;
        process.stderr.write(`hotline setup: ${flag ? `${flag}: ` : ''}${result.error.message} Nothing was set up.\n`);
        return 1;
      }
      const desk = result.value;
      if (lang) writeUiLang(store.file, lang);
      const policy = await currentPolicy(store.db);
      const lines = [
        `Desk ${desk.code} is set up (${desk.timeZone}) in ${store.file}.`,
        `${desk.agentName} is its admin${pin === undefined ? ', without a PIN' : ', with a PIN'}.`,
        imported
          ? `Policy: version ${policy.version}, imported before set-up, kept.`
          : `Policy: the defaults, in ${desk.timeZone}.`,
      ];
      if (lang) lines.push(`Language: ${lang === 'zh' ? '中文' : 'English'}.`);
      if (policy.policy.calendar.timeZone !== desk.timeZone) {
        lines.push(`Note: the policy's calendar is in ${policy.policy.calendar.timeZone}, not the desk's ${desk.timeZone}; its business hours and holidays are read there.`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    });
  },
};
