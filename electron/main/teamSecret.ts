import { safeStorage } from 'electron';
import { readTeamUrl, type TeamUrlKind, type UrlSealer } from '../durability/teamUrl';
import { describeError, log } from '../log';

/**
 * The desktop's keeper of the team server URL: Electron's safeStorage (the
 * OS keychain: DPAPI, Keychain, libsecret/kwallet). Where Linux offers only its
 * `basic_text` backend the URL is sealed with a key any local program can find,
 * so the app says so once; where no encryption is available at all it stays in
 * the 0600 settings file, as in browser mode.
 */
export function teamUrlSealer(): UrlSealer | undefined {
  return keychainSealer('team server', 'the team URL');
}

/** A sealer for a secret the settings file keeps (`where`: the log's prefix; `what`: the secret, as the log names it). */
export function keychainSealer(where: string, what: string): UrlSealer | undefined {
  if (!safeStorage?.isEncryptionAvailable?.()) {
    log.warn(`${where}: the system keychain is not available; ${what} stays in the settings file (mode 0600)`);
    return undefined;
  }
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    log.warn(`${where}: Linux offers only safeStorage's basic_text backend (no keyring running): ${what} is sealed with a key other local programs can find`);
  }
  return {
    seal: (text) => safeStorage.encryptString(text).toString('base64'),
    unseal: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}

/**
 * The kept team URL of `kind`, or null when none is kept or the keychain cannot
 * open it (a changed keyring, a moved profile): the desk then logs locally as
 * ever, and says so, rather than failing to start.
 */
export function readKeptTeamUrl(dbFile: string, kind: TeamUrlKind): string | null {
  try {
    return readTeamUrl(dbFile, teamUrlSealer(), kind);
  } catch (error) {
    log.warn(`team server: the kept ${kind === 'desk' ? "desk's" : 'team-scope'} URL cannot be opened with the system keychain (${describeError(error)}); join the team again`);
    return null;
  }
}
