import fs from 'node:fs';
import path from 'node:path';
import { backupIntoFolder, writeBackup } from '../durability/backup';
import { resolveBackupDir } from '../durability/backupDir';
import { openReadOnly } from '../durability/integrity';
import { backupOutcomeLine } from '../durability/startupReport';
import { DB_HELP, type Command } from './args';
import { dbFileOf } from './withStore';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'copy the database safely while it may be in use (SQLite online backup), checked',
  usage: `hotline backup [--out FILE] [--db PATH] [--backup-dir DIR]

Copies the database through SQLite's online backup API, which is safe while
the app or browser mode is writing to it (a plain file copy is not), checks the
copy, and gives it mode 0600. The database itself is only read.

  ${DB_HELP}
  --out FILE        write the backup to FILE (never replaces an existing file)
  --backup-dir DIR  without --out: the folder of automatic backups, where the
                    copy joins the rotation (7 daily, 4 weekly). Default:
                    $HOTLINE_BACKUP_DIR, else the folder the admin chose in
                    the app, else "backups" beside the database`,
  options: { out: { type: 'string' }, 'backup-dir': { type: 'string' } },
  async run(values) {
    const dbFile = dbFileOf(values);
    if (!fs.existsSync(dbFile)) {
      process.stderr.write(`hotline backup: there is no database at ${dbFile}\n`);
      return 1;
    }
    // Read-only: a backup must never change, migrate or checkpoint the database it copies.
    const sqlite = openReadOnly(dbFile);
    try {
      if (typeof values.out === 'string') {
        const made = await writeBackup(sqlite, path.resolve(values.out));
        process.stdout.write(`${backupOutcomeLine({ ok: true, backup: { ...made, removed: [] } })}\n`);
      } else {
        const flag = values['backup-dir'];
        const { dir } = resolveBackupDir(dbFile, { flag: typeof flag === 'string' ? flag : undefined });
        const backup = await backupIntoFolder(sqlite, { dbFile, dir, now: Date.now() });
        process.stdout.write(`${backupOutcomeLine({ ok: true, backup })}\n`);
      }
      return 0;
    } catch (error) {
      process.stderr.write(`hotline backup: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    } finally {
      sqlite.close();
    }
  },
};
