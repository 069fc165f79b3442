import { describe, expect, it } from 'vitest';
import { csvField, cutToCellLimit, defuseFormula, MAX_CELL_CHARS, safeSheetName, stripXmlForbidden, undoDefuse } from '../../../electron/archive/cells';
import { parseCsv } from '../../../electron/archive/csv';
import { feedbackOfCell, reasonsOfCell, stepsOfCell } from '../../../electron/archive/importCells';
import { timeOf } from '../../../electron/archive/importValues';
import { columnLetters, escapeXml, RowRenderer } from '../../../electron/archive/rowXml';
import { instantOf, wallClockDate, wallClockText } from '../../../electron/archive/wallClock';
import { readVocab } from '../../../electron/archive/vocab';

describe('sheet names', () => {
  it('replaces the characters Excel forbids, keeps to 31 characters and stays unique', () => {
    const taken = new Set<string>();
    expect(safeSheetName('a:b\\c/d?e*f[g]h', taken)).toBe('a_b_c_d_e_f_g_h');
    expect(safeSheetName("'quoted'", taken)).toBe('quoted');
    expect(safeSheetName('History', taken)).toBe('Sheet_History');
    expect(safeSheetName('', taken)).toBe('Sheet');
    const long = 'x'.repeat(40);
    expect(safeSheetName(long, taken)).toBe('x'.repeat(31));
    expect(safeSheetName(long, taken)).toBe(`${'x'.repeat(27)} (2)`);
    expect(safeSheetName('记录', taken)).toBe('记录');
    expect(safeSheetName('记录', taken)).toBe('记录 (2)');
    expect(safeSheetName('QUOTED', taken)).toBe('QUOTED (2)');
    for (const name of taken) expect(name.length).toBeLessThanOrEqual(31);
  });
});

describe('cell text', () => {
  it('cuts text past Excel’s 32,767 characters with a visible marker, never splitting a character', () => {
    const cut = cutToCellLimit('字'.repeat(40_000), 'zh');
    expect(cut).toHaveLength(MAX_CELL_CHARS);
    expect(cut.endsWith('…[已截断]')).toBe(true);
    expect(cutToCellLimit('x'.repeat(40_000), 'en').endsWith('…[truncated]')).toBe(true);
    const emoji = cutToCellLimit('😀'.repeat(20_000), 'en');
    expect(emoji.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(emoji.replace('…[truncated]', '')).toMatch(/^(😀)+$/u);
    expect(cutToCellLimit('short', 'en')).toBe('short');
  });

  it('strips what XML forbids and escapes what it reserves', () => {
    expect(stripXmlForbidden('a\u0000b\u0008c\u000Bd\uFFFEe\uD800f\tg\nh')).toBe('abcdef\tg\nh');
    expect(stripXmlForbidden('😀')).toBe('😀');
    expect(escapeXml('<a & b>\r')).toBe('&lt;a &amp; b&gt;&#13;');
    expect(columnLetters(1)).toBe('A');
    expect(columnLetters(27)).toBe('AA');
    expect(columnLetters(47)).toBe('AU');
  });

  it('renders string cells as inline strings, never as formulas', () => {
    const xml = new RowRenderer([0, 2, 0], 'en').row(7, ['=SUM(A1)', new Date(Date.UTC(2024, 4, 20, 14, 15)), 2.5]);
    expect(xml).toBe('<row r="7"><c r="A7" t="inlineStr"><is><t>=SUM(A1)</t></is></c><c r="B7" s="2"><v>45432.59375</v></c><c r="C7"><v>2.5</v></c></row>');
    expect(xml).not.toContain('<f>');
  });

  it('defuses CSV formulas (OWASP) and quotes fields as RFC 4180 says', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(defuseFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(defuseFormula('王女士')).toBe('王女士');
    expect(undoDefuse("'=1+1")).toBe('=1+1');
    expect(undoDefuse("'quoted'")).toBe("'quoted'");
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
  });

  it('parses RFC 4180 CSV: quotes, doubled quotes, line breaks in fields, CRLF and LF', () => {
    const rows = [...parseCsv('a,"b ""c""",d\r\n"1\n2",,3\n4,5,6')];
    expect(rows).toEqual([
      { row: 1, fields: ['a', 'b "c"', 'd'] },
      { row: 2, fields: ['1\n2', '', '3'] },
      { row: 3, fields: ['4', '5', '6'] },
    ]);
  });
});

describe('times', () => {
  it('writes a record’s instants in its zone’s wall time', () => {
    const at = Date.UTC(2024, 4, 20, 6, 15, 30, 250);
    expect(wallClockDate(at, 'Asia/Shanghai').toISOString()).toBe('2024-05-20T14:15:30.250Z');
    expect(wallClockText(at, 'Asia/Shanghai')).toBe('2024-05-20 14:15:30.250');
    expect(wallClockText(Date.UTC(2024, 4, 20, 6, 15), 'America/New_York')).toBe('2024-05-20 02:15:00');
  });

  it('reads wall times back across daylight saving: a gap is refused, a repeated hour is the earlier reading', () => {
    const wall = (day: number, month: number, hour: number, minute: number) => ({ year: 2024, month, day, hour, minute, second: 0, millisecond: 0 });
    expect(instantOf(wall(20, 5, 14, 15), 'Asia/Shanghai')).toBe(Date.UTC(2024, 4, 20, 6, 15));
    expect(instantOf(wall(10, 3, 2, 30), 'America/New_York')).toBeNull();
    expect(instantOf(wall(3, 11, 1, 30), 'America/New_York')).toBe(Date.UTC(2024, 10, 3, 5, 30));
    expect(instantOf(wall(27, 10, 2, 30), 'Europe/Berlin')).toBe(Date.UTC(2024, 9, 27, 0, 30));
    expect(() => timeOf('2024-03-10 02:30', null, 'America/New_York')).toThrow(/does not exist/);
    expect(timeOf('14:15', '2024-05-20', 'Asia/Shanghai')).toBe(Date.UTC(2024, 4, 20, 6, 15));
    expect(timeOf(new Date(Date.UTC(1899, 11, 30, 14, 15)), '2024-05-20', 'Asia/Shanghai')).toBe(Date.UTC(2024, 4, 20, 6, 15));
    expect(timeOf('2024-05-20 14:15:30.250', null, 'Asia/Shanghai')).toBe(Date.UTC(2024, 4, 20, 6, 15, 30, 250));
  });
});

describe('cells that hold several things', () => {
  it('splits numbered steps, the exporter’s and the paper sheet’s', () => {
    expect(stepsOfCell('1. 查询订单\n2. 核实地址，3.5元补偿')).toEqual(['查询订单', '核实地址，3.5元补偿']);
    expect(stepsOfCell('1.查询订单号;2.核实客户地址;3.协调物流更正地址，客户确认无误。')).toEqual(['查询订单号', '核实客户地址', '协调物流更正地址，客户确认无误。']);
    expect(stepsOfCell('已处理')).toEqual(['已处理']);
    expect(stepsOfCell('-')).toEqual([]);
  });

  it('reads miss reasons and feedback in either language', () => {
    expect(reasonsOfCell('响应：同时接待量超负荷 — 当班只有两人\nSecond response #2: Waiting on another department')).toEqual([
      { kind: 'response', idx: 0, code: 'overload', text: '当班只有两人' },
      { kind: 'secondResponse', idx: 1, code: 'waiting_on_department', text: null },
    ]);
    expect(() => reasonsOfCell('太忙了')).toThrow(/not "target: reason"/);
    expect(feedbackOfCell('不满意，要求升级处理')).toEqual({ feedback: 'unsatisfied', reason: '要求升级处理' });
    expect(feedbackOfCell('Basically satisfied')).toEqual({ feedback: 'basically_satisfied', reason: null });
    expect(readVocab('result', '处理中(需跟进)')).toBe('in_progress');
    expect(readVocab('result', '无法解决')).toBe('cannot_resolve');
    expect(readVocab('category', 'technical')).toBe('technical');
    expect(readVocab('category', '技术')).toBeNull();
  });
});
