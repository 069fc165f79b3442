import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { StatsReport } from '../../shared/api/stats';
import { localDate, localHour } from '../../shared/timing/localTime';
import { startAmiServer, TEST_SECRET, TEST_USER, type TestAmiServer } from '../helpers/amiServer';
import { button, setUpDesk } from './pages';
import { serve, tempDb, type Served } from './serve';

/**
 * Issue 15's end-to-end KPIs: a desk served with `hotline serve`, connected to
 * the test AMI server standing in for the PBX, which replays two Asterisk 20
 * transcripts (PBX timestamps of 1 December 2025; the desk carries each call's
 * timestamps onto its own clock, so the calls fall on today, around now):
 * - queue-answered: a queue call answered after 12 s (HoldTime), 95 s of talk (TalkTime);
 * - direct-call: a call to the extension answered after 6 s ringing, 40 s of talk;
 *   and one that rings 20 s unanswered (an abandon, not a short one: 20 ≥ 5 s).
 * By hand, under the default policy (80 % within 20 s, short abandon under 5 s):
 * offered 3; service level 2 ÷ (3 − 0) = 66.7 %; ASA (12 + 6) ÷ 2 = 9 s;
 * abandon rate 1 ÷ 3 = 33.3 %; AHT (95 + 40) ÷ 2 = 67.5 s; longest wait 20 s.
 * The compared period, the three days before, the phone saw nothing: "—".
 */

const ZONE = 'Asia/Shanghai';
const dayOf = (offsetDays: number) => localDate(Date.now() + offsetDays * 86_400_000, ZONE);
// Yesterday to tomorrow in the desk's zone: the replayed calls fall inside even when the test runs at midnight.
const FROM = dayOf(-1);
const TO = dayOf(1);
const BEFORE_FROM = dayOf(-4);
const BEFORE_TO = dayOf(-2);
const transcript = (name: string) => path.resolve('tests/fixtures/ami', name);

test.describe('Statistics shows the call-centre KPIs the phone system’s events imply', () => {
  const db = tempDb();
  let ami: TestAmiServer;
  let served: Served;
  test.beforeAll(async () => {
    ami = await startAmiServer();
    // The desk follows agent PJSIP/1001 and queue support, as the transcripts' desk does (docs/telephony.md).
    process.env.HOTLINE_AMI_URL = ami.url(TEST_USER, TEST_SECRET);
    process.env.HOTLINE_EXTENSION = 'PJSIP/1001';
    process.env.HOTLINE_AMI_QUEUES = 'support';
    served = await serve(db.file, ['--lang', 'en']);
  });
  test.afterAll(async () => {
    await served?.stop();
    await ami?.close();
    for (const name of ['HOTLINE_AMI_URL', 'HOTLINE_EXTENSION', 'HOTLINE_AMI_QUEUES']) delete process.env[name];
    db.remove();
  });

  test('service level, ASA, AHT and abandon rate with their formulas, and — for the empty compared day', async ({ page }) => {
    await page.goto(served.url);
    await setUpDesk(page, ZONE);
    await expect.poll(() => ami.logins.some((l) => l.accepted), { timeout: 15_000 }).toBe(true);
    ami.replay(transcript('asterisk20-queue-answered.ami'));
    ami.replay(transcript('asterisk20-direct-call.ami'));
    const statsOf = (from: string, to: string) =>
      JSON.parse(execFileSync(process.execPath, ['bin/hotline.cjs', 'stats', '--from', from, '--to', to, '--json', '--db', db.file], { encoding: 'utf8' })) as StatsReport;
    await expect.poll(() => statsOf(FROM, TO).phone.offered, { timeout: 15_000 }).toBe(3);

    await button(page, 'Statistics').click();
    await page.getByLabel('From', { exact: true }).fill(FROM);
    await page.getByLabel('To', { exact: true }).fill(TO);
    const compare = page.getByLabel('Compare with');
    if (!(await compare.isChecked())) await compare.check();
    await page.getByLabel('Compare from').fill(BEFORE_FROM);
    await page.getByLabel('Compare to').fill(BEFORE_TO);

    const kpis = page.getByTestId('phone-kpis');
    await expect(page.getByTestId('phone-offered')).toHaveText('3 inbound calls offered · short abandon under 5 s · target 80 % within 20 s');
    const row = (key: string) => kpis.locator(`[data-phone-kpi="${key}"]`);
    const expectRow = async (key: string, label: string, a: string, basis: string, formula: string) => {
      await expect(row(key).locator('th')).toHaveText(label);
      await expect(row(key).locator('[data-period="a"]')).toHaveText(a);
      await expect(row(key).locator('[data-basis="a"]')).toHaveText(basis);
      await expect(row(key).locator('[data-period="b"]')).toHaveText('—');
      await expect(row(key).locator('[data-basis="b"]')).toHaveText('0');
      await expect(row(key).locator('.formula')).toHaveText(formula);
    };
    await expectRow('serviceLevel', 'Service level', '66.7 %', '3', 'answered within 20 s ÷ (offered − abandons under 5 s)');
    await expectRow('asa', 'ASA (average speed of answer)', '9 s', '2', "sum of the answered calls' waits ÷ answered calls");
    await expectRow('abandonRate', 'Abandon rate', '33.3 %', '3', '(abandoned − abandons under 5 s) ÷ (offered − abandons under 5 s)');
    await expectRow('aht', 'AHT (talk time)', '67.5 s', '2', 'talk time from answer to hang-up ÷ answered calls that ended');
    await expect(row('longestWait').locator('[data-period="a"]')).toHaveText('20 s');
    await expect(row('wrapUp').locator('[data-period="a"]')).toHaveText('—');

    // By hour of day (the calls came in a minute or so ago, on the desk's clock) and by agent: both calls that reached the desk are Li Na's records.
    const hourOf = (ms: number) => `${String(localHour(ms, ZONE)).padStart(2, '0')}:00`;
    const hours = page.getByTestId('phone-by-hour').locator('tbody tr');
    await expect(hours.first()).toContainText(new RegExp(`${hourOf(Date.now() - 3_600_000)}|${hourOf(Date.now())}`));
    await expect(page.getByTestId('phone-by-agent').locator('tbody tr').first()).toContainText('Li Na');

    // The same figures as hotline stats --json.
    const cli = statsOf(FROM, TO);
    expect(cli.kpis.serviceLevel).toBeCloseTo(2 / 3, 10);
    expect(cli.kpis.abandonRate).toBeCloseTo(1 / 3, 10);
    expect([cli.kpis.asaSec, cli.kpis.ahtSec]).toEqual([9, 67.5]);
    await page.screenshot({ path: 'test-results/screenshots/stats-phone-kpis-en.png', fullPage: true });
  });
});
