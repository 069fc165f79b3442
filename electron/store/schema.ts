import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as kysely sees it. Timestamps are UTC epoch milliseconds;
 * every record also keeps the IANA zone of its desk so it is shown in local time.
 * Vocabulary columns hold the stable keys of shared/domain/fields.ts.
 */
export interface Database {
  desk: DeskTable;
  calls: CallsTable;
  transfers: TransfersTable;
  steps: StepsTable;
  daily_serials: DailySerialsTable;
}

interface DeskTable {
  /** Always 1: one desk per database file. */
  id: number;
  code: string;
  time_zone: string;
  agent_name: string;
  created_at: number;
}

interface CallsTable {
  id: Generated<number>;
  desk_code: string;
  record_no: string;
  local_date: string;
  time_zone: string;
  agent: string;
  call_at: number;
  answered_at: number | null;
  salutation: string | null;
  phone_last4: string | null;
  customer_type: string | null;
  request_type: string | null;
  category: string | null;
  priority: string | null;
  reason: string | null;
  handler: string | null;
  result: string | null;
  follow_up_due_at: number | null;
  follow_up_owner: string | null;
  result_note: string | null;
  feedback: string | null;
  feedback_reason: string | null;
  score_speed: number | null;
  score_professionalism: number | null;
  score_resolution: number | null;
  remarks: string | null;
  closed_at: number | null;
  created_at: number;
  updated_at: number;
}

interface TransfersTable {
  id: Generated<number>;
  call_id: number;
  seq: number;
  to_owner: string;
  transferred_at: number;
  answered_at: number | null;
}

interface StepsTable {
  id: Generated<number>;
  call_id: number;
  n: number;
  at: number;
  author: string;
  text: string;
}

interface DailySerialsTable {
  desk_code: string;
  local_date: string;
  last_serial: number;
}

export type DeskRow = Selectable<DeskTable>;
export type CallRow = Selectable<CallsTable>;
export type NewCall = Insertable<CallsTable>;
export type CallUpdate = Updateable<CallsTable>;
export type TransferRow = Selectable<TransfersTable>;
export type StepRow = Selectable<StepsTable>;
