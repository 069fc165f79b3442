import path from 'node:path';
import type { MessageBoxOptions, MessageBoxSyncOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeBackup } from '../../../electron/durability/backup';
import { backupName } from '../../../electron/durability/backupFiles';
import { openStoreSafely } from '../../../electron/durability/openSafely';
import { writeUiLang } from '../../../electron/durability/settings';
import { startupLang } from '../../../electron/durability/startupReport';
import { openStore } from '../../../electron/store/openDb';
import { tempDir } from '../../helpers/tempStore';
import { corruptMiddlePage, deskWithCalls } from '../durability/fixtures';

// Electron's binary is not needed: the dialog module records what the app showed,
// and the person "clicks" the button the test chooses.
const shown = vi.hoisted(() => ({ sync: [] as MessageBoxSyncOptions[], async: [] as MessageBoxOptions[], errors: [] as string[][], click: 0 }));
vi.mock('electron', () => ({
  dialog: {
    showMessageBoxSync: (options: MessageBoxSyncOptions) => {
      shown.sync.push(options);
      return shown.click;
    },
    showMessageBox: (options: MessageBoxOptions) => {
      shown.async.push(options);
      return Promise.resolve({ response: 0 });
    },
    showErrorBox: (title: string, content: string) => shown.errors.push([title, content]),
  },
}));
const { reportStartup } = await import('../../../electron/main/startupDialogs');

const NOW = Date.UTC(2024, 4, 20, 6, 15);
const cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.splice(0).forEach((c) => c());
  shown.sync.length = 0;
  shown.async.length = 0;
  shown.errors.length = 0;
});

/** A desk whose database was damaged after a good backup; `lang` was its UI's language. */
async function damagedDesk(lang: 'zh' | 'en'): Promise<{ file: string; good: string }> {
  const tmp = tempDir('hotline-dialogs-');
  cleanups.push(tmp.remove);
  const file = path.join(tmp.dir, 'hotline.db');
  await deskWithCalls(file, 4);
  const store = await openStore(file);
  const good = path.join(tmp.dir, 'backups', backupName(file, NOW - 3_600_000));
  await writeBackup(store.sqlite, good);
  await store.close();
  writeUiLang(file, lang);
  corruptMiddlePage(file);
  return { file, good };
}

describe('the desktop app’s start-up dialogs', () => {
  it('ask a Chinese desk in Chinese, on an English system, and restore the backup it picks', async () => {
    const { file, good } = await damagedDesk('zh');
    shown.click = 0;
    const opened = await openStoreSafely(file, { now: () => NOW });
    const { store, restored } = await reportStartup(opened, {}, startupLang(file, 'en-US'), () => null);
    expect(shown.sync).toHaveLength(1);
    expect(shown.sync[0]).toMatchObject({ title: '热线记录', message: '数据库无法使用', buttons: ['恢复最新的备份', '使用空数据库开始'] });
    expect(shown.sync[0]?.detail).toContain(`最新的完好备份是 ${good}。`);
    expect(restored).toBe(true);
    expect(await store.db.selectFrom('calls').select('id').execute()).toHaveLength(4);
    await store.close();
  });

  it('speak English to an English desk, and warn of a network share in its language', async () => {
    const { file } = await damagedDesk('en');
    shown.click = 1;
    const opened = await openStoreSafely(file, { now: () => NOW });
    const share = () => ({ fsType: 'cifs', where: '/mnt/calls' });
    const { store, restored } = await reportStartup(opened, {}, startupLang(file, 'zh-CN'), share);
    expect(shown.sync[0]).toMatchObject({ message: 'The database could not be used', buttons: ['Restore the newest backup', 'Start with the empty database'] });
    expect(restored).toBe(false);
    expect(shown.async[0]).toMatchObject({ message: 'The database is on a network share' });
    expect(shown.async[0]?.detail).toContain('a network file system (cifs at /mnt/calls)');
    await store.close();
  });

  it('warn a Chinese desk of a network share in Chinese, with no other dialog when the database is fine', async () => {
    const tmp = tempDir('hotline-dialogs-');
    cleanups.push(tmp.remove);
    const file = path.join(tmp.dir, 'hotline.db');
    await deskWithCalls(file, 1);
    writeUiLang(file, 'zh');
    const opened = await openStoreSafely(file);
    const { store } = await reportStartup(opened, {}, startupLang(file, 'en-US'), () => ({ fsType: 'unc', where: '\\\\nas\\calls' }));
    expect(shown.sync).toEqual([]);
    expect(shown.async[0]).toMatchObject({ title: '热线记录', message: '数据库位于网络共享上' });
    expect(shown.async[0]?.detail).toContain('位于网络共享 \\\\nas\\calls上');
    await store.close();
  });
});
