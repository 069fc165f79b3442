import { RestoreRefusedError, restoreBackup } from '../durability/restore';
import { DB_HELP, UsageError, type Command } from './args';
import { dbFileOf } from './withStore';

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'put a backup in place of the database (checked first; the current one is kept aside)',
  usage: `hotline restore FILE [--db PATH]

Checks FILE first (it must open, pass SQLite's integrity check, be a Hotline
Log database and not come from a newer version); a bad file is refused and
nothing changes. Then the current database and its -wal/-shm files are
renamed to <name>.before-restore-<time> (kept, never deleted) and the backup
takes its place. Close the app and browser mode first: a database in use is
not replaced.

  ${DB_HELP}`,
  options: {},
  async run(values, positionals) {
    const [file, ...extra] = positionals;
    if (!file) throw new UsageError('restore needs the backup FILE');
    if (extra.length > 0) throw new UsageError(`one FILE only, not also "${extra.join(' ')}"`);
    try {
      const restored = await restoreBackup(file, dbFileOf(values));
      const kept = restored.keptAside.map((m) => `\n  ${m.from} → ${m.to}`).join('');
      process.stdout.write(
        `Restored ${restored.from} into ${restored.into}.\n${kept ? `The database it replaced was kept:${kept}\n` : 'There was no database to replace.\n'}`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof RestoreRefusedError)) throw error;
      process.stderr.write(`hotline restore: ${error.message}\n`);
      return 1;
    }
  },
};
