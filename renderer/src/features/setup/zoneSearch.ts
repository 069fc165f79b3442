/**
 * Finding an IANA time zone the way an agent names it: 北京时间, 中国, UTC+8, +08:00, 东八区,
 * Shanghai or Asia/Shanghai. Pure: the zones and `now` (for today's offsets) are arguments.
 */

export interface ZoneEntry {
  zone: string;
  /** Minutes east of UTC at `now` (480 for Asia/Shanghai). */
  offsetMin: number;
  /** 'UTC+08:00', 'UTC−03:30', 'UTC±00:00'. */
  offsetLabel: string;
  /** The zone's long names in Chinese and English (中国标准时间, China Standard Time, …). */
  names: { zh: string; en: string };
  /** The names a search looks in, normalised (offsets are matched by value: UTC+1 is not UTC+11). */
  haystack: string[];
}

/**
 * Names people use that the zone database does not: Beijing time is Asia/Shanghai, and a
 * country or a big city stands for its zone. The order is also the order of preference among
 * zones that match equally (UTC+8 lists Asia/Shanghai first: the product's home).
 */
const ALIASES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Asia/Shanghai', ['北京时间', '北京', '中国', '上海', '东八区', 'beijing', 'peking', 'china']],
  ['Asia/Hong_Kong', ['香港', 'hongkong']],
  ['Asia/Macau', ['澳门', 'macao']],
  ['Asia/Taipei', ['台北', '台湾', 'taiwan']],
  ['Asia/Urumqi', ['乌鲁木齐', '新疆']],
  ['Asia/Singapore', ['新加坡']],
  ['Asia/Kuala_Lumpur', ['吉隆坡', '马来西亚', 'malaysia']],
  ['Asia/Tokyo', ['东京', '日本', 'japan']],
  ['Asia/Seoul', ['首尔', '韩国', 'korea']],
  ['Asia/Bangkok', ['曼谷', '泰国', 'thailand']],
  ['Asia/Dubai', ['迪拜', '阿联酋']],
  ['Asia/Kolkata', ['印度', 'india']],
  ['Asia/Calcutta', ['印度', 'india']],
  ['Europe/London', ['伦敦', '英国', 'uk', 'britain']],
  ['Europe/Berlin', ['柏林', '德国', 'germany']],
  ['Europe/Paris', ['巴黎', '法国', 'france']],
  ['Europe/Moscow', ['莫斯科', '俄罗斯', 'russia']],
  ['America/New_York', ['纽约', '美国东部']],
  ['America/Chicago', ['芝加哥', '美国中部']],
  ['America/Los_Angeles', ['洛杉矶', '旧金山', '美国西部']],
  ['Australia/Sydney', ['悉尼', '澳大利亚', 'australia']],
  ['UTC', ['协调世界时', '世界时', 'gmt', 'utc']],
];
const PREFERRED = new Map(ALIASES.map(([zone], i) => [zone, i]));

/** Lower case, full-width forms folded (＋０８：００ → +08:00), the minus sign as a hyphen, underscores as spaces. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[−–]/g, '-').replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
}

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 一 … 十二 as a number (十二 = 12, 十 = 10), or NaN. */
function chineseNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (text.length === 1) return CN_DIGITS[text] ?? NaN;
  if (text.length === 2 && text[0] === '十') return 10 + (CN_DIGITS[text[1]!] ?? NaN);
  return NaN;
}

/**
 * The UTC offset a query names, in minutes, or null when it names none.
 * @example offsetOf('UTC+8') === 480; offsetOf('+05:30') === 330; offsetOf('东八区') === 480; offsetOf('Berlin') === null
 */
export function offsetOf(query: string): number | null {
  const q = normalise(query).replace(/\s/g, '');
  const zone = /^([东西])(.{1,2})区$/.exec(q);
  if (zone) {
    const hours = chineseNumber(zone[2]!);
    return hours >= 0 && hours <= 12 ? (zone[1] === '东' ? hours : -hours) * 60 : null;
  }
  if (q === 'utc' || q === 'gmt' || q === 'z') return 0;
  const m = /^(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(q);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  if (hours > 14 || minutes >= 60) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function nameOf(zone: string, locale: string, style: 'long' | 'longGeneric', now: number): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style }).formatToParts(now).find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
}

/** Minutes east of UTC of a zone at an instant, read from the calendar fields Intl gives. */
export function offsetAt(zone: string, now: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(now / 60_000) * 60_000) / 60_000);
}

/** 'UTC+08:00' for 480, 'UTC−03:30' for −210, 'UTC±00:00' for 0. */
export function offsetLabel(minutes: number): string {
  const sign = minutes > 0 ? '+' : minutes < 0 ? '−' : '±';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The searchable entries of some zones (the ones Intl supports, say), with today's offsets. */
export function zoneEntries(zones: readonly string[], now: number): ZoneEntry[] {
  const aliases = new Map(ALIASES);
  return zones.map((zone) => {
    const offsetMin = offsetAt(zone, now);
    const names = { zh: nameOf(zone, 'zh-CN', 'long', now), en: nameOf(zone, 'en', 'long', now) };
    const generic = [nameOf(zone, 'zh-CN', 'longGeneric', now), nameOf(zone, 'en', 'longGeneric', now)];
    const haystack = [zone, zone.split('/').at(-1) ?? zone, names.zh, names.en, ...generic, ...(aliases.get(zone) ?? [])].map(normalise);
    return { zone, offsetMin, offsetLabel: offsetLabel(offsetMin), names, haystack: [...new Set(haystack)] };
  });
}

/**
 * The entries a query finds, best first: the exact zone name, then a name or alias that is the
 * query, then one that starts with it, then one that contains it, then the zones at the offset it
 * names (an offset query finds by offset only). Equal matches: the preferred zones (ALIASES' order), then the system's, then by name.
 * An empty query lists every zone, the system's first.
 * @example searchZones(entries, '北京时间')[0].zone === 'Asia/Shanghai'
 */
export function searchZones(entries: readonly ZoneEntry[], query: string, systemZone = ''): ZoneEntry[] {
  const q = normalise(query);
  const offset = offsetOf(query);
  const scored: Array<{ entry: ZoneEntry; score: number }> = [];
  for (const entry of entries) {
    let score: number | null = null;
    if (q === '') score = 0;
    else if (offset !== null) score = normalise(entry.zone) === q ? 0 : entry.offsetMin === offset ? 1 : null;
    else if (normalise(entry.zone) === q) score = 0;
    else if (entry.haystack.includes(q)) score = 1;
    else if (entry.haystack.some((h) => h.startsWith(q) || h.split(/[ /]/).some((word) => word.startsWith(q)))) score = 2;
    else if (entry.haystack.some((h) => h.includes(q))) score = 3;
    if (score !== null) scored.push({ entry, score });
  }
  const rank = (e: ZoneEntry) => (e.zone === systemZone ? -1 : (PREFERRED.get(e.zone) ?? ALIASES.length));
  return scored
    .sort((a, b) => a.score - b.score || rank(a.entry) - rank(b.entry) || a.entry.zone.localeCompare(b.entry.zone))
    .map((s) => s.entry);
}

/** Every zone the runtime knows, UTC included (V8 leaves it out of supportedValuesOf), and the system's. */
export function knownZones(systemZone: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...all, 'UTC', ...(systemZone ? [systemZone] : [])])];
}
