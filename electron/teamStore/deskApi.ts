import type { RecordSnapshot } from '../store/outbox';
import type { MissedCallSnapshot, PhoneCallSnapshot, QueueSnapshotRow, ServerPhoneRows } from '../store/phoneOutbox';
import type { TeamConnection } from './connect';
import { TeamServerError } from './errors';
import type { PushRows } from './pushRows';

/**
 * What a desk asks of the team server, each through the functions and
 * row-level security of migration 0001: the desk is always the login's
 * (`my_desk()`), never a value the desk sends.
 */

/**
 * One push: who pushes (epoch, incarnation, instance), with which app, at
 * which desk clock, and the records: as push_records_v2's rows (written by
 * the desk's SQLite, pushRows.ts), and as whole snapshots read only for a
 * server without migration 0005.
 */
export interface PushBatch {
  epoch: number;
  incarnation: string;
  instance: string;
  appVersion: string;
  deskClock: number;
  rows: PushRows;
  snapshots: () => Promise<RecordSnapshot[]>;
}

/** One push of phone facts (migration 0007's push_phone): the same identity as a record push, and the rows. */
export interface PhonePushBatch extends Omit<PushBatch, 'rows' | 'snapshots'> {
  calls: PhoneCallSnapshot[];
  missed: MissedCallSnapshot[];
}

/** Where batches go: the team server (deskApi), or anything else that takes them. Returns the desk's high-water mark. */
export interface PushTarget {
  push(batch: PushBatch): Promise<number>;
  /** Phone facts and missed calls; a target without it (a server before 0007, a test's) leaves them waiting. */
  pushPhone?(batch: PhonePushBatch): Promise<number>;
  /** The desk's newest queue snapshots, for the team board. */
  reportQueues?(instance: string, deskClock: number, queues: readonly QueueSnapshotRow[]): Promise<void>;
}

/** The server's view of this desk: which incarnation pushes, and the mark it pushed up to. */
export interface DeskOnServer {
  desk_code: string;
  epoch: number;
  incarnation: string | null;
  high_water: number;
  lease_instance: string | null;
  lease_until: number | null;
}

/** A record the server holds for this desk, with the change that last wrote it. */
export interface ServerRecordMark {
  record_no: string;
  change_epoch: number;
  change_seq: number;
}

export interface DeskApi extends PushTarget {
  pushPhone(batch: PhonePushBatch): Promise<number>;
  reportQueues(instance: string, deskClock: number, queues: readonly QueueSnapshotRow[]): Promise<void>;
  /** This desk's phone facts and the missed calls it logged (its own number and callback), for a pull-back; none on a server before 0007. */
  phoneRows(): Promise<ServerPhoneRows>;
  /** The login's desk row; undefined when the login is not a desk's (a lead's or an admin's alone). */
  deskRow(): Promise<DeskOnServer | undefined>;
  /** Holds the desk's lease for `seconds`; refused (leaseHeld) while another instance holds it. */
  claimLease(instance: string, seconds: number): Promise<number>;
  /** Gives the lease up if `instance` holds it (migration 0006); says whether it did. */
  releaseLease(instance: string): Promise<boolean>;
  /** Starts the next epoch with a new incarnation, and says the largest serial the server has per local date. */
  beginIncarnation(instance: string): Promise<{ epoch: number; incarnation: string; maxSerials: Record<string, number> }>;
  /** Every record the server holds for this desk, by number. */
  recordMarks(): Promise<ServerRecordMark[]>;
  /** Whole records by number, as the pusher sent them (children and audit included). */
  records(recordNos: readonly string[]): Promise<Array<Omit<RecordSnapshot, 'seq'>>>;
  /** The newest version of the team's policy, if the team has one. */
  policyVersion(): Promise<number | null>;
}

/** The phone facts a pull-back takes, beside their key (pbx, call_id). */
const PHONE_PULLED = ['system', 'direction', 'queue', 'agent', 'number_last4', 'clock', 'offered_at', 'answered_at', 'ended_at', 'cause', 'wait_sec', 'talk_sec', 'hung_up_by', 'local_date', 'local_hour', 'record_no', 'missed_no', 'updated_at'];
const MISSED_PULLED = ['pbx', 'call_id', 'local_date', 'local_hour', 'time_zone', 'call_at', 'ended_at', 'wait_sec', 'phone_last4', 'queue', 'cause', 'callback_due_at', 'created_at'];

/** Server columns that are not the desk's: left out of a record pulled back. */
const SERVER_ONLY = ['change_epoch', 'change_seq', 'received_at', 'changed_after_signoff'] as const;

/** PostgreSQL's undefined_function: push_records_v2 is missing on a server whose schema predates migration 0005. */
const UNDEFINED_FUNCTION = '42883';

export function deskApi(conn: TeamConnection): DeskApi {
  /** Whether the server has push_records_v2: assumed until it says otherwise, then asked again with the next api (the next pool). */
  let rowsPush = true;

  /** Migration 0002's push: the whole batch as one jsonb (six bind parameters), for a server without 0005. */
  const pushJson = async (batch: PushBatch) => {
    const records = await batch.snapshots();
    const { rows } = await conn.query<{ hw: number }>('SELECT hotline_team.push_records($1, $2, $3, $4, $5, $6) AS hw', [
      batch.epoch,
      batch.incarnation,
      batch.instance,
      batch.appVersion,
      batch.deskClock,
      // Null columns are left out: the server reads a missing key as null (jsonb_populate_record over NULL,
      // jsonb_to_recordset, ->>), and a catch-up's batch is a third smaller for the server to parse.
      JSON.stringify(records, (_key, value: unknown) => (value === null ? undefined : value)),
    ]);
    return rows[0]!.hw;
  };

  /** Migration 0005's push: one array of rows per table, read as COPY reads rows (teamStore/pushRows.ts); ten bind parameters whatever the size. */
  const pushArrays = async (batch: PushBatch) => {
    const r = batch.rows;
    const { rows } = await conn.query<{ hw: number }>('SELECT hotline_team.push_records_v2($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) AS hw', [
      batch.epoch,
      batch.incarnation,
      batch.instance,
      batch.appVersion,
      batch.deskClock,
      r.calls,
      r.transfers,
      r.steps,
      r.missReasons,
      r.audit,
    ]);
    return rows[0]!.hw;
  };

  return {
    async push(batch: PushBatch) {
      if (!rowsPush) return pushJson(batch);
      try {
        return await pushArrays(batch);
      } catch (error) {
        // A server not yet at 0005 (hotline team init brings it up) takes the same batch the old way.
        if (!(error instanceof TeamServerError && error.sqlState === UNDEFINED_FUNCTION && /push_records_v2/.test(error.message))) throw error;
        rowsPush = false;
        return pushJson(batch);
      }
    },

    async pushPhone(batch: PhonePushBatch) {
      const { rows } = await conn.query<{ hw: number }>('SELECT hotline_team.push_phone($1, $2, $3, $4, $5, $6) AS hw', [
        batch.epoch,
        batch.incarnation,
        batch.instance,
        batch.appVersion,
        batch.deskClock,
        JSON.stringify({ calls: batch.calls, missed: batch.missed }, (_key, value: unknown) => (value === null ? undefined : value)),
      ]);
      return rows[0]!.hw;
    },

    async reportQueues(instance, deskClock, queues) {
      await conn.query('SELECT hotline_team.report_queues($1, $2, $3)', [instance, deskClock, JSON.stringify(queues)]);
    },

    async phoneRows() {
      const mine = 'desk_code = hotline_team.my_desk()';
      try {
        const [calls, missed] = await Promise.all([
          conn.query<ServerPhoneRows['calls'][number]>(`SELECT pbx, call_id, ${PHONE_PULLED.join(', ')} FROM hotline_team.phone_calls WHERE ${mine} ORDER BY offered_at, call_id`),
          // The call's facts from the team's row (whoever owns it), with this desk's own number and callback.
          conn.query<ServerPhoneRows['missed'][number]>(
            `SELECT w.desk_code, w.missed_no, w.called_back_at, w.called_back_by, w.called_back_how, ${MISSED_PULLED.map((c) => `m.${c}`).join(', ')}
               FROM hotline_team.missed_call_desks w JOIN hotline_team.missed_calls m ON m.pbx = w.pbx AND m.call_id = w.call_id
              WHERE w.${mine} ORDER BY w.missed_no`,
          ),
        ]);
        return { calls: calls.rows, missed: missed.rows };
      } catch (error) {
        if ((error as { sqlState?: string }).sqlState === '42P01') return { calls: [], missed: [] };
        throw error;
      }
    },

    async deskRow() {
      const { rows } = await conn.query<DeskOnServer>(
        'SELECT desk_code, epoch, incarnation, high_water, lease_instance, lease_until FROM hotline_team.desks WHERE desk_code = hotline_team.my_desk()',
      );
      return rows[0];
    },

    async claimLease(instance, seconds) {
      const { rows } = await conn.query<{ until: number }>('SELECT hotline_team.claim_lease($1, $2) AS until', [instance, seconds]);
      return rows[0]!.until;
    },

    async releaseLease(instance) {
      const { rows } = await conn.query<{ released: boolean }>('SELECT hotline_team.release_lease($1) AS released', [instance]);
      return rows[0]?.released === true;
    },

    async beginIncarnation(instance) {
      const { rows } = await conn.query<{ epoch: number; incarnation: string; max_serials: Record<string, number> }>('SELECT * FROM hotline_team.begin_incarnation($1)', [instance]);
      const row = rows[0]!;
      return { epoch: row.epoch, incarnation: row.incarnation, maxSerials: row.max_serials };
    },

    async recordMarks() {
      const { rows } = await conn.query<ServerRecordMark>('SELECT record_no, change_epoch, change_seq FROM hotline_team.calls WHERE desk_code = hotline_team.my_desk() ORDER BY record_no');
      return rows;
    },

    async records(recordNos) {
      if (recordNos.length === 0) return [];
      const nos = [...recordNos];
      const mine = 'desk_code = hotline_team.my_desk() AND record_no = ANY($1)';
      const [calls, transfers, steps, reasons, audit] = await Promise.all([
        conn.query(`SELECT * FROM hotline_team.calls WHERE ${mine}`, [nos]),
        conn.query(`SELECT record_no, seq, to_owner, transferred_at, answered_at, due_at FROM hotline_team.transfers WHERE ${mine} ORDER BY record_no, seq`, [nos]),
        conn.query(`SELECT record_no, n, at, author, text FROM hotline_team.steps WHERE ${mine} ORDER BY record_no, n`, [nos]),
        conn.query(`SELECT record_no, kind, idx, code, text, author, at FROM hotline_team.miss_reasons WHERE ${mine} ORDER BY record_no, kind, idx`, [nos]),
        conn.query(`SELECT record_no, audit_id AS id, field, old_value, new_value, actor, actor_id, at, reason FROM hotline_team.audit WHERE ${mine} ORDER BY record_no, audit_id`, [nos]),
      ]);
      const byNo = <T extends { record_no: string }>(rows: T[]) => {
        const map = new Map<string, Array<Omit<T, 'record_no'>>>();
        for (const { record_no, ...rest } of rows) (map.get(record_no) ?? map.set(record_no, []).get(record_no)!).push(rest);
        return map;
      };
      const t = byNo(transfers.rows as Array<{ record_no: string }>);
      const s = byNo(steps.rows as Array<{ record_no: string }>);
      const m = byNo(reasons.rows as Array<{ record_no: string }>);
      const a = byNo(audit.rows as Array<{ record_no: string }>);
      return calls.rows.map((row: Record<string, unknown>) => {
        const call = { ...row };
        for (const column of SERVER_ONLY) delete call[column];
        const no = row.record_no as string;
        return {
          call: call as unknown as RecordSnapshot['call'],
          transfers: (t.get(no) ?? []) as unknown as RecordSnapshot['transfers'],
          steps: (s.get(no) ?? []) as unknown as RecordSnapshot['steps'],
          missReasons: (m.get(no) ?? []) as unknown as RecordSnapshot['missReasons'],
          audit: (a.get(no) ?? []) as unknown as RecordSnapshot['audit'],
        };
      });
    },

    async policyVersion() {
      const { rows } = await conn.query<{ v: number | null }>('SELECT max(version) AS v FROM hotline_team.policy_versions');
      return rows[0]?.v ?? null;
    },
  };
}
