import type { Handler } from './context';

/**
 * A desktop notification for a target that turned near or breached. The
 * desktop app puts a notifier in the context; browser mode has none, and the
 * page shows its own in-page alert either way.
 */
export const notify: Handler<'notify'> = async (req, ctx) => ({ desktop: ctx.notify?.(req.title, req.body) ?? false });
