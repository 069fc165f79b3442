import type { ImportPreviewRow, ImportProblem, ImportRowStatus, ImportVerdict } from '../../shared/api/archive';
import { columnUseLabel, importFieldLabel, importLayoutLabel, importMomentLabel, importReasonText } from '../../shared/i18n/importReasons';
import type { Lang } from '../../shared/i18n';
import type { ImportReport } from '../archive/types';
import { labelOf } from '../archive/vocab';

/** `hotline import`'s report as a person reads it, in Chinese or English. */

/** A file with a wrong column can have a problem on every row: the first ones tell what to fix. */
const MAX_LISTED = 200;

const T = {
  en: {
    rows: (n: number) => `${n} record row${n === 1 ? '' : 's'}`,
    zone: (zone: string, from: string) => `Times are read in ${zone} (${from}).`,
    zoneFrom: { file: 'the file’s 时区 column', option: '--zone', desk: 'this desk’s zone' },
    zoneNone: 'Times are read in the zone of each row’s 时区 column.',
    desk: (code: string) => `Rows without a desk code belong to desk ${code}.`,
    columns: 'Columns:',
    notRead: (cols: string) => `Columns not read: ${cols}.`,
    preview: (n: number, dry: boolean) => `${dry ? 'The first' : 'First'} ${n} row${n === 1 ? '' : 's'} as ${dry ? 'they would be' : 'they were'} stored:`,
    notes: (n: number) => `${n} note${n === 1 ? '' : 's'} (nothing stopped by them):`,
    inferred: (n: number) => `${n} row${n === 1 ? '' : 's'} with moments worked out from the others:`,
    problems: (n: number) => `Nothing was imported: ${n} problem${n === 1 ? '' : 's'} to fix first.`,
    more: (n: number) => `  … and ${n} more.`,
    nothing: (n: number) => `Nothing changed: all ${n} record${n === 1 ? ' was' : 's were'} already in the database.`,
    imported: (n: number, steps: number, skipped: number) =>
      `Imported ${n} record${n === 1 ? '' : 's'} with ${steps} handling step${steps === 1 ? '' : 's'}${skipped > 0 ? `; ${skipped} already present, left as they were` : ''}.`,
    dry: (n: number, skipped: number) => `Dry run: nothing was written. An import would add ${n} record${n === 1 ? '' : 's'}${skipped > 0 ? ` (${skipped} already present)` : ''}.`,
    dryProblems: (skipped: number) => `Dry run: nothing was written; until the problems are fixed an import adds nothing${skipped > 0 ? ` (${skipped} already present)` : ''}.`,
    where: (sheet: string | undefined, row: number, column: string) =>
      [sheet ? `sheet ${sheet}` : '', row > 0 ? `row ${row}` : 'the whole file', column ? `column ${column}` : ''].filter(Boolean).join(', '),
    source: 'source',
    worked: 'worked out',
    response: 'response',
    resolution: 'resolution',
    min: 'min',
    verdict: { met: 'met', notMet: 'not met', open: 'open' } as Record<ImportVerdict, string>,
    atDesk: (zone: string, time: string) => `at this desk (${zone}) ${time}`,
    status: { new: '', present: 'already here', clash: 'refused: its number is another record’s', unplanned: '' } as Record<ImportRowStatus, string>,
    moments: { callAt: 'call', answeredAt: 'answered', resolvedAt: 'resolved', resultToldAt: 'told', closedAt: 'closed', callbackDoneAt: 'called back' },
  },
  zh: {
    rows: (n: number) => `${n} 行记录`,
    zone: (zone: string, from: string) => `时间按 ${zone} 读取（${from}）。`,
    zoneFrom: { file: '文件的“时区”列', option: '--zone', desk: '本坐席的时区' },
    zoneNone: '时间按每行“时区”列读取。',
    desk: (code: string) => `没有坐席代码的行属于坐席 ${code}。`,
    columns: '列：',
    notRead: (cols: string) => `未读取的列：${cols}。`,
    preview: (n: number, dry: boolean) => `前 ${n} 行${dry ? '将' : '已'}保存为：`,
    notes: (n: number) => `${n} 条提示（不影响导入）：`,
    inferred: (n: number) => `${n} 行有根据其他时间推算的时刻：`,
    problems: (n: number) => `未导入任何记录：有 ${n} 个问题需先改正。`,
    more: (n: number) => `  …… 另有 ${n} 条。`,
    nothing: (n: number) => `没有变化：${n} 条记录都已在数据库中。`,
    imported: (n: number, steps: number, skipped: number) => `已导入 ${n} 条记录、${steps} 个处理步骤${skipped > 0 ? `；${skipped} 条已存在，保持不变` : ''}。`,
    dry: (n: number, skipped: number) => `试运行：未写入任何内容。正式导入将新增 ${n} 条记录${skipped > 0 ? `（${skipped} 条已存在）` : ''}。`,
    dryProblems: (skipped: number) => `试运行：未写入任何内容；问题改正之前，正式导入不会新增记录${skipped > 0 ? `（${skipped} 条已存在）` : ''}。`,
    where: (sheet: string | undefined, row: number, column: string) =>
      [sheet ? `工作表 ${sheet}` : '', row > 0 ? `第 ${row} 行` : '整个文件', column ? `列 ${column}` : ''].filter(Boolean).join('，'),
    source: '来源编号',
    worked: '推算',
    response: '响应',
    resolution: '解决',
    min: '分钟',
    verdict: { met: '达标', notMet: '未达标', open: '进行中' } as Record<ImportVerdict, string>,
    atDesk: (zone: string, time: string) => `本坐席时间（${zone}）${time}`,
    status: { new: '', present: '已存在', clash: '拒绝：编号已被占用', unplanned: '' } as Record<ImportRowStatus, string>,
    moments: { callAt: '来电', answeredAt: '接听', resolvedAt: '解决', resultToldAt: '告知', closedAt: '结束', callbackDoneAt: '回访' },
  },
} as const;

/**
 * The report: the file, its layout and zone, every column and what became of
 * it (dry run), the first rows as stored, the notes, and then either every
 * problem or what was imported.
 * @example formatImportReport(report, 'zh')
 */
export function formatImportReport(r: ImportReport, lang: Lang = 'en', options: { details?: boolean } = {}): string {
  const t = T[lang];
  const details = options.details ?? r.dryRun;
  const lines: string[] = [];
  const encoding = r.encoding ? ` (${r.encoding === 'gb18030' ? 'GBK' : 'UTF-8'})` : '';
  lines.push(`${r.file}: ${r.format.toUpperCase()}${encoding}, ${importLayoutLabel(lang, r.layout)}, ${t.rows(r.rows)}.`);
  if (details) {
    lines.push(r.zone !== null && r.zoneSource !== null && r.zoneSource !== 'file' ? t.zone(r.zone, t.zoneFrom[r.zoneSource]) : t.zoneNone);
    if (r.deskCode) lines.push(t.desk(r.deskCode));
    lines.push(t.columns);
    for (const c of r.columns) {
      const fields = c.fields.map((f) => importFieldLabel(lang, f)).join(lang === 'zh' ? '、' : ', ');
      const checked = c.use === 'read' && c.checked ? ` + ${columnUseLabel(lang, 'checked')}` : '';
      lines.push(`  ${c.column} → ${columnUseLabel(lang, c.use)}${fields ? `: ${fields}` : ''}${checked}`);
    }
    if (r.preview.length > 0) {
      lines.push(t.preview(r.preview.length, r.dryRun));
      for (const p of r.preview) lines.push(`  ${previewLine(p, lang, r.deskZone)}`);
    }
  } else if (r.ignoredColumns.length > 0) {
    lines.push(t.notRead(r.ignoredColumns.join(', ')));
  }
  const rowNotes = details ? r.notes : r.notes.filter((n) => n.code !== 'columns_not_read' && n.code !== 'columns_checked');
  if (rowNotes.length > 0) {
    lines.push(t.notes(rowNotes.length));
    listed(rowNotes, lang, lines);
  }
  if (details && r.inferred.length > 0) {
    lines.push(t.inferred(r.inferred.length));
    for (const i of r.inferred.slice(0, MAX_LISTED)) lines.push(`  ${t.where(i.sheet, i.row, '')}: ${i.moments.map((m) => importMomentLabel(lang, m)).join(lang === 'zh' ? '、' : ', ')}`);
    if (r.inferred.length > MAX_LISTED) lines.push(t.more(r.inferred.length - MAX_LISTED));
  }
  if (r.errors.length > 0) {
    lines.push(t.problems(r.errors.length));
    listed(r.errors, lang, lines);
    if (r.dryRun) lines.push(t.dryProblems(r.skipped));
  } else if (r.dryRun) lines.push(t.dry(r.toImport, r.skipped));
  else if (r.imported === 0) lines.push(t.nothing(r.skipped));
  else lines.push(t.imported(r.imported, r.steps, r.skipped));
  return lines.join('\n');
}

function listed(items: ImportProblem[], lang: Lang, lines: string[]): void {
  const t = T[lang];
  for (const e of items.slice(0, MAX_LISTED)) lines.push(`  ${t.where(e.sheet, e.row, e.column)}: ${importReasonText(lang, e)}`);
  if (items.length > MAX_LISTED) lines.push(t.more(items.length - MAX_LISTED));
}

/** One previewed row on a line: its numbers, its times in its zone (worked-out ones marked), what it is and how it did. */
function previewLine(p: ImportPreviewRow, lang: Lang, deskZone: string | null): string {
  const t = T[lang];
  const sep = lang === 'zh' ? '，' : ', ';
  const star = (m: ImportPreviewRow['inferred'][number]) => (p.inferred.includes(m) ? `(${t.worked})` : '');
  const times = [
    `${t.moments.callAt} ${p.callAt}`,
    // Read in another zone than the desk's: the call as the desk saw it, so a wrong --zone shows on every row.
    p.atDesk !== null && deskZone !== null && t.atDesk(deskZone, p.atDesk),
    p.answeredAt && `${t.moments.answeredAt} ${p.answeredAt}${star('answeredAt')}`,
    p.resolvedAt && `${t.moments.resolvedAt} ${p.resolvedAt}${star('resolvedAt')}`,
    p.resultToldAt && `${t.moments.resultToldAt} ${p.resultToldAt}${star('resultToldAt')}`,
    p.closedAt && `${t.moments.closedAt} ${p.closedAt}${star('closedAt')}`,
    p.callbackDoneAt && `${t.moments.callbackDoneAt} ${p.callbackDoneAt}`,
  ].filter(Boolean);
  const what = [
    p.priorityLabel?.[lang] ?? p.priority,
    p.requestType && labelOf(lang, 'requestType', p.requestType),
    p.category && labelOf(lang, 'category', p.category),
    p.customerType && labelOf(lang, 'customerType', p.customerType),
    p.result && labelOf(lang, 'result', p.result),
  ].filter(Boolean);
  const figure = (name: string, minutes: number | null, verdict: ImportVerdict | null) =>
    minutes === null && verdict === null ? null : `${name} ${minutes ?? '—'} ${t.min}${verdict ? ` ${t.verdict[verdict]}` : ''}`;
  const figures = [figure(t.response, p.responseMinutes, p.responseMet), figure(t.resolution, p.resolutionMinutes, p.resolutionMet)].filter(Boolean);
  const status = t.status[p.status] ? ` — ${t.status[p.status]}` : '';
  const head = `${t.where(p.sheet, p.row, '')}: ${p.recordNo}${p.sourceRef ? ` (${t.source} ${p.sourceRef})` : ''} [${p.deskCode}, ${p.timeZone}]${status}`;
  // The salutation and phone as they would be kept (last four digits only), so the masking can be checked.
  const who = [p.salutation, p.phoneLast4 && `****${p.phoneLast4}`].filter(Boolean).join(' ');
  return [head, times.join(sep), what.join(' / '), who, figures.join(sep)].filter((s) => s !== '').join('; ');
}
