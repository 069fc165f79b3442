import type { PolicyImpact, PolicyTrailEntry, SavedPolicy, TouchedDay } from '../../shared/api/policy';
import type { Lang } from '../../shared/i18n';
import { localDateTime } from '../../shared/timing/localTime';

/** `hotline policy`'s output as a person reads it, in Chinese or English (--lang). */

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
type Day = Pick<TouchedDay, 'deskCode' | 'localDate'> & { records?: number };

const T = {
  en: {
    start: 'from the start',
    from: (at: string) => `from ${at}`,
    until: (at: string) => `until ${at}`,
    open: 'on',
    never: 'never (a newer version starting at the same moment took its place)',
    records: (n: number) => plural(n, 'record'),
    day: (d: Day) => `${d.localDate} (${d.deskCode}${d.records === undefined ? '' : `, ${plural(d.records, 'record')}`})`,
    sep: ', ',
    inForce: (span: string) => `In force ${span}.`,
    toRejudge: (n: number) => `  records to re-judge (they take this version): ${n}`,
    dueChanged: (n: number) => `  of them with other due times: ${n}`,
    verdicts: (n: number) => `  of them whose verdict changes (met/late, missed target, overdue): ${n}`,
    touched: (days: string) => `  signed-off days whose records change (due time or verdict; they need --reason): ${days}`,
    none: 'none',
    nowInForce: (v: number, file: string, span: string) => `Policy version ${v} is now in force (from ${file}), ${span}.`,
    savedLater: (v: number, file: string, span: string) => `Policy version ${v} was saved (from ${file}), in force ${span}; a later version is in force now.`,
    savedCounts: (n: number, v: number) => `${plural(n, 'record')} re-judged, ${plural(v, 'verdict')} changed.`,
    savedTouched: (days: string) => ` Signed-off days changed: ${days}.`,
    noTrail: 'No policy version has been saved yet.',
    head: (v: number, at: string, actor: string, source: string) => `version ${v}  saved ${at} by ${actor} (${source})`,
    spanLine: (span: string) => `  in force ${span}`,
    rejudged: (n: number, v: number) => `  re-judged ${plural(n, 'record')}, ${plural(v, 'verdict')} changed`,
    running: '  re-judge still under way (it resumes when Hotline Log next starts)',
    trailTouched: (days: string) => `  signed-off days touched: ${days}`,
    reason: (r: string) => `  reason: ${r}`,
    sources: {} as Record<string, string>,
    notApplied: 'Nothing was changed: add --yes to apply it.',
    progress: (done: number, total: number) => `re-judged ${done}/${total}`,
    refused: (file: string) => `${file} was refused; the current policy stays. Problems:`,
    needsReason: (days: string) => `Signed-off days would change (${days}): say why. Nothing was changed: add --reason TEXT to apply it.`,
    badFrom: (from: string, why: string) => `--from ${from}: ${why} Nothing was changed.`,
    future: (from: string) => `${from} has not begun: a version can be in force from today at the latest.`,
    invalidDate: 'The effective-from date is not a date: type it as YYYY-MM-DD, e.g. 2026-09-01.',
    failed: (why: string) => `${why} Nothing was changed.`,
    unreadable: (file: string, why: string) => `${file} is not a readable JSON file (${why})`,
  },
  zh: {
    start: '自最初起',
    from: (at: string) => `自 ${at} 起`,
    until: (at: string) => `至 ${at} 止`,
    open: '一直',
    never: '从未生效（同一时刻起生效的更新版本取代了它）',
    records: (n: number) => `${n} 条记录`,
    day: (d: Day) => `${d.localDate}（${d.deskCode}${d.records === undefined ? '' : `，${d.records} 条记录`}）`,
    sep: '、',
    inForce: (span: string) => `生效期间：${span}。`,
    toRejudge: (n: number) => `  将按本版重新考核的记录：${n}`,
    dueChanged: (n: number) => `  其中截止时间改变的：${n}`,
    verdicts: (n: number) => `  其中考核结论改变的（达标/超时、未达标、已逾期）：${n}`,
    touched: (days: string) => `  记录将改变（截止时间或结论）的已归档日期（需要 --reason）：${days}`,
    none: '无',
    nowInForce: (v: number, file: string, span: string) => `第 ${v} 版规则（来自 ${file}）现已生效，${span}。`,
    savedLater: (v: number, file: string, span: string) => `第 ${v} 版规则（来自 ${file}）已保存，生效期间：${span}；当前生效的是更晚的版本。`,
    savedCounts: (n: number, v: number) => `重新考核 ${n} 条记录，${v} 条结论改变。`,
    savedTouched: (days: string) => `已归档日期的记录已改变：${days}。`,
    noTrail: '尚未保存任何规则版本。',
    head: (v: number, at: string, actor: string, source: string) => `第 ${v} 版  ${at} 由 ${actor} 保存（${source}）`,
    spanLine: (span: string) => `  生效期间：${span}`,
    rejudged: (n: number, v: number) => `  重新考核 ${n} 条记录，${v} 条结论改变`,
    running: '  重新考核进行中（下次启动热线记录时继续）',
    trailTouched: (days: string) => `  涉及已归档的日期：${days}`,
    reason: (r: string) => `  原因：${r}`,
    sources: { screen: '规则页面', cli: '命令行', team: '团队服务器', defaults: '默认规则', 'before trail': '记录变更之前保存' } as Record<string, string>,
    notApplied: '未做任何更改：加上 --yes 才会应用。',
    progress: (done: number, total: number) => `已重新考核 ${done}/${total}`,
    refused: (file: string) => `${file} 被拒绝，当前规则保持不变。问题：`,
    needsReason: (days: string) => `已归档日期的记录将改变（${days}）：请说明原因。未做任何更改：加上 --reason 原因 才会应用。`,
    badFrom: (from: string, why: string) => `--from ${from}：${why}未做任何更改。`,
    future: (from: string) => `${from} 尚未开始：版本最晚只能自今天起生效。`,
    invalidDate: '生效日期不是有效日期：请按 YYYY-MM-DD 输入，例如 2026-09-01。',
    failed: (why: string) => `${why} 未做任何更改。`,
    unreadable: (file: string, why: string) => `${file} 不是可读取的 JSON 文件（${why}）`,
  },
} as const;

/** The command's own messages (preview footer, refusals), in the chosen language. */
export const policyMessages = (lang: Lang) => T[lang];

/**
 * "from 2026-09-01 00:00 until 2026-11-15 00:00 (Asia/Shanghai)" in the policy's zone;
 * a version from 0 is in force "from the start".
 * @example spanText(0, null, 'Asia/Shanghai', 'zh') === '自最初起一直（Asia/Shanghai）'
 */
export function spanText(from: number, until: number | null, zone: string, lang: Lang = 'en'): string {
  const t = T[lang];
  const zoned = (text: string) => (lang === 'zh' ? `${text}（${zone}）` : `${text} (${zone})`);
  if (until === from) return zoned(t.never);
  const start = from === 0 ? t.start : t.from(localDateTime(from, zone));
  const end = until === null ? t.open : t.until(localDateTime(until, zone));
  return zoned(lang === 'zh' ? (until === null ? `${start}${end}生效` : `${start}，${end}`) : `${start} ${end}`);
}

function daysText(days: readonly Day[], lang: Lang): string {
  return days.map((d) => T[lang].day(d)).join(T[lang].sep);
}

/**
 * The preview `hotline policy import --from` prints before anything changes.
 * @example formatImpact(impact) // "In force from 2026-09-01 00:00 on (Asia/Shanghai).\n  12 records re-judged …"
 */
export function formatImpact(impact: PolicyImpact, lang: Lang = 'en'): string {
  const t = T[lang];
  return [
    t.inForce(spanText(impact.effectiveFrom, impact.effectiveUntil, impact.timeZone, lang)),
    t.toRejudge(impact.records),
    t.dueChanged(impact.dueTimesChanged),
    t.verdicts(impact.verdictsChanged),
    t.touched(impact.signedOffDays.length === 0 ? t.none : daysText(impact.signedOffDays, lang)),
  ].join('\n');
}

/** What a save did, in two lines. */
export function formatSaved(saved: SavedPolicy, file: string, lang: Lang = 'en'): string {
  const t = T[lang];
  const span = spanText(saved.effectiveFrom, saved.effectiveUntil, saved.policy.calendar.timeZone, lang);
  const head = saved.inForceNow ? t.nowInForce(saved.version, file, span) : t.savedLater(saved.version, file, span);
  const touched = saved.signedOffDays.length > 0 ? t.savedTouched(daysText(saved.signedOffDays, lang)) : '';
  return `${head}\n${t.savedCounts(saved.recordsRejudged, saved.verdictsChanged)}${touched}`;
}

/**
 * `hotline policy history`: the policy trail, newest first, one entry a paragraph.
 * @example formatTrail(entries, 'zh') // "第 3 版  2026-12-01 10:02 由 王管理 保存（规则页面）…"
 */
export function formatTrail(entries: readonly PolicyTrailEntry[], lang: Lang = 'en'): string {
  const t = T[lang];
  if (entries.length === 0) return t.noTrail;
  return entries
    .map((e) => {
      const lines = [t.head(e.version, localDateTime(e.at, e.timeZone), e.actor, t.sources[e.source] ?? e.source), t.spanLine(spanText(e.effectiveFrom, e.effectiveUntil, e.timeZone, lang))];
      lines.push(e.completed ? t.rejudged(e.recordsRejudged, e.verdictsChanged) : t.running);
      if (e.signedOffDays.length > 0) lines.push(t.trailTouched(daysText(e.signedOffDays, lang)));
      if (e.reason) lines.push(t.reason(e.reason));
      return lines.join('\n');
    })
    .join('\n');
}
