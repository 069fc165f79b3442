import path from 'node:path';
import { resolveBackupDir } from '../durability/backupDir';
import { readUiLang, writeUiLang } from '../durability/settings';
import { backupOutcomeLine, movedAsideMessage, networkShareMessage, restoreHint, startupLang } from '../durability/startupReport';
import { log } from '../log';
import { startServer, type RunningServer } from '../server/server';
import { startUp } from '../startup/startUp';
import { DB_HELP, UsageError, type Command } from './args';
import { dbFileOf } from './withStore';
import { randomUUID } from 'node:crypto';
import { machineInstance, readTeamUrl } from '../durability/teamUrl';
import { inboxApplier } from '../handlers/teamInbox';
import { openTeamScope } from '../team/scope';
import { eventHub, EVERY_PROFILE } from '../records/eventHub';
import { APP_VERSION } from '../../shared/appVersion';
import { hostTelephony } from '../startup/telephonyControl';

/** The system's locale as Node sees it (from LANG / LC_ALL on Linux and macOS, the user's setting on Windows). */
const systemLocale = (): string => Intl.DateTimeFormat().resolvedOptions().locale;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the app in your browser (browser mode), on this computer only',
  usage: `hotline serve [--db PATH] [--port N] [--lang en|zh] [--backup-dir DIR]

Serves the desk and the same handlers as the desktop app over http://127.0.0.1
only, and prints the address to open (it carries a secret token for this run).

  ${DB_HELP}
  --port N    the port to listen on (default: any free port)
  --lang L    the language the page opens in, and of start-up's warnings: zh or
              en (default: the language the desk's UI last showed, else the
              browser's for the page and the system's for the warnings)
  --backup-dir DIR  where the automatic backups go (at start, then every 4 hours;
              7 daily and 4 weekly kept), fixed for this run. Default:
              $HOTLINE_BACKUP_DIR, else the folder an admin chose on the Team
              screen, else "backups" beside the database`,
  options: {
    port: { type: 'string' },
    lang: { type: 'string' },
    'backup-dir': { type: 'string' },
  },
  async run(values) {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${String(values.port)}"`);
    const lang = values.lang;
    if (lang !== undefined && lang !== 'en' && lang !== 'zh') throw new UsageError(`--lang must be zh or en, not "${String(lang)}"`);
    const file = dbFileOf(values);
    const flag = values['backup-dir'];
    const where = resolveBackupDir(file, { flag: typeof flag === 'string' ? flag : undefined });
    const pageLang = lang ?? readUiLang(file);
    // Start-up's warnings: in the page's language (--lang), else the desk's last UI language, else the system's.
    const say = pageLang ?? startupLang(file, systemLocale());
    // The same start-up as the desktop app (electron/startup): integrity check, backfill, the bulk worker, backups.
    const { store, bulk, backups, teamSync, teamUrlMissing } = await startUp({
      file,
      where,
      // Backups, exports and imports run in the bulk worker, on its own connection (dist/electron/worker.cjs).
      workerFile: path.join(__dirname, 'electron', 'worker.cjs'),
      // What opening found, said as log lines before anything else can fail (browser mode cannot ask: it says how to restore).
      settle: async (opened, share) => {
        const movedAside = movedAsideMessage(opened, say);
        if (movedAside) log.error(opened.newestBackup ? `${movedAside}\n${restoreHint(opened.newestBackup, file, say)}` : movedAside);
        if (share) log.warn(networkShareMessage(file, share, say));
        return { store: opened.store, restored: false };
      },
      report: (outcome) => (outcome.ok ? log.info : log.error)(backupOutcomeLine(outcome)),
      // A linked desk syncs with the team server in the worker; its status goes to the page.
      team: {
        url: readTeamUrl(file),
        instance: () => machineInstance(file, randomUUID),
        appVersion: APP_VERSION,
        onStatus: (status) => eventHub.emit('teamStatus', status, EVERY_PROFILE),
        // A lead's change from the team inbox goes through the same handlers as a click.
        applierFor: (store) => inboxApplier({ db: store.db, now: () => Date.now() }),
      },
    });
    if (teamUrlMissing) log.warn('team server: this desk is linked but its URL is not in the settings file; run `hotline team join` again');
    // A lead's or admin's URL kept on this desk: its screens may read team scope.
    const scopeUrl = readTeamUrl(file, undefined, 'scope');
    const team = scopeUrl ? openTeamScope(scopeUrl) : undefined;
    // The team board follows the desks' pushes (LISTEN/NOTIFY), carried to the page by the event channel.
    team?.follow((notice) => eventHub.emit('teamBoard', notice ?? { desk: '', seq: 0 }, EVERY_PROFILE));
    // One session per run: the browser tab that holds this run's token.
    const session = { userId: null as number | null };
    // The phone system's events (the Telephony card, or HOTLINE_AMI_URL / HOTLINE_CTI): records open by themselves for whoever is signed in.
    // The admin's Telephony card saves and restarts them through the handler context.
    const telephony = await hostTelephony({ file, db: store.db, atDesk: () => session.userId, onOutcome: (news) => eventHub.emit('phoneCall', news, EVERY_PROFILE) });
    let server: RunningServer;
    try {
      server = await startServer({
        ctx: { db: store.db, now: () => Date.now(), session, backups, bulk, settings: { rememberLang: (next) => writeUiLang(file, next) }, telephony, ...(team ? { team } : {}) },
        staticDir: path.join(__dirname, 'renderer'),
        port,
        // The page opens in --lang, else the language the desk last showed (a new browser profile has no last choice).
        ...(pageLang ? { lang: pageLang } : {}),
      });
    } catch (error) {
      await telephony.stop();
      await bulk.close();
      await store.close();
      const code = (error as { code?: unknown }).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
      const why = code === 'EADDRINUSE' ? `port ${port} is already in use (is Hotline Log already running?)` : `this user may not listen on port ${port}`;
      process.stderr.write(`hotline serve: ${why}. Choose another with --port N, or leave --port out to take any free port.\n`);
      return 1;
    }
    backups.start();
    process.stdout.write(`Hotline Log is running in browser mode. Open:\n  ${server.url}\nDatabase: ${file}\nBackups: ${where.dir}\nPress Ctrl+C to stop.\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    teamSync?.stop();
    await telephony.stop();
    await server.close();
    await backups.stop();
    await bulk.close();
    await team?.close();
    await store.close();
    return 0;
  },
};
