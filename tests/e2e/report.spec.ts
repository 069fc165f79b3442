import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { StatsReport } from '../../shared/api/stats';
import { CATEGORIES } from '../../shared/domain/fields';
import { en, type MessageKey } from '../../shared/i18n/en';
import { zh } from '../../shared/i18n/zh';
import { button } from './pages';
import { serve, tempDb, type Served } from './serve';

/**
 * A demo month printed as the period report, in both languages, and read back
 * from the PDF with poppler's pdftotext and pdfinfo. page.pdf is Chromium's
 * printToPDF, the engine the desktop app saves with.
 */
const RECORDS = 1500;
const UNTIL = '2024-06-30';
const FROM = '2024-06-01';
/** The Statistics screen compares with the period of the same length just before. */
const COMPARE = { from: '2024-05-02', to: '2024-05-31' };
const OUT = path.join('test-results', 'report');

const cli = (args: string[]) => execFileSync(process.execPath, ['bin/hotline.cjs', ...args], { encoding: 'utf8' });
const statsOf = (file: string, from: string, to: string) => JSON.parse(cli(['stats', '--from', from, '--to', to, '--json', '--db', file])) as StatsReport;
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
const num = (x: number | null) => (x === null ? '—' : String(x));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The page as an A4 PDF; its text (layout kept, so a table row stays one line) and its page count. */
async function printed(page: Page, name: string): Promise<{ text: string; pages: number; bytes: number }> {
  const file = path.join(OUT, `${name}.pdf`);
  await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true, printBackground: true });
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  // Paper is white on every page: the last page, short, would otherwise end in a block of the app's grey.
  for (let n = 1; n <= pages; n++) expect(greyRowsOfLowerHalf(file, n), `rows of screen grey on page ${n} of ${name}`).toBe(0);
  // Page 1 as a picture, for a person to look at.
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', file, path.join(OUT, `${name}-page1`)]);
  return { text, pages, bytes: fs.statSync(file).size };
}

/** The app's screen background (styles.css --bg), which must never reach paper. */
const SCREEN_GREY = [0xf4, 0xf5, 0xf7] as const;

/**
 * How many pixel rows of a page's lower half (below the content of a short last page) are mostly the app's
 * screen grey: a grey block, not the anti-aliased edges of text. Read from pdftoppm's PPM ("P6 w h 255", then RGB).
 */
function greyRowsOfLowerHalf(file: string, pageNo: number): number {
  const ppm = execFileSync('pdftoppm', ['-r', '30', '-f', String(pageNo), '-l', String(pageNo), '-singlefile', file]);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm gave no PPM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = ppm.subarray(header[0].length);
  let rows = 0;
  for (let y = Math.floor(height / 2); y < height; y++) {
    let grey = 0;
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      if (SCREEN_GREY.every((c, i) => Math.abs(pixels[at + i]! - c) <= 2)) grey++;
    }
    if (grey >= width / 2) rows++;
  }
  return rows;
}

/**
 * Laid out for print at the A4 text width (210 mm less 2 × 13 mm margins), nothing is wider than the
 * page: Chromium would otherwise shrink every page to fit the widest table or chart.
 */
async function expectFitsA4(page: Page): Promise<void> {
  await page.emulateMedia({ media: 'print' });
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: Math.floor((184 / 25.4) * 96), height: viewport.height });
  expect(await page.getByTestId('report').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await page.setViewportSize(viewport);
  // Back to no emulation, not to 'screen': page.pdf prints with print CSS only while no medium is emulated.
  await page.emulateMedia({ media: null });
}

/**
 * Every x-axis label of every report chart reads on its own, as laid out for print: no two of one axis
 * touch ("TechnicalConsultation" at half width). Answers the axes whose labels run into each other (or that have none).
 */
async function crowdedAxes(page: Page): Promise<string[]> {
  await page.emulateMedia({ media: 'print' });
  const crowded = await page.getByTestId('report').evaluate((report) =>
    [...report.querySelectorAll('.report-chart')].flatMap((figure) => {
      const boxes = [...figure.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')]
        .map((tick) => ({ text: tick.textContent ?? '', box: tick.getBoundingClientRect() }))
        .sort((x, y) => x.box.left - y.box.left);
      const title = figure.querySelector('figcaption')?.textContent ?? '';
      // An axis without labels would pass unseen: it counts as crowded too.
      if (boxes.length === 0) return [`${title}: no labels`];
      return boxes.slice(1).flatMap((tick, i) => (tick.box.left < boxes[i]!.box.right + 2 ? [`${title}: ${boxes[i]!.text} | ${tick.text}`] : []));
    }),
  );
  await page.emulateMedia({ media: null });
  return crowded;
}

/** The series a report chart's legend names, in order (its caption names the chart). */
async function legendOf(page: Page, caption: string): Promise<string[]> {
  return page.getByTestId('report').locator('.report-chart', { has: page.locator('figcaption', { hasText: caption }) }).locator('.chart-legend li').allTextContents();
}

/** A headline row: its label, then period A's value and the compared period's, as `hotline stats --json` gives them. */
function expectRow(text: string, label: string, a: string, b: string): void {
  expect(text, `${label}: ${a} / ${b}`).toMatch(new RegExp(`^\\s*${escape(label)}\\s+${escape(a)}\\s+${escape(b)}(\\s|$)`, 'm'));
}

/**
 * A headline row's change agrees with the two figures printed beside it: their difference, in points for
 * shares ("99.5 %", "99.3 %" → "+0.2 pt"), worked out here from the printed text alone.
 */
function expectChange(text: string, label: string): void {
  const row = new RegExp(`^\\s*${escape(label)}\\s+(-?[\\d.]+)( %)?\\s+(-?[\\d.]+)(?: %)?\\s+([+−±])([\\d.]+)( pt)?\\s*$`, 'm').exec(text);
  expect(row, `${label}: a change beside the two figures`).not.toBeNull();
  const [, a, share, b, sign, size, points] = row!;
  expect(points !== undefined, `${label}: points for a share`).toBe(share !== undefined);
  const places = Math.max(...[a!, b!].map((x) => x.split('.')[1]?.length ?? 0));
  const d = Number((Number(a) - Number(b)).toFixed(places));
  expect(`${sign}${size}`, `${label}: ${a} vs ${b}`).toBe(`${d > 0 ? '+' : d < 0 ? '−' : '±'}${Math.abs(d)}`);
}

/** A phrase of the report: pdftotext spaces text apart by its glyph positions, so any run of spaces stands for one (or none, beside CJK). */
function expectPhrase(text: string, phrase: string): void {
  expect(text, phrase).toMatch(new RegExp(escape(phrase).replace(/ /g, '\\s*')));
}

function expectReport(text: string, pages: number, dict: Record<MessageKey, string>, a: StatsReport, b: StatsReport): void {
  expectRow(text, dict['stats.kpi.calls'], num(a.kpis.calls), num(b.kpis.calls));
  expectRow(text, dict['stats.kpi.answered'], num(a.kpis.answered), num(b.kpis.answered));
  expectRow(text, dict['stats.kpi.responseCompliance'], pct(a.kpis.responseCompliance), pct(b.kpis.responseCompliance));
  expectRow(text, dict['stats.kpi.avgResponseMin'], num(a.kpis.avgResponseMin), num(b.kpis.avgResponseMin));
  expectRow(text, dict['stats.kpi.resolutionRate'], pct(a.kpis.resolutionRate), pct(b.kpis.resolutionRate));
  expectRow(text, dict['stats.kpi.satisfaction'], pct(a.kpis.satisfaction), pct(b.kpis.satisfaction));
  expectRow(text, dict['stats.kpi.breachesPer100'], num(a.kpis.breachesPer100), num(b.kpis.breachesPer100));
  for (const key of ['stats.kpi.calls', 'stats.kpi.answered', 'stats.kpi.responseCompliance', 'stats.kpi.avgResponseMin', 'stats.kpi.resolutionRate', 'stats.kpi.satisfaction', 'stats.kpi.breachesPer100'] as const) {
    expectChange(text, dict[key]);
  }
  const spread = (s: StatsReport) => `${num(s.response.medianMin)} / ${num(s.response.p90Min)} / ${num(s.response.maxMin)}`;
  expectRow(text, dict['report.kpi.responseFigures'], spread(a), spread(b));

  // The charts printed: their axis titles and the ticks the figures give (histogram buckets, first and last day).
  // Only the horizontal titles: pdftotext reads the rotated y-axis titles of CJK text backwards.
  for (const key of ['report.axis.date', 'report.axis.hour', 'report.axis.minutes'] as const) {
    expect(text, key).toContain(dict[key]);
  }
  for (const bucket of a.response.histogram) expect(text, `histogram tick ${bucket.label}`).toContain(bucket.label);
  expect(text).toContain(a.volumeByDay[0]!.date.slice(5));
  expect(text).toContain(a.volumeByDay.at(-1)!.date.slice(5));
  // Every agent of the month has a row: calls, then the compared month's calls.
  for (const agent of a.agents) {
    const before = num(b.agents.find((x) => x.agent === agent.agent)?.calls ?? null);
    expect(text).toMatch(new RegExp(`^\\s*${escape(agent.agent)}\\s+${agent.calls}\\s+${escape(before)}\\s`, 'm'));
  }

  // A demo month fits on at most 8 pages, and every page's footer names the period and counts the pages.
  expect(pages).toBeGreaterThan(1);
  expect(pages).toBeLessThanOrEqual(8);
  for (let n = 1; n <= pages; n++) {
    const pageLabel = dict['report.page'].replace('{page}', String(n)).replace('{pages}', String(pages));
    // pdftotext drops the spaces between CJK and digits ('第4/5页'), so spaces in the label may be absent.
    expect(text, `footer of page ${n}`).toMatch(new RegExp(`${escape(`${FROM} – ${UNTIL}`)}.*${escape(pageLabel).replace(/ /g, '\\s*')}`));
  }
}

test.describe('the period report', () => {
  test.setTimeout(120_000);
  let served: Served;
  const db = tempDb();
  test.beforeAll(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    cli(['demo', '--records', String(RECORDS), '--days', '60', '--until', UNTIL, '--agents', '8', '--db', db.file]);
    served = await serve(db.file, ['--lang', 'en']);
  });
  test.afterAll(async () => {
    await served.stop();
    db.remove();
  });

  test('a team lead prints a demo month to A4 in English and Chinese, with the figures hotline stats gives', async ({ page }) => {
    await page.goto(served.url);
    // The demo desk's team lead (its admin comes first in the list).
    const lead = await page.locator('#signin-user option', { hasText: '郑建国' }).getAttribute('value');
    await page.getByLabel('Profile').selectOption(lead!);
    await button(page, 'Sign in').click();
    await expect(page.getByTestId('current-user')).toHaveText('郑建国');

    await button(page, 'Statistics').click();
    // An improvement measure in force during the month, so the report has one to print with its effect.
    await page.getByLabel('Problem').fill('高峰期响应超时');
    await page.getByLabel('Root cause').fill('10:00–11:00 人手不足');
    await page.getByLabel('Measure', { exact: true }).fill('增设高峰期弹性客服');
    await page.getByLabel('Owner').fill('郑建国');
    await page.getByLabel('Start date').fill('2024-06-10');
    await page.getByLabel('Deadline').fill('2024-06-30');
    await button(page, 'Add measure').click();
    await expect(page.getByTestId('measures')).toContainText('增设高峰期弹性客服');

    await page.getByLabel('From', { exact: true }).fill(FROM);
    await page.getByLabel('To', { exact: true }).fill(UNTIL);
    await expect(page.getByLabel('Compare from')).toHaveValue(COMPARE.from);
    await expect(page.getByTestId('kpis')).toBeVisible();
    // Print report stands apart at the end of the bar, right of the compared period's dates, not between the box and them.
    const printBox = (await button(page, 'Print report').boundingBox())!;
    const compareTo = (await page.getByLabel('Compare to').boundingBox())!;
    expect(printBox.x).toBeGreaterThan(compareTo.x + compareTo.width);
    await page.screenshot({ path: path.join(OUT, 'stats-screen-en.png') });
    // On screen, too, the category chart names every category (slanted to fit a card), none left out.
    const categoryChart = page.getByTestId('chart-resolution');
    await expect(categoryChart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')).toHaveText(
      // In the record's order of categories (the pick-list's), whatever their counts.
      CATEGORIES.filter((key) => statsOf(db.file, FROM, UNTIL).resolutionByCategory.some((c) => c.category === key)).map((key) => en[`category.${key}` as MessageKey]),
    );
    await categoryChart.screenshot({ path: path.join(OUT, 'stats-categories-en.png') });

    // Browser mode prints with the browser's dialog: only its being asked for is checked here.
    await page.evaluate(() => {
      const w = window as Window & { printed?: number };
      w.printed = 0;
      window.print = () => void (w.printed = (w.printed ?? 0) + 1);
    });
    const windowTitle = await page.title();
    expect(windowTitle).toContain('DEMO');
    await button(page, 'Print report').click();
    const report = page.getByTestId('report');
    await expect(report.getByRole('heading', { level: 1 })).toHaveText('Monthly report to management');
    await expect.poll(() => page.evaluate(() => (window as Window & { printed?: number }).printed)).toBe(1);
    // The browser's "Save as PDF" suggests the page title: the desktop app's file name.
    await expect(page).toHaveTitle(`hotline-report-${FROM}_${UNTIL}`);
    await page.screenshot({ path: path.join(OUT, 'report-screen-en.png') });

    const a = statsOf(db.file, FROM, UNTIL);
    const b = statsOf(db.file, COMPARE.from, COMPARE.to);
    const [labelA, labelB] = [`${FROM} – ${UNTIL}`, `${COMPARE.from} – ${COMPARE.to}`];
    // The category chart compares as the others do: the month, the month before, and the target, each category named apart.
    expect(await legendOf(page, en['stats.resolutionByCategory'])).toEqual([labelA, labelB, en['stats.target']]);
    expect(await crowdedAxes(page)).toEqual([]);
    await expectFitsA4(page);
    const english = await printed(page, 'report-en');
    expectReport(english.text, english.pages, en, a, b);
    expectPhrase(english.text, 'Desk DEMO');
    // Only the report prints: not the app's header, nor the bar with Back and Print.
    for (const chrome of [en['nav.review'], en['report.back']]) expect(english.text).not.toContain(chrome);
    expectPhrase(english.text, 'Generated by 郑建国');
    expectPhrase(english.text, '增设高峰期弹性客服');
    // The measure (from 06-10) is judged by June, the report's month, not up to today; and the report says so.
    expectPhrase(english.text, 'after 2024-06-10 – 2024-06-30)');
    expectPhrase(english.text, en['report.effectUntil'].replaceAll('{to}', UNTIL));
    // The breaches: the count, and the 50 most recent listed with their missed targets and reasons.
    const count = await page.getByTestId('report-breach-count').textContent();
    expect(count).toMatch(/^\d+ records in the period missed a target; the 50 most recent are listed\.$/);
    expect(await page.getByTestId('report-breaches').locator('tbody tr').count()).toBe(50);
    expectPhrase(english.text, en['missReason.overload']);

    await page.getByLabel('Language').selectOption('zh');
    await expect(report.getByRole('heading', { level: 1 })).toHaveText(zh['report.title.month']);
    expect(await legendOf(page, zh['stats.resolutionByCategory'])).toEqual([labelA, labelB, zh['stats.target']]);
    expect(await crowdedAxes(page)).toEqual([]);
    // Legends are named in the page's language; none says "legend icon" (Recharts' own English label).
    await expect(report.getByRole('list', { name: zh['stats.legend'], exact: true }).first()).toBeVisible();
    await expect(page.locator('[aria-label*="legend icon"]')).toHaveCount(0);
    await expectFitsA4(page);
    const chinese = await printed(page, 'report-zh');
    expectReport(chinese.text, chinese.pages, zh, a, b);
    expectPhrase(chinese.text, '坐席 DEMO');
    for (const chrome of [zh['nav.review'], zh['report.back']]) expect(chinese.text).not.toContain(chrome);
    expectPhrase(chinese.text, '生成人 郑建国');
    expectPhrase(chinese.text, '实施后 2024-06-10 – 2024-06-30)');
    expectPhrase(chinese.text, zh['report.effectUntil'].replaceAll('{to}', UNTIL));
    // The dialog was asked for once: the language switch re-renders the report without printing again.
    expect(await page.evaluate(() => (window as Window & { printed?: number }).printed)).toBe(1);

    fs.writeFileSync(
      path.join(OUT, 'measured.json'),
      `${JSON.stringify({ records: RECORDS, en: { pages: english.pages, bytes: english.bytes }, zh: { pages: chinese.pages, bytes: chinese.bytes } }, null, 2)}\n`,
    );

    await page.getByRole('button', { name: zh['report.back'] }).click();
    await expect(page.getByTestId('kpis')).toBeVisible();
    // Back on Statistics, the window's own title (desk and person) returns.
    await expect(page).toHaveTitle(windowTitle);
    // The Statistics screen's charts too: legends in Chinese, the category chart with the compared month's bars.
    const categories = page.getByTestId('chart-resolution');
    await expect(categories.getByRole('list', { name: zh['stats.legend'], exact: true }).locator('li')).toHaveText([labelA, labelB, zh['stats.target']]);
    await expect(page.locator('[aria-label*="legend icon"]')).toHaveCount(0);
  });
});
