import fs from 'node:fs';
import path from 'node:path';

/**
 * Creates a folder (and its parents) only its owner can enter; an existing
 * folder is left as it is. One level at a time rather than `recursive: true`:
 * Node 20's recursive mkdir loops for ever under /proc (a person can type
 * /proc/backups as the backup folder), where each mkdir says ENOENT.
 */
export function ensurePrivateFolder(folder: string): void {
  const missing: string[] = [];
  let at = path.resolve(folder);
  while (!fs.existsSync(at)) {
    missing.unshift(at);
    const parent = path.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const dir of missing) {
    try {
      fs.mkdirSync(dir, { mode: 0o700 });
    } catch (error) {
      // Another process may have made it meanwhile.
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    }
  }
  if (!fs.statSync(folder).isDirectory()) throw Object.assign(new Error(`${folder} is not a folder`), { code: 'ENOTDIR' });
}
