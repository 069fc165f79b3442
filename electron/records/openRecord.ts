import type { Kysely } from 'kysely';
import type { Database, DeskRow } from '../store/schema';
import { insertCall, takeDailySerial } from '../store/calls';
import { policyInForceAt } from '../store/policies';
import { localDate, localHour } from '../../shared/timing/localTime';
import { formatRecordNo } from '../../shared/timing/recordNo';
import { currentPolicy } from './policies';
import { refreshDueTimes } from './callRecord';

/** Who a new record is the call of: a profile of this desk, or (no one signed in when the phone rang) the desk's agent name. */
export interface RecordAgent {
  name: string;
  id: number | null;
}

/**
 * A new record: the day's next number, judged for good by the policy in force
 * when the call came in (a desk from before policies gets the defaults first),
 * its due times stored. A click on New call and a ringing phone both open one
 * here. Runs inside the caller's write transaction.
 */
export async function openRecord(
  trx: Kysely<Database>,
  desk: DeskRow,
  agent: RecordAgent,
  callAt: number,
  now: number,
  fields: { phone_last4?: string | null } = {},
): Promise<number> {
  const day = localDate(callAt, desk.time_zone);
  const serial = await takeDailySerial(trx, desk.code, day);
  await currentPolicy(trx);
  const policy = await policyInForceAt(trx, callAt);
  const id = await insertCall(trx, {
    desk_code: desk.code,
    record_no: formatRecordNo(day, serial),
    local_date: day,
    time_zone: desk.time_zone,
    agent: agent.name,
    agent_id: agent.id,
    call_at: callAt,
    local_hour: localHour(callAt, desk.time_zone),
    policy_id: policy?.id ?? null,
    created_at: now,
    updated_at: now,
    ...fields,
  });
  await refreshDueTimes(trx, id, now);
  return id;
}
