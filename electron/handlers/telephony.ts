import { HotlineError } from '../../shared/api/result';
import { refuse } from '../../shared/i18n/refusals';
import { log } from '../log';
import { requireRole, type Handler, type HandlerContext, type TelephonyCard } from './context';

/**
 * The admin's Telephony card: the AMI URL (write-only: it holds the manager
 * user's secret), the extension, the watched queues, the CTI endpoint on or
 * off, the URL to give the PBX, and the live status. A value the environment
 * sets is shown and cannot be changed here. Saving restarts the inputs.
 */

export const getTelephony: Handler<'getTelephony'> = async (_req, ctx) => {
  await requireRole(ctx.db, ctx.session, ['admin']);
  return cardOf(ctx).view();
};

export const saveTelephony: Handler<'saveTelephony'> = async (req, ctx) => {
  const admin = await requireRole(ctx.db, ctx.session, ['admin']);
  const card = cardOf(ctx);
  const { fromEnv } = card.view();
  const keys = { amiUrl: 'amiUrl', extension: 'extension', queues: 'queues', ctiEnabled: 'ctiEnabled' } as const;
  for (const key of Object.values(keys)) {
    if (req[key] !== undefined && fromEnv.includes(key)) throw new HotlineError('invalid_request', `${key} is set by the environment and cannot be changed here.`, key);
  }
  if (typeof req.amiUrl === 'string' && req.amiUrl.trim() !== '' && !/^amis?:\/\/[^\s/]+/.test(req.amiUrl.trim())) {
    throw new HotlineError('invalid_request', 'Give the AMI URL as ami://user:secret@host:5038 (amis:// for TLS).', 'amiUrl');
  }
  const view = await card.save({
    ...(req.amiUrl !== undefined ? { amiUrl: req.amiUrl } : {}),
    ...(req.extension !== undefined ? { extension: req.extension === null || req.extension.trim() === '' ? null : req.extension.trim() } : {}),
    ...(req.queues !== undefined ? { queues: req.queues.map((q) => q.trim()).filter((q) => q !== '') } : {}),
    ...(req.ctiEnabled !== undefined ? { ctiEnabled: req.ctiEnabled } : {}),
  });
  // Never the URL itself: it holds the manager secret.
  log.info(`telephony: ${admin.name} saved the Telephony card (${Object.keys(req).join(', ') || 'nothing changed'})`);
  return view;
};

function cardOf(ctx: HandlerContext): TelephonyCard {
  if (!ctx.telephony) throw refuse('telephony_unavailable');
  return ctx.telephony;
}
