import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli } from '../../helpers/bundle';
import { runCli } from '../../helpers/cli';
import { playPhoneDay, PHONE_DAY } from '../../helpers/phoneDay';
import { openTestDesk, SEED_MORNING, tempDir } from '../../helpers/tempStore';

/**
 * `hotline stats` and the call-centre KPIs (issue 15), the real CLI over a
 * desk file a scripted day of phone events filled: the headline figures in
 * --json's kpis (shares 0–1, seconds), null for a period the phone saw
 * nothing of, and the table with the formulas.
 */

const tmp = tempDir();
let cli = '';
let file = '';
const hotline = (...args: string[]) => runCli(cli, args);

beforeAll(async () => {
  cli = await bundleCli(tmp.dir);
  const desk = await openTestDesk({ file: path.join(tmp.dir, 'desk.db') });
  desk.clock.ms = SEED_MORNING;
  await playPhoneDay(desk);
  file = desk.file;
  await desk.store.close();
}, 120_000);
afterAll(() => tmp.remove());

describe('hotline stats and the call-centre KPIs', () => {
  it('puts service level, abandon rate, ASA and AHT in --json’s kpis beside the records’ own figures', async () => {
    const out = await hotline('stats', '--from', PHONE_DAY.date, '--to', PHONE_DAY.date, '--json', '--db', file);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as { kpis: Record<string, number | null>; phone: Record<string, unknown> };
    expect(report.kpis.serviceLevel).toBeCloseTo(PHONE_DAY.serviceLevel, 10);
    expect(report.kpis.abandonRate).toBeCloseTo(PHONE_DAY.abandonRate, 10);
    expect(report.kpis.asaSec).toBe(PHONE_DAY.asaSec);
    expect(report.kpis.ahtSec).toBe(PHONE_DAY.ahtSec);
    // What kpis held before stays: the records' figures (the phone opened six records, one voided as a missed call).
    expect(report.kpis).toMatchObject({ calls: 5, answered: 5 });
    // hotline stats judges open callbacks at the real now, long after E's due time: decided, and missed.
    expect(report.phone).toMatchObject({ ...PHONE_DAY.counts, callbacksOpenInTime: 0, callbackRate: 1 / 3, wrapUpSec: PHONE_DAY.wrapUpSec, longestWaitSec: PHONE_DAY.longestWaitSec });
  });

  it('takes one day when --to is left out', async () => {
    const oneDay = await hotline('stats', '--from', PHONE_DAY.date, '--json', '--db', file);
    const both = await hotline('stats', '--from', PHONE_DAY.date, '--to', PHONE_DAY.date, '--json', '--db', file);
    expect(oneDay.code).toBe(0);
    expect((JSON.parse(oneDay.stdout) as { kpis: unknown }).kpis).toEqual((JSON.parse(both.stdout) as { kpis: unknown }).kpis);
    expect((await hotline('stats', '--from', PHONE_DAY.date, '--to', 'soon', '--db', file)).stderr).toContain('--to must be a date, YYYY-MM-DD');
  });

  it('gives null, not 0 or 1, for a period the phone system saw nothing of', async () => {
    const out = await hotline('stats', '--from', '2024-05-13', '--to', '2024-05-19', '--json', '--db', file);
    const { kpis } = JSON.parse(out.stdout) as { kpis: Record<string, number | null> };
    expect([kpis.serviceLevel, kpis.abandonRate, kpis.asaSec, kpis.ahtSec]).toEqual([null, null, null, null]);
  });

  it('prints each figure with the calls it counts and its formula', async () => {
    const { stdout } = await hotline('stats', '--from', PHONE_DAY.date, '--to', PHONE_DAY.date, '--db', file);
    expect(stdout).toContain('8 inbound calls offered · short abandon under 5 s · target 80 % within 20 s');
    expect(stdout).toMatch(/Service level\s+42\.9 %\s+7\s+answered within 20 s ÷ \(offered − abandons under 5 s\)/);
    expect(stdout).toMatch(/ASA \(average speed of answer\)\s+21 s\s+5\s+/);
    expect(stdout).toMatch(/Abandon rate\s+28\.6 %\s+7\s+/);
  });
});
