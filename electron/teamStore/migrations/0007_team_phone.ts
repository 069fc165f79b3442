import { sql, type Kysely } from 'kysely';

/**
 * Telephony on the team server (issue 15). Frozen once released: never import
 * app code here; a change is a new migration. Only adds: four tables and two
 * desk functions, so desks of older versions run on (they push no phone facts).
 *
 * - phone_calls: each desk's phone facts (its SQLite phone_calls), keyed on
 *   (desk, pbx, call id); the record it opened and the missed call it left by
 *   their numbers, not the desk's local ids.
 * - missed_calls: a missed call once team-wide, unique by (pbx, call id): a
 *   call abandoned in a queue before it rang anyone belongs to the queue, and
 *   every desk watching the queue logs it. The first desk to push it owns the
 *   row (its number, its facts); another desk's push of the same call is
 *   absorbed into missed_call_desks, and the row's callback is the earliest
 *   callback any desk that logged it pushed (called back by either desk counts;
 *   a callback, once the team's, stays).
 * - missed_call_desks: which desks logged a missed call, with their own number
 *   and callback: what the merge is computed from, so a re-sent push changes
 *   nothing and a desk's later callback still counts. A desk logs a missed call
 *   only of a call it has (or pushes in the same batch) its own phone_calls row
 *   for: the phone system showed it the call. Else the push is refused (HT006,
 *   parked on the desk), so a desk cannot guess a (pbx, Linkedid) to read
 *   another desk's missed call or set the team's callback of it.
 * - queue_snapshots: the newest QueueSummary each desk saw per (pbx, queue),
 *   on the server's clock: the team board's live queue.
 * Every row is written only through push_phone / report_queues (SECURITY
 * DEFINER, the desk from my_desk()), each (epoch, seq) guarded as push_records
 * guards records, and the desk's high-water mark moves as a push moves it.
 * Row-level security is enabled and forced on every new table; desks read
 * their own rows, leads read all, nobody but the owner deletes or truncates.
 */
const HEADER = 'SECURITY DEFINER SET search_path = pg_catalog, hotline_team, pg_temp';
const NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';
const LEASE_MS = 60_000;
const LAST4 = (column: string) => `text CHECK (${column} ~ '^[0-9]{4}$')`;

/** A phone call's facts, beside its key (desk_code, pbx, call_id): the desk's columns, its local ids as numbers. */
const PHONE_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['system', "text NOT NULL CHECK (system IN ('ami', 'cti'))"],
  ['direction', "text NOT NULL CHECK (direction IN ('in', 'out'))"],
  ['queue', 'text'],
  ['agent', 'text'],
  ['number_last4', LAST4('number_last4')],
  ['clock', "text NOT NULL CHECK (clock IN ('pbx', 'arrival'))"],
  ['offered_at', 'bigint NOT NULL'],
  ['answered_at', 'bigint'],
  ['ended_at', 'bigint'],
  ['cause', 'text'],
  ['wait_sec', 'double precision'],
  ['talk_sec', 'double precision'],
  ['hung_up_by', 'text'],
  ['local_date', 'text NOT NULL'],
  ['local_hour', 'integer NOT NULL'],
  ['record_no', 'text'],
  ['missed_no', 'text'],
  ['updated_at', 'bigint NOT NULL'],
];

/** A missed call's facts, as its owning desk logged them. */
const MISSED_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['missed_no', 'text NOT NULL'],
  ['local_date', 'text NOT NULL'],
  ['local_hour', 'integer NOT NULL'],
  ['time_zone', 'text NOT NULL'],
  ['call_at', 'bigint NOT NULL'],
  ['ended_at', 'bigint NOT NULL'],
  ['wait_sec', 'double precision NOT NULL'],
  ['phone_last4', LAST4('phone_last4')],
  ['queue', 'text'],
  ['cause', 'text NOT NULL'],
  ['callback_due_at', 'bigint'],
  ['created_at', 'bigint NOT NULL'],
];

/** One desk's callback of a missed call. */
const CALLBACK_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['called_back_at', 'bigint'],
  ['called_back_by', 'text'],
  ['called_back_how', "text CHECK (called_back_how IN ('outboundCall', 'marked'))"],
];

const cols = (list: ReadonlyArray<readonly [string, string]>) => list.map(([n, t]) => `${n} ${t}`).join(',\n    ');
const names = (list: ReadonlyArray<readonly [string, string]>) => list.map(([n]) => n);
const GUARD = 'change_epoch integer NOT NULL, change_seq bigint NOT NULL, received_at bigint NOT NULL';

export const PHONE_TABLES = ['phone_calls', 'missed_calls', 'missed_call_desks', 'queue_snapshots'] as const;

const TABLE_STATEMENTS: string[] = [
  `CREATE TABLE hotline_team.phone_calls (
    desk_code text NOT NULL REFERENCES hotline_team.desks (desk_code),
    pbx text NOT NULL,
    call_id text NOT NULL,
    ${cols(PHONE_COLUMNS)},
    ${GUARD},
    PRIMARY KEY (desk_code, pbx, call_id)
  )`,
  'CREATE INDEX phone_calls_by_day ON hotline_team.phone_calls (local_date, desk_code)',
  // Every desk's row of one call: the statistics pick one row per call (teamPhoneStatsSql.ts), the push checks a desk's own.
  'CREATE INDEX phone_calls_by_call ON hotline_team.phone_calls (pbx, call_id)',
  `CREATE TABLE hotline_team.missed_calls (
    pbx text NOT NULL,
    call_id text NOT NULL,
    -- The desk that pushed it first: its number and facts are the team's.
    desk_code text NOT NULL REFERENCES hotline_team.desks (desk_code),
    ${cols(MISSED_COLUMNS)},
    -- The earliest callback any desk that logged it pushed, and that desk.
    ${cols(CALLBACK_COLUMNS)},
    called_back_desk text,
    ${GUARD},
    PRIMARY KEY (pbx, call_id)
  )`,
  'CREATE INDEX missed_calls_by_day ON hotline_team.missed_calls (local_date, desk_code)',
  `CREATE TABLE hotline_team.missed_call_desks (
    pbx text NOT NULL,
    call_id text NOT NULL,
    desk_code text NOT NULL REFERENCES hotline_team.desks (desk_code),
    missed_no text NOT NULL,
    ${cols(CALLBACK_COLUMNS)},
    ${GUARD},
    PRIMARY KEY (pbx, call_id, desk_code)
  )`,
  'CREATE INDEX missed_call_desks_by_desk ON hotline_team.missed_call_desks (desk_code)',
  `CREATE TABLE hotline_team.queue_snapshots (
    desk_code text NOT NULL REFERENCES hotline_team.desks (desk_code),
    pbx text NOT NULL,
    queue text NOT NULL,
    waiting integer NOT NULL CHECK (waiting >= 0),
    longest_wait_sec double precision NOT NULL CHECK (longest_wait_sec >= 0),
    available integer,
    -- When the PBX said it, moved onto the server's clock by the desk's offset at the report.
    at bigint NOT NULL,
    received_at bigint NOT NULL,
    PRIMARY KEY (desk_code, pbx, queue)
  )`,
];

/** The same refusals as push_records: a stale incarnation (HT002), a held lease (HT003), an app out of range (HT005). */
const REFUSE_STALE = `
    IF d.incarnation IS NULL OR d.incarnation IS DISTINCT FROM p_incarnation OR d.epoch <> p_epoch THEN
      RAISE EXCEPTION 'desk % pushed as epoch % of incarnation %, but the server has epoch % of %', d.desk_code, p_epoch, p_incarnation, d.epoch, d.incarnation
        USING ERRCODE = 'HT002', HINT = 'the desk must compare itself with the server and begin a new incarnation';
    END IF;
    PERFORM hotline_team.refuse_held_lease(d, p_instance);
    SELECT * INTO m FROM hotline_team.meta WHERE id = 1;
    IF hotline_team.version_parts(p_app_version) < hotline_team.version_parts(m.min_app_version)
       OR (m.max_app_version IS NOT NULL AND hotline_team.version_parts(p_app_version) > hotline_team.version_parts(m.max_app_version)) THEN
      RAISE EXCEPTION 'app version % is outside the versions this team server supports (% to %)', p_app_version, m.min_app_version, coalesce(m.max_app_version, 'any newer')
        USING ERRCODE = 'HT005', HINT = 'update the app';
    END IF;`;

const P = names(PHONE_COLUMNS);
const M = names(MISSED_COLUMNS);
const C = names(CALLBACK_COLUMNS);

const FUNCTION_STATEMENTS: string[] = [
  // p_phone = {"calls": [{seq, pbx, call_id, …phone_calls columns}], "missed": [{seq, pbx, call_id, missed_no, …}]}.
  `CREATE FUNCTION hotline_team.push_phone(p_epoch integer, p_incarnation uuid, p_instance uuid, p_app_version text, p_desk_clock bigint, p_phone jsonb)
    RETURNS bigint LANGUAGE plpgsql ${HEADER} AS $fn$
  DECLARE
    d hotline_team.desks := hotline_team.lock_my_desk();
    m hotline_team.meta;
    v_now bigint := ${NOW_MS};
    v_max bigint;
    v_high bigint;
    v_stored integer := 0;
    v_n integer;
    -- The missed calls this push brings, the newest of each once.
    v_missed jsonb;
    -- A missed call of a call this desk has no phone facts of, if the push brings one.
    v_pbx text;
    v_call text;
  BEGIN${REFUSE_STALE}
    IF p_phone IS NULL OR jsonb_typeof(p_phone) <> 'object'
       OR jsonb_typeof(coalesce(p_phone -> 'calls', '[]')) <> 'array' OR jsonb_typeof(coalesce(p_phone -> 'missed', '[]')) <> 'array' THEN
      RAISE EXCEPTION 'the phone facts of a push must be an object of two arrays, calls and missed' USING ERRCODE = 'HT006';
    END IF;
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(p_phone -> 'calls', '[]')) e(r) WHERE jsonb_typeof(e.r) <> 'object' OR e.r ->> 'seq' IS NULL OR e.r ->> 'pbx' IS NULL OR e.r ->> 'call_id' IS NULL)
       OR EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(p_phone -> 'missed', '[]')) e(r) WHERE jsonb_typeof(e.r) <> 'object' OR e.r ->> 'seq' IS NULL OR e.r ->> 'pbx' IS NULL OR e.r ->> 'call_id' IS NULL OR e.r ->> 'missed_no' IS NULL) THEN
      RAISE EXCEPTION 'each pushed phone call needs a seq, pbx and call_id (a missed call its missed_no too)' USING ERRCODE = 'HT006';
    END IF;
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(p_phone -> 'missed', '[]')) e(r) WHERE e.r ? 'desk_code' AND e.r ->> 'desk_code' IS DISTINCT FROM d.desk_code) THEN
      RAISE EXCEPTION 'a pushed missed call names another desk than this login''s (%)', d.desk_code USING ERRCODE = 'HT004';
    END IF;
    SELECT max((e.r ->> 'seq')::bigint) INTO v_max
      FROM (SELECT r FROM jsonb_array_elements(coalesce(p_phone -> 'calls', '[]')) r UNION ALL SELECT r FROM jsonb_array_elements(coalesce(p_phone -> 'missed', '[]')) r) e(r);

    -- The desk's phone facts: stored only above the stored (epoch, seq), as records are.
    INSERT INTO hotline_team.phone_calls AS c (desk_code, pbx, call_id, ${P.join(', ')}, change_epoch, change_seq, received_at)
    SELECT d.desk_code, x.pbx, x.call_id, ${P.map((n) => `x.${n}`).join(', ')}, p_epoch, b.seq, v_now
      FROM (SELECT DISTINCT ON (e.r ->> 'pbx', e.r ->> 'call_id') e.r, (e.r ->> 'seq')::bigint AS seq
              FROM jsonb_array_elements(coalesce(p_phone -> 'calls', '[]')) WITH ORDINALITY e(r, n)
             ORDER BY e.r ->> 'pbx', e.r ->> 'call_id', (e.r ->> 'seq')::bigint DESC, e.n) b
      CROSS JOIN LATERAL jsonb_populate_record(NULL::hotline_team.phone_calls, b.r) x
    ON CONFLICT (desk_code, pbx, call_id) DO UPDATE SET
      ${P.map((n) => `${n} = EXCLUDED.${n}`).join(', ')},
      change_epoch = EXCLUDED.change_epoch, change_seq = EXCLUDED.change_seq, received_at = EXCLUDED.received_at
    WHERE (c.change_epoch, c.change_seq) < (EXCLUDED.change_epoch, EXCLUDED.change_seq);
    GET DIAGNOSTICS v_n = ROW_COUNT;
    v_stored := v_stored + v_n;

    -- The missed calls this push brings, newest of each once.
    SELECT coalesce(jsonb_agg(x.r), '[]') INTO v_missed FROM (
      SELECT DISTINCT ON (e.r ->> 'pbx', e.r ->> 'call_id') e.r
        FROM jsonb_array_elements(coalesce(p_phone -> 'missed', '[]')) WITH ORDINALITY e(r, n)
       ORDER BY e.r ->> 'pbx', e.r ->> 'call_id', (e.r ->> 'seq')::bigint DESC, e.n) x;

    -- A desk logs only a missed call the phone system showed it: its own phone_calls row of the call, stored
    -- before or just above from this batch. Refused, not ignored: an ignored row the desk would clear as
    -- pushed, and the team would never have it; refused, the desk parks it with the reason where IT sees it
    -- (the pusher sends a missed call no earlier than its call, so an honest desk is never refused for this).
    SELECT b.r ->> 'pbx', b.r ->> 'call_id' INTO v_pbx, v_call
      FROM jsonb_array_elements(v_missed) b(r)
     WHERE NOT EXISTS (SELECT 1 FROM hotline_team.phone_calls c WHERE c.desk_code = d.desk_code AND c.pbx = b.r ->> 'pbx' AND c.call_id = b.r ->> 'call_id')
     LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'a pushed missed call (% on %) is of a call this desk (%) has pushed no phone facts of', v_call, v_pbx, d.desk_code
        USING ERRCODE = 'HT006', HINT = 'push the call''s phone facts first, or with it';
    END IF;

    -- First this desk's own log of each (its number, its callback), guarded by its (epoch, seq):
    -- it is what lets the owner's policy below admit this desk to a row another desk owns.
    INSERT INTO hotline_team.missed_call_desks AS w (pbx, call_id, desk_code, missed_no, ${C.join(', ')}, change_epoch, change_seq, received_at)
    SELECT (b.r ->> 'pbx'), (b.r ->> 'call_id'), d.desk_code, b.r ->> 'missed_no', ${C.map((n) => `x.${n}`).join(', ')}, p_epoch, (b.r ->> 'seq')::bigint, v_now
      FROM jsonb_array_elements(v_missed) b(r) CROSS JOIN LATERAL jsonb_populate_record(NULL::hotline_team.missed_call_desks, b.r) x
    ON CONFLICT (pbx, call_id, desk_code) DO UPDATE SET
      missed_no = EXCLUDED.missed_no, ${C.map((n) => `${n} = EXCLUDED.${n}`).join(', ')},
      change_epoch = EXCLUDED.change_epoch, change_seq = EXCLUDED.change_seq, received_at = EXCLUDED.received_at
    WHERE (w.change_epoch, w.change_seq) < (EXCLUDED.change_epoch, EXCLUDED.change_seq);
    GET DIAGNOSTICS v_n = ROW_COUNT;
    v_stored := v_stored + v_n;

    -- The team's row: the first desk to push a call owns it; only the owner's newer snapshot rewrites its facts.
    -- Another desk's push of the same call is absorbed: no error, no second row.
    INSERT INTO hotline_team.missed_calls AS t (pbx, call_id, desk_code, ${M.join(', ')}, change_epoch, change_seq, received_at)
    SELECT (b.r ->> 'pbx'), (b.r ->> 'call_id'), d.desk_code, ${M.map((n) => `x.${n}`).join(', ')}, p_epoch, (b.r ->> 'seq')::bigint, v_now
      FROM jsonb_array_elements(v_missed) b(r) CROSS JOIN LATERAL jsonb_populate_record(NULL::hotline_team.missed_calls, b.r) x
    ON CONFLICT (pbx, call_id) DO UPDATE SET
      ${M.map((n) => `${n} = EXCLUDED.${n}`).join(', ')},
      change_epoch = EXCLUDED.change_epoch, change_seq = EXCLUDED.change_seq, received_at = EXCLUDED.received_at
    WHERE t.desk_code = EXCLUDED.desk_code AND (t.change_epoch, t.change_seq) < (EXCLUDED.change_epoch, EXCLUDED.change_seq);

    -- Called back by any desk that logged it counts: the team's callback is the earliest any desk pushed.
    -- Kept as a running minimum from each push, not recomputed from every desk's rows: a desk's session
    -- sees only its own missed_call_desks rows, in this function too (forced row-level security).
    UPDATE hotline_team.missed_calls t
       SET ${C.map((n) => `${n} = x.${n}`).join(', ')}, called_back_desk = d.desk_code
      FROM jsonb_array_elements(v_missed) b(r) CROSS JOIN LATERAL jsonb_populate_record(NULL::hotline_team.missed_call_desks, b.r) x
     WHERE t.pbx = x.pbx AND t.call_id = x.call_id AND x.called_back_at IS NOT NULL
       AND (t.called_back_at IS NULL OR x.called_back_at < t.called_back_at);

    UPDATE hotline_team.desks AS k
       SET high_water = greatest(k.high_water, coalesce(v_max, 0)),
           last_seen_at = v_now,
           desk_clock_offset_ms = p_desk_clock - v_now,
           app_version = p_app_version,
           lease_instance = p_instance,
           lease_until = CASE WHEN k.lease_instance = p_instance AND k.lease_until > v_now THEN k.lease_until ELSE v_now + ${LEASE_MS} END
     WHERE k.desk_code = d.desk_code
     RETURNING k.high_water INTO v_high;
    -- As push_records: the desk and its mark only, never content.
    IF v_stored > 0 THEN
      PERFORM pg_notify('hotline_team', json_build_object('desk', d.desk_code, 'epoch', p_epoch, 'seq', v_high)::text);
    END IF;
    RETURN v_high;
  END
  $fn$`,

  // p_queues = [{pbx, queue, waiting, longest_wait_sec, available, at}] on the desk's clock; the newest per queue is kept.
  `CREATE FUNCTION hotline_team.report_queues(p_instance uuid, p_desk_clock bigint, p_queues jsonb) RETURNS void LANGUAGE plpgsql ${HEADER} AS $fn$
  DECLARE
    d hotline_team.desks := hotline_team.lock_my_desk();
    v_now bigint := ${NOW_MS};
  BEGIN
    PERFORM hotline_team.refuse_held_lease(d, p_instance);
    IF p_queues IS NULL OR jsonb_typeof(p_queues) <> 'array'
       OR EXISTS (SELECT 1 FROM jsonb_array_elements(p_queues) e(r) WHERE e.r ->> 'pbx' IS NULL OR e.r ->> 'queue' IS NULL OR e.r ->> 'waiting' IS NULL OR e.r ->> 'at' IS NULL) THEN
      RAISE EXCEPTION 'queue snapshots must be an array of {pbx, queue, waiting, longest_wait_sec, at}' USING ERRCODE = 'HT006';
    END IF;
    INSERT INTO hotline_team.queue_snapshots AS q (desk_code, pbx, queue, waiting, longest_wait_sec, available, at, received_at)
    SELECT DISTINCT ON (e.r ->> 'pbx', e.r ->> 'queue') d.desk_code, e.r ->> 'pbx', e.r ->> 'queue', (e.r ->> 'waiting')::integer,
           coalesce((e.r ->> 'longest_wait_sec')::double precision, 0), (e.r ->> 'available')::integer,
           least((e.r ->> 'at')::bigint - (p_desk_clock - v_now), v_now), v_now
      FROM jsonb_array_elements(p_queues) e(r)
     ORDER BY e.r ->> 'pbx', e.r ->> 'queue', (e.r ->> 'at')::bigint DESC
    ON CONFLICT (desk_code, pbx, queue) DO UPDATE SET
      waiting = EXCLUDED.waiting, longest_wait_sec = EXCLUDED.longest_wait_sec, available = EXCLUDED.available, at = EXCLUDED.at, received_at = EXCLUDED.received_at
    WHERE q.at <= EXCLUDED.at;
    UPDATE hotline_team.desks SET last_seen_at = v_now, desk_clock_offset_ms = p_desk_clock - v_now WHERE desk_code = d.desk_code;
    -- The board re-reads on any notice; the payload stays the push's shape (desk and mark, never content).
    PERFORM pg_notify('hotline_team', json_build_object('desk', d.desk_code, 'epoch', d.epoch, 'seq', d.high_water)::text);
  END
  $fn$`,
];

/** The owner's policy (definer functions): a desk session stays on its own desk's rows. */
const OWNER_OWN_DESK = 'NOT hotline_team.is_desk_session() OR desk_code = hotline_team.my_desk()';
/** A missed call: the desk that owns it, or any desk that logged it too (its push merges the callback). */
const LOGGED_IT = 'EXISTS (SELECT 1 FROM hotline_team.missed_call_desks w WHERE w.pbx = missed_calls.pbx AND w.call_id = missed_calls.call_id AND w.desk_code = hotline_team.my_desk())';
const MISSED_OWNER = `NOT hotline_team.is_desk_session() OR desk_code = hotline_team.my_desk() OR ${LOGGED_IT}`;

const policy = (table: string, name: string, command: string, role: string, using: string | null, check: string | null) =>
  `CREATE POLICY ${name} ON hotline_team.${table} FOR ${command} TO ${role}` + (using ? ` USING (${using})` : '') + (check ? ` WITH CHECK (${check})` : '');

const POLICY_STATEMENTS: string[] = [
  ...PHONE_TABLES.flatMap((t) => [`ALTER TABLE hotline_team.${t} ENABLE ROW LEVEL SECURITY`, `ALTER TABLE hotline_team.${t} FORCE ROW LEVEL SECURITY`]),
  ...(['phone_calls', 'missed_call_desks', 'queue_snapshots'] as const).flatMap((t) => [
    policy(t, `${t}_desk_read`, 'SELECT', 'hotline_desk', 'desk_code = hotline_team.my_desk()', null),
    policy(t, `${t}_lead_read`, 'SELECT', 'hotline_lead', 'true', null),
    policy(t, `${t}_owner`, 'ALL', 'hotline_team_owner', OWNER_OWN_DESK, OWNER_OWN_DESK),
  ]),
  policy('missed_calls', 'missed_calls_desk_read', 'SELECT', 'hotline_desk', `desk_code = hotline_team.my_desk() OR ${LOGGED_IT}`, null),
  policy('missed_calls', 'missed_calls_lead_read', 'SELECT', 'hotline_lead', 'true', null),
  // A new row is always the pushing desk's own (WITH CHECK); an existing one is reachable by a desk that logged it.
  policy('missed_calls', 'missed_calls_owner', 'ALL', 'hotline_team_owner', MISSED_OWNER, OWNER_OWN_DESK + ` OR ${LOGGED_IT}`),
  ...PHONE_TABLES.map((t) => `GRANT SELECT ON hotline_team.${t} TO hotline_desk, hotline_lead`),
  'REVOKE ALL ON FUNCTION hotline_team.push_phone(integer, uuid, uuid, text, bigint, jsonb), hotline_team.report_queues(uuid, bigint, jsonb) FROM PUBLIC',
  'GRANT EXECUTE ON FUNCTION hotline_team.push_phone(integer, uuid, uuid, text, bigint, jsonb), hotline_team.report_queues(uuid, bigint, jsonb) TO hotline_desk',
  'UPDATE hotline_team.meta SET schema_version = greatest(schema_version, 7) WHERE id = 1',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  // Created by, and so owned by, the owner role (forced row-level security holds it to its policies).
  await sql.raw('SET LOCAL ROLE hotline_team_owner').execute(db);
  for (const statement of [...TABLE_STATEMENTS, ...FUNCTION_STATEMENTS, ...POLICY_STATEMENTS]) await sql.raw(statement).execute(db);
  await sql.raw('RESET ROLE').execute(db);
}
