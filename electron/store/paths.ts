import os from 'node:os';
import path from 'node:path';

/** The product name doubles as the per-user data folder's name, as Electron's app.getPath('userData') would make it. */
export const APP_FOLDER = 'Hotline Log';
export const DB_FILE = 'hotline.db';

/**
 * The database the desktop app uses: HOTLINE_DB when set, else the OS's
 * per-user app-data folder (the same rule as Electron's userData, so the CLI,
 * browser mode and the desktop app all find one file).
 */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.HOTLINE_DB) return path.resolve(env.HOTLINE_DB);
  return path.join(appDataDir(env, platform), APP_FOLDER, DB_FILE);
}

function appDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'win32') return env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
}
