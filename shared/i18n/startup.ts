import type { Lang } from './index';

/**
 * What start-up says before any page exists (the desktop app's dialogs, browser
 * mode's console) when the database cannot be used or sits on a network share.
 * Apart from the page's dictionaries: these are read from the main process in
 * the language kept in `<db>.settings.json`, because the database that holds
 * everything else may be the very thing that is damaged.
 */
const en = {
  appName: 'Hotline Log',
  corrupt: 'The database file is damaged or is not a Hotline Log database (SQLite says: {detail}).',
  orphanLog: 'A write-ahead log (-wal) was found without its database file.',
  keptAside: 'Nothing was deleted or overwritten. The files were kept under new names:',
  createdEmpty: 'A new, empty database was created at {file}.',
  newestBackup: 'The newest good backup is {backup}.',
  noBackup: 'No good backup was found in {dir}.',
  restoreHint: 'To restore it, stop Hotline Log and run: hotline restore "{backup}" --db "{file}"',
  unusableTitle: 'The database could not be used',
  restoreButton: 'Restore the newest backup',
  emptyButton: 'Start with the empty database',
  ok: 'OK',
  notRestoredTitle: 'The backup was not restored',
  cannotOpenTitle: 'Hotline Log cannot open its database',
  shareTitle: 'The database is on a network share',
  shareUnc: 'the network share {where}',
  shareFs: 'a network file system ({fsType} at {where})',
  share:
    "Warning: the database {file} is on {where}. SQLite cannot lock files reliably there; two computers writing at once can corrupt it. Keep the database on this computer's own disk.",
};

export type StartupKey = keyof typeof en;

const zh: Record<StartupKey, string> = {
  appName: '热线记录',
  corrupt: '数据库文件已损坏，或不是热线记录的数据库（SQLite 报告：{detail}）。',
  orphanLog: '发现了预写日志（-wal），但没有它的数据库文件。',
  keptAside: '没有删除或覆盖任何文件。原文件已改名保留：',
  createdEmpty: '已在 {file} 新建一个空数据库。',
  newestBackup: '最新的完好备份是 {backup}。',
  noBackup: '在 {dir} 中没有找到完好的备份。',
  restoreHint: '要恢复它，请先退出热线记录，然后运行：hotline restore "{backup}" --db "{file}"',
  unusableTitle: '数据库无法使用',
  restoreButton: '恢复最新的备份',
  emptyButton: '使用空数据库开始',
  ok: '确定',
  notRestoredTitle: '备份没有恢复',
  cannotOpenTitle: '热线记录无法打开数据库',
  shareTitle: '数据库位于网络共享上',
  shareUnc: '网络共享 {where}',
  shareFs: '网络文件系统（{fsType}，挂载于 {where}）',
  share: '警告：数据库 {file} 位于{where}上。SQLite 在那里无法可靠地锁定文件，两台电脑同时写入可能损坏数据库。请把数据库放在这台电脑自己的硬盘上。',
};

const TEXTS: Record<Lang, Record<StartupKey, string>> = { en, zh };

/**
 * A start-up text with its {placeholders} filled.
 * @example startupText('zh', 'ok') === '确定'
 */
export function startupText(lang: Lang, key: StartupKey, params: Record<string, string> = {}): string {
  return TEXTS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
