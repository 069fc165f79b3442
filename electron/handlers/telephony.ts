import { refuse } from '../../shared/i18n/refusals';
import { log } from '../log';
import { requireRole, type Handler, type HandlerContext, type TelephonyCard } from './context';

/**
 * The admin's Telephony card: the AMI URL (write-only: it holds the manager
 * user's secret), the extension, the watched queues, the CTI endpoint on or
 * off, the URL to give the PBX, and the live status. A value the environment
 * sets is shown and cannot be changed here. Saving restarts the inputs.
 */

/** The variable that sets each of the card's values (the environment wins over the card). */
const ENV_NAMES = { amiUrl: 'HOTLINE_AMI_URL', extension: 'HOTLINE_EXTENSION', queues: 'HOTLINE_AMI_QUEUES', ctiEnabled: 'HOTLINE_CTI' } as const;

export const getTelephony: Handler<'getTelephony'> = async (_req, ctx) => {
  await requireRole(ctx.db, ctx.session, ['admin']);
  return cardOf(ctx).view();
};

export const saveTelephony: Handler<'saveTelephony'> = async (req, ctx) => {
  const admin = await requireRole(ctx.db, ctx.session, ['admin']);
  const card = cardOf(ctx);
  const { fromEnv } = card.view();
  for (const [key, name] of Object.entries(ENV_NAMES) as Array<[keyof typeof ENV_NAMES, string]>) {
    if (req[key] !== undefined && fromEnv.includes(key)) throw refuse('telephony_from_env', { name }, key);
  }
  if (typeof req.amiUrl === 'string' && req.amiUrl.trim() !== '' && !/^amis?:\/\/[^\s/]+/.test(req.amiUrl.trim())) throw refuse('ami_url_invalid', {}, 'amiUrl');
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
