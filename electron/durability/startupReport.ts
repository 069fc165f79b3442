import { langFromLocale, type Lang } from '../../shared/i18n';
import { startupText, type StartupKey } from '../../shared/i18n/startup';
import type { NetworkShare } from './networkShare';
import type { SafeOpen } from './openSafely';
import type { BackupOutcome } from './schedule';
import { readUiLang } from './settings';

/**
 * What the desktop app's dialog and browser mode's console say about start-up,
 * worded once so the two stay faithful twins, in the desk's language
 * (shared/i18n/startup.ts). No record text ever appears here.
 */

/**
 * The language start-up speaks: the one the desk's UI last showed (kept beside
 * the database, so a damaged database does not take it along), else the
 * system's. Browser mode's --lang comes before both.
 * @example startupLang('/data/hotline.db', 'zh-CN') === 'zh' (with no settings file)
 */
export function startupLang(dbFile: string, systemLocale: string | undefined): Lang {
  return readUiLang(dbFile) ?? langFromLocale(systemLocale);
}

/** Why the database was set aside, where its files went, and what can be restored. */
export function movedAsideMessage(opened: SafeOpen, lang: Lang): string | null {
  const moved = opened.movedAside;
  if (!moved) return null;
  const say = (key: StartupKey, params?: Record<string, string>) => startupText(lang, key, params);
  return [
    moved.problem === 'corrupt' ? say('corrupt', { detail: moved.detail }) : say('orphanLog'),
    say('keptAside'),
    ...moved.files.map((m) => `  ${m.from} → ${m.to}`),
    say('createdEmpty', { file: opened.store.file }),
    opened.newestBackup ? say('newestBackup', { backup: opened.newestBackup }) : say('noBackup', { dir: opened.backupDir }),
  ].join('\n');
}

/** The command that restores `backup` (browser mode cannot ask; it says how). */
export function restoreHint(backup: string, dbFile: string, lang: Lang): string {
  return startupText(lang, 'restoreHint', { backup, file: dbFile });
}

export function networkShareMessage(dbFile: string, share: NetworkShare, lang: Lang): string {
  const where = startupText(lang, share.fsType === 'unc' ? 'shareUnc' : 'shareFs', { where: share.where, fsType: share.fsType });
  return startupText(lang, 'share', { file: dbFile, where });
}

/** Log lines stay in English: they are read by whoever looks after the machine, next to other programs' logs. */
export function backupOutcomeLine(outcome: BackupOutcome): string {
  if (!outcome.ok) return `Backup failed: ${outcome.error.message}`;
  const { file, bytes, removed } = outcome.backup;
  const rotated = removed.length > 0 ? `; ${removed.length} older backup${removed.length === 1 ? '' : 's'} rotated away` : '';
  return `Backup written: ${file} (${Math.ceil(bytes / 1024)} KiB, checked)${rotated}`;
}
