import fs from 'node:fs';
import path from 'node:path';
import type { Lang } from '../../shared/i18n';
import { fsyncFile, fsyncFolder } from './files';

/**
 * The desk's few settings that must outlive its database: a small JSON file
 * beside it, never inside it. When the database is damaged the app must still
 * find its backups (the admin's folder) and speak the desk's language (the
 * last UI language) in the dialog that says so.
 */

/** hotline.db → hotline.db.settings.json, beside it. */
export const settingsFileOf = (dbFile: string): string => `${path.resolve(dbFile)}.settings.json`;

/** What the file holds; a missing, unreadable or odd file holds nothing (every setting at its default). */
export function readSettings(dbFile: string): Record<string, unknown> {
  try {
    return settingsIn(dbFile);
  } catch {
    return {};
  }
}

/** The file's settings; {} only when there is no file yet. Throws when it cannot be read or parsed. */
function settingsIn(dbFile: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(settingsFileOf(dbFile), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${settingsFileOf(dbFile)} does not hold settings`);
  return parsed as Record<string, unknown>;
}

/**
 * Changes some settings and keeps the others (undefined removes one), written
 * atomically: a temporary file, flushed, renamed over the old one, the folder
 * flushed. A crash leaves the old settings or the new, never half a file. Mode 0600.
 *
 * A file that cannot be read now (a scanner holding it, a bad hand edit) is by default not
 * rewritten, and this throws: a quiet write of the UI language would drop the settings it holds,
 * the admin's backup folder among them. An admin's explicit choice ('replace') writes anyway.
 */
export function updateSettings(dbFile: string, changes: Record<string, unknown>, unreadable: 'refuse' | 'replace' = 'refuse'): void {
  const file = settingsFileOf(dbFile);
  const next: Record<string, unknown> = { ...(unreadable === 'refuse' ? settingsIn(dbFile) : readSettings(dbFile)), ...changes };
  for (const [key, value] of Object.entries(next)) if (value === undefined) delete next[key];
  const temp = `${file}.tmp-${process.pid}`;
  fs.rmSync(temp, { force: true });
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(next, null, 2)}\n`);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fsyncFile(temp);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fsyncFolder(path.dirname(file));
}

/** The language the desk's UI last showed, if the file says. */
export function readUiLang(dbFile: string): Lang | undefined {
  const lang = readSettings(dbFile).uiLang;
  return lang === 'zh' || lang === 'en' ? lang : undefined;
}

/** Keeps the UI's language for the next start; a write only when it changed (the page reports it at every load). */
export function writeUiLang(dbFile: string, lang: Lang): void {
  if (readUiLang(dbFile) !== lang) updateSettings(dbFile, { uiLang: lang });
}
