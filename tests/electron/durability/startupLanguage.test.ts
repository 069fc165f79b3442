import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readChosenBackupDir, writeChosenBackupDir } from '../../../electron/durability/backupDir';
import { openStoreSafely } from '../../../electron/durability/openSafely';
import { readUiLang, settingsFileOf, writeUiLang } from '../../../electron/durability/settings';
import { movedAsideMessage, startupLang } from '../../../electron/durability/startupReport';
import { bundleForNode } from '../../helpers/bundle';
import { runCli } from '../../helpers/cli';
import { openTestDesk, tempDir } from '../../helpers/tempStore';
import { corruptMiddlePage, deskWithCalls } from './fixtures';

/**
 * The damaged-database and network-share warnings speak the desk's language:
 * the last UI language, kept in `<db>.settings.json` beside the database (so a
 * database that cannot be read does not take it along), else the system's.
 */
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function dbIn(): string {
  const tmp = tempDir('hotline-lang-');
  cleanups.push(tmp.remove);
  return path.join(tmp.dir, 'hotline.db');
}

describe('the UI language in the settings file', () => {
  it('is read back, beside the admin’s backup folder, each kept when the other changes, mode 0600', () => {
    const db = dbIn();
    expect(readUiLang(db)).toBeUndefined();
    writeUiLang(db, 'zh');
    writeChosenBackupDir(db, '/mnt/backup/hotline');
    expect(readUiLang(db)).toBe('zh');
    writeUiLang(db, 'en');
    expect(readChosenBackupDir(db)).toBe('/mnt/backup/hotline');
    writeChosenBackupDir(db, null);
    expect(JSON.parse(fs.readFileSync(settingsFileOf(db), 'utf8'))).toEqual({ uiLang: 'en' });
    expect(fs.statSync(settingsFileOf(db)).mode & 0o777).toBe(0o600);
  });

  it('is written only when it changes: the page reports it at every load', () => {
    const db = dbIn();
    writeUiLang(db, 'zh');
    const before = fs.statSync(settingsFileOf(db)).ino;
    writeUiLang(db, 'zh');
    // An atomic write renames a new file into place: the same inode means no write.
    expect(fs.statSync(settingsFileOf(db)).ino).toBe(before);
  });

  it('is what the page reports through the API, before set-up too', async () => {
    const db = dbIn();
    const desk = await openTestDesk({ file: db, setup: false });
    desk.ctx.settings = { rememberLang: (lang) => writeUiLang(db, lang) };
    expect(await desk.call('rememberLanguage', { lang: 'zh' })).toEqual({ ok: true, value: null });
    expect(readUiLang(db)).toBe('zh');
    expect(await desk.call('rememberLanguage', { lang: 'fr' as 'zh' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(readUiLang(db)).toBe('zh');
    await desk.store.close();
  });
});

describe('the language start-up speaks', () => {
  it('is the desk’s last UI language, else the system’s locale', () => {
    const db = dbIn();
    expect(startupLang(db, 'zh-CN')).toBe('zh');
    expect(startupLang(db, 'en-US')).toBe('en');
    expect(startupLang(db, undefined)).toBe('en');
    writeUiLang(db, 'zh');
    expect(startupLang(db, 'en-US')).toBe('zh');
    fs.writeFileSync(settingsFileOf(db), '{ half a file');
    expect(startupLang(db, 'zh-TW')).toBe('zh');
    expect(startupLang(db, 'de-DE')).toBe('en');
  });

  it('tells a Chinese desk in Chinese that its database was damaged and set aside', async () => {
    const db = dbIn();
    await deskWithCalls(db, 5);
    writeUiLang(db, 'zh');
    corruptMiddlePage(db);
    const opened = await openStoreSafely(db);
    const text = movedAsideMessage(opened, startupLang(db, 'en-US'));
    expect(text).toMatch(/^数据库文件已损坏，或不是热线记录的数据库（SQLite 报告：[\s\S]+）。\n没有删除或覆盖任何文件。原文件已改名保留：\n/);
    expect(text).toContain(`已在 ${db} 新建一个空数据库。`);
    expect(text).toContain('中没有找到完好的备份。');
    // The settings file was not the damaged part: the choice is still there for the next start.
    expect(readUiLang(db)).toBe('zh');
    await opened.store.close();
  });
});

describe('hotline serve’s start-up warnings', () => {
  const tmp = tempDir();
  let cli = '';
  let busy: net.Server;
  beforeAll(async () => {
    cli = await bundleForNode(path.resolve('electron/cli/entry.ts'), tmp.dir);
    // A taken port makes serve stop right after its start-up report, so the test needs no browser.
    busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => busy.close(resolve));
    tmp.remove();
  });
  const port = () => String((busy.address() as net.AddressInfo).port);

  async function damagedDesk(name: string): Promise<string> {
    const db = path.join(tmp.dir, name);
    await deskWithCalls(db, 3);
    corruptMiddlePage(db);
    return db;
  }

  it('are in the language the desk last showed, whatever the system’s', async () => {
    const db = await damagedDesk('zh-desk.db');
    writeUiLang(db, 'zh');
    const result = await runCli(cli, ['serve', '--db', db, '--port', port()], { env: { LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
    expect(result.stderr).toContain('数据库文件已损坏');
    expect(result.stderr).not.toContain('The database file is damaged');
  });

  it('fall back to the system’s locale when the desk never said', async () => {
    const zh = await damagedDesk('fresh-zh.db');
    expect((await runCli(cli, ['serve', '--db', zh, '--port', port()], { env: { LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_CN.UTF-8' } })).stderr).toContain('数据库文件已损坏');
    const en = await damagedDesk('fresh-en.db');
    expect((await runCli(cli, ['serve', '--db', en, '--port', port()], { env: { LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } })).stderr).toContain('The database file is damaged');
  });
});

describe('a settings file that cannot be read', () => {
  it('is not rewritten by the page’s language, so the admin’s backup folder in it is not lost', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-settings-'));
    try {
      const db = path.join(dir, 'hotline.db');
      // Half a file, as a hand edit or a copy cut short leaves it.
      const broken = '{"backupDir": "/mnt/backup/hotline", "uiLang": "zh"';
      fs.writeFileSync(settingsFileOf(db), broken);
      expect(() => writeUiLang(db, 'en')).toThrow();
      expect(fs.readFileSync(settingsFileOf(db), 'utf8')).toBe(broken);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
