import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HotlineApi } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/result';
import { translate } from '../../../shared/i18n';
import type { MessageKey } from '../../../shared/i18n';
import { readCtiEndpoint } from '../../../electron/durability/ctiEndpoint';
import { lanAddresses } from '../../../electron/handlers/telephony';
import type { PhoneEventOutcome } from '../../../electron/records/phoneEvents';
import { hostTelephony, type TelephonyHost } from '../../../electron/startup/telephonyControl';
import { asJson, send } from '../telephony/cti/push';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

/**
 * Issue 15: "An admin may bind it to the desk's LAN address for a PBX on another host; it then
 * accepts requests only from the listed source addresses. Its port and token survive restarts.
 * Admins set all of this on a Telephony card." Through the real dispatcher on a real SQLite
 * desk, the endpoint restarted in place by the card's save, pushed to over real TCP.
 */

let desk: TestDesk;
let host: TelephonyHost | undefined;
let outcomes: PhoneEventOutcome[];
beforeEach(async () => {
  for (const method of ['log', 'info', 'warn'] as const) vi.spyOn(console, method).mockImplementation(() => undefined);
  desk = await openTestDesk();
  outcomes = [];
});
afterEach(async () => {
  await host?.stop();
  host = undefined;
  await desk.close();
  vi.restoreAllMocks();
});

async function startHost() {
  host = await hostTelephony({ file: desk.file, db: desk.store.db, atDesk: () => desk.ctx.session.userId, onOutcome: (o) => void outcomes.push(o), env: {} });
  desk.ctx.telephony = host;
  return host;
}

/** The refusal as the page shows it in Chinese and in English. */
function said(error: ApiError) {
  const key = `refusal.${error.refusal!.code}` as MessageKey;
  return { zh: translate('zh', key, error.refusal!.params), en: translate('en', key, error.refusal!.params) };
}

async function refused(request: Parameters<HotlineApi['saveTelephony']>[0]) {
  const result = await desk.call('saveTelephony', request);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

const newCall = asJson({ event: 'newCall', from: '13800138000', direction: 'in', callId: 'lan-1' });
const lan = lanAddresses().find((a) => net.isIPv4(a));
const tokenOf = (url: string) => url.split('/').pop();
const portOf = (url: string) => Number(/:(\d+)\//.exec(url)![1]);

describe('the Telephony card: where the CTI endpoint listens and whom it accepts', () => {
  it('offers loopback by default and this computer’s own LAN addresses (no loopback, no link-local)', async () => {
    await startHost();
    const view = await desk.ok('getTelephony', {});
    expect(view).toMatchObject({ ctiHost: '127.0.0.1', ctiAllowFrom: [], ctiPort: null });
    expect(view.lanAddresses).toEqual(lanAddresses());
    expect(view.lanAddresses.filter((a) => a.startsWith('127.') || a === '::1' || /^fe[89ab]/i.test(a))).toEqual([]);
  });

  it.skipIf(lan === undefined)('bound to a LAN address: refuses a source not on the list (403), takes one on it (200), and keeps its port and token', async () => {
    const address = lan!;
    await startHost();
    const on = await desk.ok('saveTelephony', { ctiEnabled: true });
    const loopbackUrl = on.ctiUrl!;

    const bound = await desk.ok('saveTelephony', { ctiHost: address, ctiAllowFrom: ['198.51.100.7', ' 203.0.113.0/24 ', ''] });
    expect(bound).toMatchObject({ ctiHost: address, ctiAllowFrom: ['198.51.100.7', '203.0.113.0/24'] });
    // The URL to give the PBX names the LAN address; port and token are the ones the PBX may already have.
    expect(bound.ctiUrl).toBe(loopbackUrl.replace('127.0.0.1', address));
    expect(bound.status?.cti).toEqual({ host: address, port: portOf(loopbackUrl) });
    const endpoint = { host: address, port: portOf(bound.ctiUrl!) };
    const path = `/api/v1/cti/${tokenOf(bound.ctiUrl!)}`;
    // This computer reaching its own LAN address comes from that address: not on the list yet.
    expect(await send(endpoint, path, newCall.body, newCall.headers, { localAddress: address })).toEqual({ status: 403, body: 'Refused: this source address may not push calls.' });
    expect(outcomes).toEqual([]);

    const network = `${address.split('.').slice(0, 3).join('.')}.0/24`;
    const listed = await desk.ok('saveTelephony', { ctiAllowFrom: [network] });
    expect(listed.ctiUrl).toBe(bound.ctiUrl);
    expect((await send(endpoint, path, newCall.body, newCall.headers, { localAddress: address })).status).toBe(200);
    expect(outcomes).toHaveLength(1);

    // The app restarts: the endpoint comes back on the same address, port and token.
    await host!.stop();
    await startHost();
    expect((await desk.ok('getTelephony', {})).ctiUrl).toBe(bound.ctiUrl);
    expect((await send(endpoint, path, asJson({ event: 'hangup', callId: 'lan-1', cause: 'cancel' }).body, newCall.headers, { localAddress: address })).status).toBe(200);

    // Back to this computer only: the LAN address no longer answers.
    const back = await desk.ok('saveTelephony', { ctiHost: '127.0.0.1' });
    expect(back.ctiUrl).toBe(loopbackUrl);
    await expect(send(endpoint, path, newCall.body, newCall.headers, { localAddress: address })).rejects.toThrow();
  });

  it('refuses a bad allow-list entry beside its field, naming it in Chinese and English, and keeps nothing of the request', async () => {
    await startHost();
    await desk.ok('saveTelephony', { ctiEnabled: true });
    const before = readCtiEndpoint(desk.file);
    for (const entry of ['pbx.local', '10.0.0.0/40', '192.168.1.300', 'fd00::/129', '10.0.0.0/8/8']) {
      const error = await refused({ ctiHost: lan ?? '127.0.0.1', ctiAllowFrom: ['192.168.1.2', entry], extension: 'PJSIP/1001' });
      expect(error).toMatchObject({ code: 'invalid_request', field: 'ctiAllowFrom', refusal: { code: 'cti_source_invalid', params: { entry } } });
      expect(said(error).zh).toContain(`“${entry}”不是地址或网段`);
      expect(said(error).en).toContain(`“${entry}” is not an address or a network`);
    }
    // Nothing saved: not the host, not the list, not the other fields of the same save.
    expect(readCtiEndpoint(desk.file)).toEqual(before);
    expect(await desk.ok('getTelephony', {})).toMatchObject({ ctiHost: '127.0.0.1', ctiAllowFrom: [], extension: null });
    // IPv6 addresses and networks are entries too.
    expect(await desk.ok('saveTelephony', { ctiAllowFrom: ['fd00::5', 'fd00:1::/64', '10.8.0.0/16'] })).toMatchObject({ ctiAllowFrom: ['fd00::5', 'fd00:1::/64', '10.8.0.0/16'] });
  });

  it.skipIf(lan === undefined)('off loopback, requires the list of sources', async () => {
    await startHost();
    const error = await refused({ ctiHost: lan!, ctiAllowFrom: [' '] });
    expect(error).toMatchObject({ field: 'ctiAllowFrom', refusal: { code: 'cti_sources_required' } });
    expect(said(error).zh).toContain('须填写允许推送的交换机地址或网段');
    expect((await desk.ok('getTelephony', {})).ctiHost).toBe('127.0.0.1');
  });

  it('refuses an address this computer does not have, and a port outside 1024–65535', async () => {
    await startHost();
    const host = await refused({ ctiHost: '203.0.113.9', ctiAllowFrom: ['203.0.113.1'] });
    expect(host).toMatchObject({ field: 'ctiHost', refusal: { code: 'cti_host_unknown', params: { host: '203.0.113.9' } } });
    expect(said(host).zh).toContain('本机没有地址 203.0.113.9');
    for (const port of [80, 0, 65536]) {
      const error = await refused({ ctiPort: port });
      expect(error).toMatchObject({ field: 'ctiPort', refusal: { code: 'cti_port_invalid', params: { port } } });
      expect(said(error).en).toContain(`1024 to 65535 (${port} is not)`);
    }
    expect((await desk.ok('getTelephony', {})).ctiPort).toBeNull();
  });

  it('moves to a port the admin chooses (same token), and a port in use is said through the status', async () => {
    await startHost();
    const on = await desk.ok('saveTelephony', { ctiEnabled: true });
    // A free port, found the way the system finds one.
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const free = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const moved = await desk.ok('saveTelephony', { ctiPort: free });
    expect(moved).toMatchObject({ ctiPort: free, status: { cti: { host: '127.0.0.1', port: free }, ctiProblem: null } });
    expect(tokenOf(moved.ctiUrl!)).toBe(tokenOf(on.ctiUrl!));
    expect((await fetch(moved.ctiUrl!, { method: 'POST', headers: newCall.headers, body: newCall.body })).status).toBe(200);

    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as net.AddressInfo).port;
    try {
      const blocked = await desk.ok('saveTelephony', { ctiPort: taken });
      expect(blocked).toMatchObject({ ctiPort: taken, status: { cti: null, ctiProblem: { reason: 'portInUse', port: taken } } });
      expect(translate('zh', 'telephony.cti.portInUse', { port: taken })).toContain(`端口 ${taken} 已被其他程序占用`);
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });
});
