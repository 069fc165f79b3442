import { cleanText } from '../../shared/domain/text';
import type { Handler } from './context';

/**
 * A desktop notification for a target that turned near or breached. The
 * desktop app puts a notifier in the context; browser mode has none, and the
 * page shows its own in-page alert either way. The system keeps notifications
 * (a notification centre, its database), so the text is cleaned like stored
 * text: a long digit run never reaches it in full.
 */
export const notify: Handler<'notify'> = async (req, ctx) => ({ desktop: ctx.notify?.(cleanText(req.title), cleanText(req.body)) ?? false });
