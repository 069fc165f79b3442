import net from 'node:net';
import os from 'node:os';
import { expect, test } from '@playwright/test';
import { button } from './pages';
import { daytimeZone, serve, tempDb, type Served } from './serve';

/**
 * Issue 15's CTI endpoint set on the admin's Telephony card, in Chinese at 1366×768: it
 * listens on this computer only by default; bound to one of this computer's LAN addresses it
 * needs the PBX's addresses, a typo among them is refused beside the field and nothing is
 * saved, and once saved the URL to give the PBX names the LAN address. A PBX on the list then
 * reaches it; one off the list is refused.
 */

test.use({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });

const lan = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

/** A push from `localAddress`, as a PBX on that host would send it. */
function push(url: string, localAddress: string): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.hostname, port: Number(target.port), localAddress }, () => {
      const body = JSON.stringify({ event: 'newCall', from: '13800138000', direction: 'in', callId: 'e2e-lan-1' });
      socket.end(`POST ${target.pathname} HTTP/1.1\r\nHost: desk.lan\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
    });
    let reply = '';
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString()));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(reply)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

test.describe('电话系统：CTI 接口的监听地址与推送来源', () => {
  let served: Served | undefined;
  const db = tempDb();
  test.beforeAll(async () => {
    served = await serve(db.file, ['--lang', 'zh'], { HOTLINE_CTI: '' });
  });
  test.afterAll(async () => {
    await served?.stop();
    db.remove();
  });

  test('管理员在电话系统卡片上将 CTI 接口绑定到局域网地址，并只接受所列来源的推送', async ({ page }) => {
    test.skip(lan === undefined, 'this computer has no LAN address');
    await page.goto(served!.url);
    await page.getByLabel('坐席代码').fill('A03');
    await page.getByLabel('您的姓名').fill('李娜');
    await page.getByLabel('时区').fill(daytimeZone());
    await button(page, '开始记录').click();
    await page.getByRole('button', { name: '人员', exact: true }).click();

    const card = page.locator('section.telephony');
    await card.getByLabel('CTI 接口（Zammad 格式）').check();
    const listenOn = card.getByLabel('监听地址');
    await expect(listenOn).toHaveValue('127.0.0.1');
    await expect(listenOn.locator('option').first()).toHaveText('仅本机（127.0.0.1）');
    await expect(card).toContainText('只有本机上的程序');
    await button(page, '保存并重启电话接入').click();
    await expect(card.getByTestId('cti-url')).toContainText(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/cti\//);
    const loopbackUrl = (await card.getByTestId('cti-url').textContent())!;

    // A LAN address: the list of sources is asked for; a typo in it is refused beside it, nothing saved.
    await listenOn.selectOption(lan!);
    const sources = card.getByLabel('接受推送来源');
    await sources.fill('198.51.100.7\npbx.local');
    await button(page, '保存并重启电话接入').click();
    await expect(card.locator('#tel-cti-allow-error')).toHaveText(/“pbx\.local”不是地址或网段/);
    await expect(card.getByTestId('cti-url')).toHaveText(loopbackUrl);

    const network = `${lan!.split('.').slice(0, 3).join('.')}.0/24`;
    await sources.fill(`198.51.100.7, ${network}`);
    await button(page, '保存并重启电话接入').click();
    await expect(card.getByRole('status')).toContainText('已保存');
    const lanUrl = loopbackUrl.replace('127.0.0.1', lan!);
    await expect(card.getByTestId('cti-url')).toHaveText(lanUrl);
    await expect(card.getByTestId('telephony-status')).toContainText(`CTI 接口监听于 ${lan!}:`);
    // What was saved comes back one entry a line.
    await expect(sources).toHaveValue(`198.51.100.7\n${network}`);

    // The PBX on the listed network reaches it; the same push from this computer's loopback does not connect at all.
    expect(await push(lanUrl, lan!)).toBe(200);
    await expect(push(lanUrl.replace(lan!, '127.0.0.1'), '127.0.0.1')).rejects.toThrow();

    // A port below 1024 is refused beside its field.
    await card.getByLabel('端口').fill('80');
    await button(page, '保存并重启电话接入').click();
    await expect(card.locator('#tel-cti-port-error')).toContainText('端口须为 1024 到 65535 之间的整数（80 不是）。');
    await expect(card.getByTestId('cti-url')).toHaveText(lanUrl);

    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screenshots/telephony-cti-card-zh.png' });
  });
});
