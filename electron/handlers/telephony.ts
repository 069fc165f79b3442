import os from 'node:os';
import type { TelephonyView } from '../../shared/api/telephony';
import { refuse } from '../../shared/i18n/refusals';
import { log } from '../log';
import { isLoopback, parseSourceEntry } from '../telephony/cti/sourceAddresses';
import { requireRole, type Handler, type HandlerContext, type TelephonyCard } from './context';

/**
 * The admin's Telephony card: the AMI URL (write-only: it holds the manager
 * user's secret), the extension, the watched queues, the CTI endpoint on or
 * off, where it listens and whom it accepts, the URL to give the PBX, and the
 * live status. A value the environment sets is shown and cannot be changed
 * here. Saving restarts the inputs.
 */

/** "This computer only": the endpoint's default bind. */
const LOOPBACK = '127.0.0.1';
/** Below 1024 a port needs privileges the desk does not have. */
const PORT_RANGE = [1024, 65535] as const;

/** The variable that sets each of the card's values (the environment wins over the card). */
const ENV_NAMES = { amiUrl: 'HOTLINE_AMI_URL', extension: 'HOTLINE_EXTENSION', queues: 'HOTLINE_AMI_QUEUES', ctiEnabled: 'HOTLINE_CTI' } as const;

export const getTelephony: Handler<'getTelephony'> = async (_req, ctx) => {
  await requireRole(ctx.db, ctx.session, ['admin']);
  return withLan(cardOf(ctx).view());
};

export const saveTelephony: Handler<'saveTelephony'> = async (req, ctx) => {
  const admin = await requireRole(ctx.db, ctx.session, ['admin']);
  const card = cardOf(ctx);
  const { fromEnv } = card.view();
  for (const [key, name] of Object.entries(ENV_NAMES) as Array<[keyof typeof ENV_NAMES, string]>) {
    if (req[key] !== undefined && fromEnv.includes(key)) throw refuse('telephony_from_env', { name }, key);
  }
  if (typeof req.amiUrl === 'string' && req.amiUrl.trim() !== '' && !/^amis?:\/\/[^\s/]+/.test(req.amiUrl.trim())) throw refuse('ami_url_invalid', {}, 'amiUrl');
  const listening = checkListening(req, card.view());
  const view = await card.save({
    ...(req.amiUrl !== undefined ? { amiUrl: req.amiUrl } : {}),
    ...(req.extension !== undefined ? { extension: req.extension === null || req.extension.trim() === '' ? null : req.extension.trim() } : {}),
    ...(req.queues !== undefined ? { queues: req.queues.map((q) => q.trim()).filter((q) => q !== '') } : {}),
    ...(req.ctiEnabled !== undefined ? { ctiEnabled: req.ctiEnabled } : {}),
    ...listening,
  });
  // Never the URL itself: it holds the manager secret.
  log.info(`telephony: ${admin.name} saved the Telephony card (${Object.keys(req).join(', ') || 'nothing changed'})`);
  return withLan(view);
};

/**
 * Where the endpoint is to listen and whom it takes, checked before anything is kept: a host
 * this computer has, each allow-list entry read by the endpoint's own reader (so what is saved
 * is what it enforces), a list when off loopback, a port a desk may open.
 */
function checkListening(req: { ctiHost?: string; ctiAllowFrom?: string[]; ctiPort?: number }, kept: Omit<TelephonyView, 'lanAddresses'>) {
  const host = req.ctiHost?.trim();
  // The kept host stays savable when the computer lost it (a new DHCP lease): the status then says so.
  if (host !== undefined && host !== LOOPBACK && host !== kept.ctiHost && !lanAddresses().includes(host)) throw refuse('cti_host_unknown', { host }, 'ctiHost');
  const allowFrom = req.ctiAllowFrom?.map((entry) => entry.trim()).filter((entry) => entry !== '');
  const bad = allowFrom?.find((entry) => parseSourceEntry(entry) === null);
  if (bad !== undefined) throw refuse('cti_source_invalid', { entry: bad }, 'ctiAllowFrom');
  if ((host !== undefined || allowFrom !== undefined) && !isLoopback(host ?? kept.ctiHost) && (allowFrom ?? kept.ctiAllowFrom).length === 0) {
    throw refuse('cti_sources_required', {}, 'ctiAllowFrom');
  }
  const port = req.ctiPort;
  if (port !== undefined && port !== kept.ctiPort && (port < PORT_RANGE[0] || port > PORT_RANGE[1])) throw refuse('cti_port_invalid', { port }, 'ctiPort');
  return {
    ...(host !== undefined ? { ctiHost: host } : {}),
    ...(allowFrom !== undefined ? { ctiAllowFrom: allowFrom } : {}),
    ...(port !== undefined && port !== kept.ctiPort ? { ctiPort: port } : {}),
  };
}

/**
 * This computer's addresses a PBX on the LAN can reach it on, read now (a laptop moves): not
 * loopback, not IPv6 link-local (fe80::/10 needs the interface's zone in a URL, which a PBX's
 * webhook field rarely takes).
 */
export function lanAddresses(): string[] {
  const all = Object.values(os.networkInterfaces()).flatMap((list) => list ?? []);
  return [...new Set(all.filter((a) => !a.internal && !/^fe[89ab]/i.test(a.address)).map((a) => a.address))];
}

function withLan(view: Omit<TelephonyView, 'lanAddresses'>): TelephonyView {
  return { ...view, lanAddresses: lanAddresses() };
}

function cardOf(ctx: HandlerContext): TelephonyCard {
  if (!ctx.telephony) throw refuse('telephony_unavailable');
  return ctx.telephony;
}
