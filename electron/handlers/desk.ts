import { HotlineError } from '../../shared/api/result';
import type { DeskInfo } from '../../shared/api/records';
import { hasLongDigitRun } from '../../shared/domain/privacy';
import { cleanText } from '../../shared/domain/text';
import { canonicalTimeZone, isValidTimeZone } from '../../shared/timing/localTime';
import { findDesk, insertDesk } from '../store/desk';
import type { DeskRow } from '../store/schema';
import { inWriteTransaction } from '../store/writeTransaction';
import { hasPolicy, insertPolicy } from '../store/policies';
import { insertUser } from '../store/users';
import { checkedPin } from '../records/profiles';
import { defaultPolicy } from '../../shared/policy/defaults';
import type { Handler } from './context';
import { refuse } from '../../shared/i18n/refusals';

/** A short desk code such as A03: letters, digits and hyphens, up to 12. */
const DESK_CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,11}$/;

const toDeskInfo = (row: DeskRow): DeskInfo => ({ code: row.code, timeZone: row.time_zone, agentName: row.agent_name });

export const getDesk: Handler<'getDesk'> = async (_req, { db }) => {
  const row = await findDesk(db);
  return row ? toDeskInfo(row) : null;
};

/** First run: the desk code goes on every record, so it is set once and never changed here. */
export const setupDesk: Handler<'setupDesk'> = async (req, { db, now, session }) => {
  const code = req.code.trim().toUpperCase();
  // Eleven digits pass the pattern but are a phone number, which goes on no record in full.
  if (!DESK_CODE.test(code) || hasLongDigitRun(code)) {
    throw refuse('desk_code_format', {}, 'code');
  }
  if (!isValidTimeZone(req.timeZone)) {
    throw new HotlineError('unknown_time_zone', `Unknown time zone "${req.timeZone}".`, 'timeZone', [req.timeZone]);
  }
  const agentName = cleanText(req.agentName);
  if (agentName === '') throw refuse('agent_name_required', {}, 'agentName');
  const pinHash = await checkedPin(req.pin);
  return inWriteTransaction(db, async (trx) => {
    if (await findDesk(trx)) throw new HotlineError('desk_already_set_up', 'This desk is already set up.');
    const zone = canonicalTimeZone(req.timeZone);
    const row = { code, time_zone: zone, agent_name: agentName, created_at: now() };
    await insertDesk(trx, row);
    // Version 1 of the policy: the defaults, in the desk's zone, in force from the start, unless
    // IT imported the team's policy before set-up (hotline policy import): that one stays, alone.
    if (!(await hasPolicy(trx))) {
      await insertPolicy(trx, { effective_from: 0, created_at: row.created_at, created_by: agentName, json: JSON.stringify(defaultPolicy(zone)) });
    }
    // Whoever sets the desk up administers it, and is signed in.
    session.userId = await insertUser(trx, { name: agentName, role: 'admin', pin_hash: pinHash, created_at: row.created_at });
    return toDeskInfo({ id: 1, ...row });
  });
};
