import { describe, expect, it } from 'vitest';
import { detectNetworkShare, mountOf, networkShareOf, parseMacMount, parseProcMounts, uncShareOf } from '../../../electron/durability/networkShare';
import { networkShareMessage } from '../../../electron/durability/startupReport';

const PROC_MOUNTS = `sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
/dev/nvme0n1p1 /boot/efi vfat rw,relatime 0 0
fileserver:/export/home /home nfs4 rw,relatime,vers=4.2 0 0
/dev/sdb1 /home/li/local ext4 rw,relatime 0 0
//nas/callcentre /mnt/call\\040centre cifs rw,relatime,vers=3.1.1 0 0
li@backup:/srv /home/li/remote fuse.sshfs rw,nosuid,nodev 0 0
C:\\134 /mnt/c 9p rw,noatime,aname=drvfs 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
`;

const MAC_MOUNT = `/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse, protect)
//li@nas._smb._tcp.local/Call%20Centre on /Volumes/Call Centre (smbfs, nodev, nosuid, mounted by li)
fileserver:/export on /Volumes/export (nfs, asynchronous)
/dev/disk5s1 on /Volumes/USB (msdos, local, nodev, nosuid, noowners)
`;

describe('network share detection (pure)', () => {
  it.each([
    ['/home/li/.config/Hotline Log', 'nfs4', '/home'],
    ['/mnt/call centre/desk A03', 'cifs', '/mnt/call centre'],
    ['/home/li/remote/db', 'fuse.sshfs', '/home/li/remote'],
    ['/mnt/c/Users/li', '9p', '/mnt/c'],
  ])('Linux: %s is on %s', (folder, fsType, where) => {
    expect(networkShareOf(folder, 'linux', PROC_MOUNTS)).toEqual({ fsType, where });
  });

  it.each(['/home/li/local/Hotline Log', '/var/lib/hotline', '/tmp/x', '/homely/li'])('Linux: %s is local', (folder) => {
    expect(networkShareOf(folder, 'linux', PROC_MOUNTS)).toBeNull();
  });

  it('Linux: the longest mount point wins, and a name sharing a prefix is not inside it', () => {
    const mounts = parseProcMounts(PROC_MOUNTS);
    expect(mountOf('/home/li/local/x', mounts)?.mountPoint).toBe('/home/li/local');
    expect(mountOf('/homely', mounts)?.mountPoint).toBe('/');
    expect(mounts.find((m) => m.fsType === 'cifs')?.mountPoint).toBe('/mnt/call centre');
  });

  it('macOS: reads `mount` output, spaces in mount points included', () => {
    expect(parseMacMount(MAC_MOUNT)).toContainEqual({ mountPoint: '/Volumes/Call Centre', fsType: 'smbfs' });
    expect(networkShareOf('/Volumes/Call Centre/Hotline Log', 'darwin', MAC_MOUNT)).toEqual({ fsType: 'smbfs', where: '/Volumes/Call Centre' });
    expect(networkShareOf('/Volumes/export/db', 'darwin', MAC_MOUNT)).toEqual({ fsType: 'nfs', where: '/Volumes/export' });
    expect(networkShareOf('/Volumes/USB/db', 'darwin', MAC_MOUNT)).toBeNull();
    expect(networkShareOf('/Users/li/Library/Application Support/Hotline Log', 'darwin', MAC_MOUNT)).toBeNull();
  });

  it.each([
    ['\\\\nas\\callcentre\\Hotline Log', '\\\\nas\\callcentre'],
    ['//nas/callcentre/Hotline Log', '\\\\nas\\callcentre'],
    ['\\\\?\\UNC\\nas\\callcentre\\db', '\\\\nas\\callcentre'],
  ])('Windows: %s is the share %s', (folder, share) => {
    expect(uncShareOf(folder)).toBe(share);
    expect(networkShareOf(folder, 'win32', '')).toEqual({ fsType: 'unc', where: share });
  });

  it.each(['C:\\Users\\li\\AppData\\Roaming\\Hotline Log', '\\\\?\\C:\\data', '\\\\.\\PhysicalDrive0', 'D:\\'])('Windows: %s is local', (folder) => {
    expect(networkShareOf(folder, 'win32', '')).toBeNull();
  });

  it('words the warning so a person knows what to do', () => {
    expect(networkShareMessage('/home/li/hotline.db', { fsType: 'nfs4', where: '/home' }, 'en')).toMatch(/network file system \(nfs4 at \/home\).*Keep the database on this computer's own disk/);
  });

  it('words it in Chinese for a Chinese desk, the UNC share named', () => {
    const text = networkShareMessage('\\\\nas\\calls\\hotline.db', { fsType: 'unc', where: '\\\\nas\\calls' }, 'zh');
    expect(text).toBe('警告：数据库 \\\\nas\\calls\\hotline.db 位于网络共享 \\\\nas\\calls上。SQLite 在那里无法可靠地锁定文件，两台电脑同时写入可能损坏数据库。请把数据库放在这台电脑自己的硬盘上。');
  });

  it('reads this machine without failing (a temp folder is not a network share here)', () => {
    expect(() => detectNetworkShare('/definitely/not/existing/hotline.db')).not.toThrow();
  });
});
