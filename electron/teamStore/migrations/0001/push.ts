import { CALL_COLUMNS } from './tables';

/**
 * Migration 0001's desk functions, as SQL text. Frozen.
 *
 * They run as the owner (SECURITY DEFINER) so that a desk, which has no
 * INSERT, UPDATE or DELETE grant of its own on records, can store its
 * snapshots, and only through their guards. The desk is my_desk(), from
 * session_user; forced row-level security holds inside them as well.
 * Refusals raise SQLSTATEs of their own (electron/team/errors.ts knows them):
 *   HT001 this login is no desk        HT002 stale incarnation or epoch
 *   HT003 another instance holds the lease
 *   HT004 a record names another desk  HT005 app version outside the supported range
 *   HT006 a malformed batch
 */
const HEADER = 'LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hotline_team, pg_temp';
const NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';
const LEASE_MS = 60_000;

const names = CALL_COLUMNS.map(([name]) => name);

export const PUSH_STATEMENTS: string[] = [
  // '0.12.3' → {0,12,3}; anything after the digits of a part (a pre-release tag) is ignored.
  `CREATE FUNCTION hotline_team.version_parts(v text) RETURNS integer[] LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $fn$
    SELECT coalesce(array_agg(coalesce(nullif(substring(p FROM '^[0-9]+'), ''), '0')::integer ORDER BY n), '{}')
    FROM unnest(string_to_array(v, '.')) WITH ORDINALITY AS t(p, n)
  $fn$`,

  // The desk's row, locked for the rest of the caller's transaction, or HT001.
  `CREATE FUNCTION hotline_team.lock_my_desk() RETURNS hotline_team.desks ${HEADER} AS $fn$
  DECLARE d hotline_team.desks;
  BEGIN
    SELECT * INTO d FROM hotline_team.desks WHERE desk_code = hotline_team.my_desk() FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'this login (%) is not a desk of the team', session_user USING ERRCODE = 'HT001';
    END IF;
    RETURN d;
  END
  $fn$`,

  `CREATE FUNCTION hotline_team.refuse_held_lease(d hotline_team.desks, p_instance uuid) RETURNS void ${HEADER} AS $fn$
  BEGIN
    IF d.lease_instance IS NOT NULL AND d.lease_instance <> p_instance AND d.lease_until > ${NOW_MS} THEN
      RAISE EXCEPTION 'desk % is in use on another computer (instance %) until its lease ends', d.desk_code, d.lease_instance
        USING ERRCODE = 'HT003', HINT = 'close Hotline Log on the other computer, or wait for its lease to run out';
    END IF;
  END
  $fn$`,

  `CREATE FUNCTION hotline_team.claim_lease(p_instance uuid, p_seconds integer) RETURNS bigint ${HEADER} AS $fn$
  DECLARE d hotline_team.desks := hotline_team.lock_my_desk();
  DECLARE v_until bigint := ${NOW_MS} + least(greatest(p_seconds, 1), 3600)::bigint * 1000;
  BEGIN
    PERFORM hotline_team.refuse_held_lease(d, p_instance);
    UPDATE hotline_team.desks SET lease_instance = p_instance, lease_until = v_until, last_seen_at = ${NOW_MS} WHERE desk_code = d.desk_code;
    RETURN v_until;
  END
  $fn$`,

  // A desk that found itself behind (a restored backup, a reinstall) starts a new epoch;
  // it raises its daily serials to the server's: the largest serial per local date of its records here.
  `CREATE FUNCTION hotline_team.begin_incarnation(p_instance uuid)
    RETURNS TABLE (epoch integer, incarnation uuid, max_serials jsonb) ${HEADER} AS $fn$
  DECLARE d hotline_team.desks := hotline_team.lock_my_desk();
  BEGIN
    PERFORM hotline_team.refuse_held_lease(d, p_instance);
    UPDATE hotline_team.desks AS k
       SET epoch = k.epoch + 1, incarnation = gen_random_uuid(), high_water = 0,
           lease_instance = p_instance, lease_until = ${NOW_MS} + ${LEASE_MS}, last_seen_at = ${NOW_MS}
     WHERE k.desk_code = d.desk_code
     RETURNING k.epoch, k.incarnation INTO epoch, incarnation;
    SELECT coalesce(jsonb_object_agg(s.local_date, s.serial), '{}'::jsonb) INTO max_serials
      FROM (SELECT c.local_date, max(substring(c.record_no FROM 11)::bigint) AS serial
              FROM hotline_team.calls c
             WHERE c.desk_code = d.desk_code AND c.record_no ~ '^CS[0-9]{8}[0-9]{3,}$'
             GROUP BY c.local_date) s;
    RETURN NEXT;
  END
  $fn$`,

  // One batch of whole-record snapshots, in the caller's transaction. Its records come as one
  // jsonb argument, so a batch of any size is 6 bind parameters, far below PostgreSQL's 65,535.
  `CREATE FUNCTION hotline_team.push_records(p_epoch integer, p_incarnation uuid, p_instance uuid, p_app_version text, p_desk_clock bigint, p_records jsonb)
    RETURNS bigint ${HEADER} AS $fn$
  DECLARE
    d hotline_team.desks := hotline_team.lock_my_desk();
    m hotline_team.meta;
    v_now bigint := ${NOW_MS};
    r jsonb;
    v_call jsonb;
    v_no text;
    v_seq bigint;
    v_after boolean;
    v_count integer;
    v_max bigint := 0;
    v_applied integer := 0;
    v_high bigint;
  BEGIN
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
    END IF;
    IF p_records IS NULL OR jsonb_typeof(p_records) <> 'array' THEN
      RAISE EXCEPTION 'the records of a push must be a JSON array' USING ERRCODE = 'HT006';
    END IF;

    FOR r IN SELECT value FROM jsonb_array_elements(p_records) LOOP
      v_call := r -> 'call';
      v_no := v_call ->> 'record_no';
      v_seq := (r ->> 'seq')::bigint;
      IF jsonb_typeof(v_call) IS DISTINCT FROM 'object' OR v_no IS NULL OR v_seq IS NULL THEN
        RAISE EXCEPTION 'each pushed record needs a seq and a call with its record_no' USING ERRCODE = 'HT006';
      END IF;
      IF v_call ? 'desk_code' AND v_call ->> 'desk_code' IS DISTINCT FROM d.desk_code THEN
        RAISE EXCEPTION 'record % names desk %, but this login is desk %', v_no, v_call ->> 'desk_code', d.desk_code USING ERRCODE = 'HT004';
      END IF;
      v_max := greatest(v_max, v_seq);
      v_after := EXISTS (
        SELECT 1 FROM hotline_team.signoffs s
         WHERE s.desk_code = d.desk_code AND s.local_date = v_call ->> 'local_date'
           AND (s.covered_epoch, s.covered_seq) < (p_epoch, v_seq));

      INSERT INTO hotline_team.calls AS c
      SELECT * FROM jsonb_populate_record(NULL::hotline_team.calls, v_call || jsonb_build_object(
        'desk_code', d.desk_code, 'change_epoch', p_epoch, 'change_seq', v_seq, 'received_at', v_now, 'changed_after_signoff', v_after))
      ON CONFLICT (desk_code, record_no) DO UPDATE SET
        ${names.map((n) => `${n} = EXCLUDED.${n}`).join(',\n        ')},
        change_epoch = EXCLUDED.change_epoch,
        change_seq = EXCLUDED.change_seq,
        received_at = EXCLUDED.received_at,
        changed_after_signoff = c.changed_after_signoff OR EXCLUDED.changed_after_signoff
      WHERE (c.change_epoch, c.change_seq) < (EXCLUDED.change_epoch, EXCLUDED.change_seq);
      GET DIAGNOSTICS v_count = ROW_COUNT;
      -- An older or equal snapshot (a re-sent batch) changes nothing, its children and audit included.
      CONTINUE WHEN v_count = 0;
      v_applied := v_applied + 1;

      -- The children are replaced as a set, so deletions and corrections arrive too.
      DELETE FROM hotline_team.transfers WHERE desk_code = d.desk_code AND record_no = v_no;
      INSERT INTO hotline_team.transfers (desk_code, record_no, seq, to_owner, transferred_at, answered_at, due_at)
      SELECT d.desk_code, v_no, t.seq, t.to_owner, t.transferred_at, t.answered_at, t.due_at
        FROM jsonb_populate_recordset(NULL::hotline_team.transfers, coalesce(r -> 'transfers', '[]')) t;
      DELETE FROM hotline_team.steps WHERE desk_code = d.desk_code AND record_no = v_no;
      INSERT INTO hotline_team.steps (desk_code, record_no, n, at, author, text)
      SELECT d.desk_code, v_no, s.n, s.at, s.author, s.text
        FROM jsonb_populate_recordset(NULL::hotline_team.steps, coalesce(r -> 'steps', '[]')) s;
      DELETE FROM hotline_team.miss_reasons WHERE desk_code = d.desk_code AND record_no = v_no;
      INSERT INTO hotline_team.miss_reasons (desk_code, record_no, kind, idx, code, text, author, at)
      SELECT d.desk_code, v_no, x.kind, coalesce(x.idx, 0), x.code, x.text, x.author, x.at
        FROM jsonb_populate_recordset(NULL::hotline_team.miss_reasons, coalesce(r -> 'missReasons', '[]')) x;
      -- Audit is insert-only: rows the server has keep their first arrival.
      INSERT INTO hotline_team.audit (desk_code, audit_id, record_no, field, old_value, new_value, actor, actor_id, at, reason, change_epoch, change_seq, after_signoff, received_at)
      SELECT d.desk_code, (a ->> 'id')::bigint, v_no, a ->> 'field', a ->> 'old_value', a ->> 'new_value', a ->> 'actor', (a ->> 'actor_id')::bigint,
             (a ->> 'at')::bigint, a ->> 'reason', p_epoch, v_seq, v_after, v_now
        FROM jsonb_array_elements(coalesce(r -> 'audit', '[]')) a
      ON CONFLICT (desk_code, audit_id) DO NOTHING;
    END LOOP;

    UPDATE hotline_team.desks AS k
       SET high_water = greatest(k.high_water, v_max),
           last_seen_at = v_now,
           desk_clock_offset_ms = p_desk_clock - v_now,
           app_version = p_app_version,
           lease_instance = p_instance,
           lease_until = CASE WHEN k.lease_instance = p_instance AND k.lease_until > v_now THEN k.lease_until ELSE v_now + ${LEASE_MS} END
     WHERE k.desk_code = d.desk_code
     RETURNING k.high_water INTO v_high;
    -- LISTEN/NOTIFY has no privileges: the payload names the desk and its mark, never record content.
    IF v_applied > 0 THEN
      PERFORM pg_notify('hotline_team', json_build_object('desk', d.desk_code, 'epoch', p_epoch, 'seq', v_high)::text);
    END IF;
    RETURN v_high;
  END
  $fn$`,
];
