import { readSettings, updateSettings } from './settings';

/**
 * Where a linked desk keeps its team server URL (it holds the desk login's
 * password): in the settings file beside the database (mode 0600), never in the
 * database, so no backup carries it. The desktop app seals it with Electron's
 * safeStorage (the OS keychain): a URL a CLI join left in the clear is sealed
 * at the app's first start and the clear copy removed. Never logged, never shown.
 */
export interface UrlSealer {
  seal(text: string): string;
  unseal(sealed: string): string;
}

/** Keeps the URL: sealed when a sealer is given, else in the clear (browser mode, the CLI). */
export function saveTeamUrl(dbFile: string, url: string, sealer?: UrlSealer): void {
  updateSettings(dbFile, sealer ? { teamUrlSealed: sealer.seal(url), teamUrl: undefined } : { teamUrl: url, teamUrlSealed: undefined });
}

/**
 * The URL, or null when none is kept. With a sealer, a URL found in the clear
 * is sealed now and its clear copy removed; a sealed one without a sealer (the
 * CLI on a desktop's file) cannot be read and is null.
 */
export function readTeamUrl(dbFile: string, sealer?: UrlSealer): string | null {
  const settings = readSettings(dbFile);
  if (sealer && typeof settings.teamUrlSealed === 'string') return sealer.unseal(settings.teamUrlSealed);
  if (typeof settings.teamUrl !== 'string' || settings.teamUrl === '') return null;
  if (sealer) saveTeamUrl(dbFile, settings.teamUrl, sealer);
  return settings.teamUrl;
}

/** Forgets the URL (leaving the team). */
export function forgetTeamUrl(dbFile: string): void {
  updateSettings(dbFile, { teamUrl: undefined, teamUrlSealed: undefined });
}
