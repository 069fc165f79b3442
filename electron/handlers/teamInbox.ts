import type { InboxApply } from '../team/inbox';
import type { HandlerContext } from './context';
import { dispatch } from './dispatch';

/**
 * How a transport applies a lead's change from the team inbox: the very
 * request the lead's screen would make, through the dispatcher (its schema,
 * its handler, the records core and the audit), as that lead.
 */
export function inboxApplier(base: Omit<HandlerContext, 'session'>): InboxApply {
  return (method, request, lead) => dispatch(method, request as never, { ...base, session: { userId: null, teamLead: lead } });
}
