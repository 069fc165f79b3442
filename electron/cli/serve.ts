import path from 'node:path';
import { backfillDerivedColumns } from '../handlers/startup';
import { openStore } from '../store/openDb';
import { startServer } from '../server/server';
import { DB_HELP, UsageError, type Command } from './args';
import { dbFileOf } from './withStore';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the app in your browser (browser mode), on this computer only',
  usage: `hotline serve [--db PATH] [--port N] [--lang en|zh]

Serves the desk and the same handlers as the desktop app over http://127.0.0.1
only, and prints the address to open (it carries a secret token for this run).

  ${DB_HELP}
  --port N    the port to listen on (default: any free port)
  --lang L    the language the page opens in: zh or en (default: the browser's)`,
  options: {
    port: { type: 'string' },
    lang: { type: 'string' },
  },
  async run(values) {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${String(values.port)}"`);
    const lang = values.lang;
    if (lang !== undefined && lang !== 'en' && lang !== 'zh') throw new UsageError(`--lang must be zh or en, not "${String(lang)}"`);
    const file = dbFileOf(values);
    const store = await openStore(file);
    await backfillDerivedColumns(store.db, Date.now());
    const server = await startServer({
      // One session per run: the browser tab that holds this run's token.
      ctx: { db: store.db, now: () => Date.now(), session: { userId: null } },
      staticDir: path.join(__dirname, 'renderer'),
      port,
      ...(lang ? { lang } : {}),
    });
    process.stdout.write(`Hotline Log is running in browser mode. Open:\n  ${server.url}\nDatabase: ${file}\nPress Ctrl+C to stop.\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    await store.close();
    return 0;
  },
};
