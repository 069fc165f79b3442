import { describe, expect, it } from 'vitest';
import { knownZones, normalise, offsetAt, offsetLabel, offsetOf, searchZones, zoneEntries } from '../../../renderer/src/features/setup/zoneSearch';

/** A winter day and a summer day: Europe's offsets differ between them. */
const WINTER = Date.UTC(2026, 0, 15, 4, 0);
const SUMMER = Date.UTC(2026, 6, 15, 4, 0);
const zones = knownZones('Asia/Shanghai');
const winter = zoneEntries(zones, WINTER);
const top = (query: string, entries = winter, system = '') => searchZones(entries, query, system).map((e) => e.zone);

describe('finding a time zone as an agent names it', () => {
  it.each(['北京时间', '中国', '北京', '上海', 'UTC+8', 'utc+08', '+08:00', '+8', 'GMT+8', '＋０８：００', 'UTC＋8', '东八区', 'Shanghai', 'asia/shanghai', 'Asia/Shanghai', '中国标准时间', 'China Standard Time'])(
    '%s finds Asia/Shanghai first',
    (query) => {
      expect(top(query)[0]).toBe('Asia/Shanghai');
    },
  );

  it('lists every zone at the offset an offset query names, and no other', () => {
    const plus8 = searchZones(winter, 'UTC+8');
    expect(plus8.length).toBeGreaterThan(5);
    expect(plus8.every((e) => e.offsetMin === 480)).toBe(true);
    expect(plus8.map((e) => e.zone)).toEqual(expect.arrayContaining(['Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Australia/Perth']));
  });

  it('UTC+1 finds Central Europe in winter, and London in summer (the offsets of the day)', () => {
    expect(top('UTC+1')).toEqual(expect.arrayContaining(['Europe/Berlin', 'Europe/Paris', 'Europe/Rome']));
    expect(top('UTC+1')).not.toContain('Europe/London');
    // UTC+1 is not UTC+11 or UTC+10.
    expect(searchZones(winter, 'UTC+1').every((e) => e.offsetMin === 60)).toBe(true);
    const summer = zoneEntries(zones, SUMMER);
    expect(top('UTC+1', summer)).toContain('Europe/London');
    expect(top('UTC+2', summer)).toContain('Europe/Berlin');
  });

  it('half- and three-quarter-hour offsets, and offsets west of UTC', () => {
    // Node's ICU and Chromium's spell some zones differently (Asia/Calcutta, Asia/Kolkata).
    expect(top('UTC+5:30').some((z) => z === 'Asia/Kolkata' || z === 'Asia/Calcutta')).toBe(true);
    expect(top('+05:45').some((z) => /^Asia\/Kat(h)?mandu$/.test(z))).toBe(true);
    expect(top('UTC-5')).toContain('America/New_York');
    expect(top('UTC−3')).toContain('America/Sao_Paulo');
    expect(top('西五区')).toContain('America/New_York');
  });

  it('cities and countries in either language, by the start of a word', () => {
    expect(top('柏林')[0]).toBe('Europe/Berlin');
    expect(top('德国')[0]).toBe('Europe/Berlin');
    expect(top('berl')[0]).toBe('Europe/Berlin');
    expect(top('new york')[0]).toBe('America/New_York');
    expect(top('香港')[0]).toBe('Asia/Hong_Kong');
    expect(top('东京')[0]).toBe('Asia/Tokyo');
  });

  it('finds nothing for a name that is no zone', () => {
    expect(top('火星时间')).toEqual([]);
    expect(top('Mars/Olympus')).toEqual([]);
    expect(top('UTC+15')).toEqual([]);
  });

  it('an empty query lists every zone, the system’s first', () => {
    expect(top('', winter, 'Europe/Berlin')[0]).toBe('Europe/Berlin');
    expect(top('', winter, 'Europe/Berlin')).toHaveLength(winter.length);
  });

  it('knows UTC, which V8 leaves out of supportedValuesOf, and the system zone even when spelt as an alias', () => {
    expect(knownZones('Asia/Calcutta')).toEqual(expect.arrayContaining(['UTC', 'Asia/Calcutta', 'Asia/Shanghai']));
    expect(top('UTC')[0]).toBe('UTC');
  });
});

describe('offsets', () => {
  it.each([
    ['UTC+8', 480],
    ['+08:00', 480],
    ['gmt-3:30', -210],
    ['UTC', 0],
    ['东八区', 480],
    ['东十二区', 720],
    ['西三区', -180],
    ['Berlin', null],
    ['+8:75', null],
  ] as const)('%s is %s minutes', (query, minutes) => {
    expect(offsetOf(query)).toBe(minutes);
  });

  it('reads a zone’s offset at an instant, and labels it', () => {
    expect(offsetAt('Asia/Shanghai', WINTER)).toBe(480);
    expect(offsetAt('Europe/Berlin', WINTER)).toBe(60);
    expect(offsetAt('Europe/Berlin', SUMMER)).toBe(120);
    expect(offsetAt('America/St_Johns', WINTER)).toBe(-210);
    expect(offsetLabel(480)).toBe('UTC+08:00');
    expect(offsetLabel(-210)).toBe('UTC−03:30');
    expect(offsetLabel(0)).toBe('UTC±00:00');
  });

  it('normalises full-width forms and the minus sign', () => {
    expect(normalise('ＵＴＣ＋８')).toBe('utc+8');
    expect(normalise('UTC−3')).toBe('utc-3');
    expect(normalise('America/New_York')).toBe('america/new york');
  });
});
