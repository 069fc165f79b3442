import { readSettings, updateSettings } from './settings';

/**
 * Where a desk keeps its team server URLs (each holds a login's password): in
 * the settings file beside the database (mode 0600), never in the database, so
 * no backup carries them. Two may be kept: the desk's own login (`desk`: it
 * pushes this desk's records) and a lead's or admin's (`scope`: it reads team
 * scope). The desktop app seals them with Electron's safeStorage (the OS
 * keychain): a URL a CLI join left in the clear is sealed at the app's first
 * start and the clear copy removed. Never logged, never shown.
 */
export interface UrlSealer {
  seal(text: string): string;
  unseal(sealed: string): string;
}

export type TeamUrlKind = 'desk' | 'scope';

const KEYS: Record<TeamUrlKind, { clear: string; sealed: string }> = {
  desk: { clear: 'teamUrl', sealed: 'teamUrlSealed' },
  scope: { clear: 'teamScopeUrl', sealed: 'teamScopeUrlSealed' },
};

/** Keeps the URL: sealed when a sealer is given, else in the clear (browser mode, the CLI). */
export function saveTeamUrl(dbFile: string, url: string, sealer?: UrlSealer, kind: TeamUrlKind = 'desk'): void {
  const { clear, sealed } = KEYS[kind];
  updateSettings(dbFile, sealer ? { [sealed]: sealer.seal(url), [clear]: undefined } : { [clear]: url, [sealed]: undefined });
}

/**
 * The URL, or null when none is kept. With a sealer, a URL found in the clear
 * is sealed now and its clear copy removed; a sealed one without a sealer (the
 * CLI on a desktop's file) cannot be read and is null.
 */
export function readTeamUrl(dbFile: string, sealer?: UrlSealer, kind: TeamUrlKind = 'desk'): string | null {
  const { clear, sealed } = KEYS[kind];
  const settings = readSettings(dbFile);
  if (sealer && typeof settings[sealed] === 'string') return sealer.unseal(settings[sealed]);
  const url = settings[clear];
  if (typeof url !== 'string' || url === '') return null;
  if (sealer) saveTeamUrl(dbFile, url, sealer, kind);
  return url;
}

/** Forgets the URL (leaving the team). */
export function forgetTeamUrl(dbFile: string, kind: TeamUrlKind = 'desk'): void {
  const { clear, sealed } = KEYS[kind];
  updateSettings(dbFile, { [clear]: undefined, [sealed]: undefined });
}

/**
 * This computer's instance id for the team server's lease, kept in the
 * settings file beside the database (made at the first join). Not in the
 * database: a backup restored on a second PC while the first still runs must
 * not share the first one's id, or the lease could not tell the two apart.
 */
export function machineInstance(dbFile: string, make: () => string): string {
  const kept = readSettings(dbFile).teamInstance;
  if (typeof kept === 'string' && kept !== '') return kept;
  const made = make();
  updateSettings(dbFile, { teamInstance: made });
  return made;
}
