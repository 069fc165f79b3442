import type { NetworkShare } from './networkShare';
import type { SafeOpen } from './openSafely';
import type { BackupOutcome } from './schedule';

/**
 * What the desktop app's dialog and browser mode's console say about start-up,
 * worded once so the two stay faithful twins. No record text ever appears here.
 */

/** Why the database was set aside, where its files went, and what can be restored. */
export function movedAsideMessage(opened: SafeOpen): string | null {
  const moved = opened.movedAside;
  if (!moved) return null;
  const why =
    moved.problem === 'corrupt'
      ? `The database file is damaged or is not a Hotline Log database (SQLite says: ${moved.detail}).`
      : 'A write-ahead log (-wal) was found without its database file.';
  return [
    why,
    'Nothing was deleted or overwritten. The files were kept under new names:',
    ...moved.files.map((m) => `  ${m.from} → ${m.to}`),
    `A new, empty database was created at ${opened.store.file}.`,
    opened.newestBackup
      ? `The newest good backup is ${opened.newestBackup}.`
      : `No good backup was found in ${opened.backupDir}.`,
  ].join('\n');
}

/** The command that restores `backup` (browser mode cannot ask; it says how). */
export function restoreHint(backup: string, dbFile: string): string {
  return `To restore it, stop Hotline Log and run: hotline restore "${backup}" --db "${dbFile}"`;
}

export function networkShareMessage(dbFile: string, share: NetworkShare): string {
  const where = share.fsType === 'unc' ? `the network share ${share.where}` : `a network file system (${share.fsType} at ${share.where})`;
  return `Warning: the database ${dbFile} is on ${where}. SQLite cannot lock files reliably there; two computers writing at once can corrupt it. Keep the database on this computer's own disk.`;
}

export function backupOutcomeLine(outcome: BackupOutcome): string {
  if (!outcome.ok) return `Backup failed: ${outcome.error.message}`;
  const { file, bytes, removed } = outcome.backup;
  const rotated = removed.length > 0 ? `; ${removed.length} older backup${removed.length === 1 ? '' : 's'} rotated away` : '';
  return `Backup written: ${file} (${Math.ceil(bytes / 1024)} KiB, checked)${rotated}`;
}
