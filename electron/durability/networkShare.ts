import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * File systems where SQLite's locking cannot be trusted (its own FAQ: "SQLite
 * uses POSIX advisory locks… many NFS implementations are buggy"; WAL also
 * needs shared memory between processes, which network file systems do not
 * give). 9p is how WSL2 and some VMs reach the host's disks.
 */
export const NETWORK_FS_TYPES: ReadonlySet<string> = new Set([
  'nfs', 'nfs4', 'cifs', 'smbfs', 'smb3', 'sshfs', 'fuse.sshfs', '9p', 'afs',
  'afpfs', 'webdav', 'davfs', 'fuse.davfs2', 'fuse.rclone', 'ncpfs', 'ceph', 'glusterfs', 'fuse.glusterfs', 'lustre',
]);

export interface Mount {
  mountPoint: string;
  fsType: string;
}

export interface NetworkShare {
  /** The file system type, or 'unc' for a Windows network path. */
  fsType: string;
  /** The mount point, or the \\server\share part of a Windows path. */
  where: string;
}

/** /proc/mounts: `device mountpoint type options 0 0`, with spaces in paths written as \040. */
export function parseProcMounts(text: string): Mount[] {
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 3)
    .map(([, mountPoint, fsType]) => ({ mountPoint: unescape(mountPoint!), fsType: fsType! }));
}

/** macOS `mount`: `//user@server/share on /Volumes/share (smbfs, nodev, nosuid, mounted by user)`. */
export function parseMacMount(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    const m = / on (.+) \(([^,)]+)[,)]/.exec(line);
    if (m) mounts.push({ mountPoint: m[1]!, fsType: m[2]!.trim() });
  }
  return mounts;
}

/** The mount a POSIX path lives on: the longest mount point that is the path or one of its parents. */
export function mountOf(folder: string, mounts: ReadonlyArray<Mount>): Mount | undefined {
  const inside = (mp: string) => folder === mp || mp === '/' || folder.startsWith(mp.endsWith('/') ? mp : `${mp}/`);
  return mounts.filter((m) => inside(m.mountPoint)).sort((a, b) => b.mountPoint.length - a.mountPoint.length)[0];
}

/** `\\server\share\…`, `//server/share/…` or `\\?\UNC\server\share\…`; device paths (`\\?\C:`, `\\.\`) are local. */
export function uncShareOf(p: string): string | null {
  const m = /^(?:\\\\\?\\UNC\\|[\\/]{2}(?![?.][\\/]))([^\\/]+)[\\/]+([^\\/]+)/i.exec(p);
  return m ? `\\\\${m[1]}\\${m[2]}` : null;
}

/**
 * Whether `folder` (already resolved: symlinks followed, a mapped Windows drive
 * turned into its UNC path) is on a network file system.
 * `mounts` is /proc/mounts on Linux and `mount`'s output on macOS; unused on Windows.
 */
export function networkShareOf(folder: string, platform: NodeJS.Platform, mounts: string): NetworkShare | null {
  if (platform === 'win32') {
    const share = uncShareOf(folder);
    return share ? { fsType: 'unc', where: share } : null;
  }
  const mount = mountOf(folder, platform === 'darwin' ? parseMacMount(mounts) : parseProcMounts(mounts));
  return mount && NETWORK_FS_TYPES.has(mount.fsType) ? { fsType: mount.fsType, where: mount.mountPoint } : null;
}

/** The nearest existing folder of `file`, with symlinks (and on Windows a mapped drive) resolved. */
function resolvedFolder(file: string): string {
  let dir = path.dirname(path.resolve(file));
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  try {
    return fs.realpathSync.native(dir);
  } catch {
    return dir;
  }
}

/** Reads the mount table the way each OS offers it; empty when it cannot (then no warning, rather than a wrong one). */
function readMounts(platform: NodeJS.Platform): string {
  try {
    if (platform === 'linux') return fs.readFileSync('/proc/mounts', 'utf8');
    if (platform === 'darwin') return execFileSync('/sbin/mount', { encoding: 'utf8', timeout: 3000 });
  } catch {
    // No /proc (a container without it) or no mount command: say nothing.
  }
  return '';
}

/** Whether the database file lives on a network share (the thin, OS-reading side of networkShareOf). */
export function detectNetworkShare(file: string, platform: NodeJS.Platform = process.platform): NetworkShare | null {
  return networkShareOf(resolvedFolder(file), platform, platform === 'win32' ? '' : readMounts(platform));
}
