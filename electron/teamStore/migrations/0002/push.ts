import { CALL_COLUMNS } from '../0001/tables';

/**
 * Migration 0002's push_records, as SQL text. Frozen once released.
 *
 * 0001's push stored a batch record by record: eight statements per record,
 * 456 records/s for a desk catching up 100,000 (docs/benchmarks.md, Team
 * server). This one stores the whole batch in a few set-based statements with
 * the same signature, refusals and guarantees:
 * - the first element that is malformed (HT006) or names another desk (HT004),
 *   in batch order, refuses the batch, as before;
 * - a record is stored only if its (epoch, seq) is above the stored one: an
 *   older snapshot never overwrites a newer one, a re-sent batch changes
 *   nothing (neither the call, nor its children, nor its audit);
 * - a record named twice in one batch counts once, its highest seq (first of
 *   equals), which is what 0001's loop ended with;
 * - a stored record's transfers, steps and miss reasons are replaced as a set;
 *   audit rows are insert-only; changed-after-sign-off is decided from the
 *   sign-offs' covered marks; the NOTIFY payload is the desk and its mark only.
 * The children are read with jsonb_to_recordset and their column types:
 * jsonb_populate_recordset(NULL::table, …) sets itself up again on every call,
 * 181 ms for a batch's 1,591 steps against 5 ms (measured on PostgreSQL 15).
 */
const HEADER = 'LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hotline_team, pg_temp';
const NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';
const LEASE_MS = 60_000;
const names = CALL_COLUMNS.map(([name]) => name);

/** An element the batch is refused for: not {seq, call: {record_no…}}. */
const MALFORMED = `(jsonb_typeof(e.r -> 'call') IS DISTINCT FROM 'object' OR e.r -> 'call' ->> 'record_no' IS NULL OR e.r ->> 'seq' IS NULL)`;

export const PUSH_STATEMENTS: string[] = [
  `CREATE OR REPLACE FUNCTION hotline_team.push_records(p_epoch integer, p_incarnation uuid, p_instance uuid, p_app_version text, p_desk_clock bigint, p_records jsonb)
    RETURNS bigint ${HEADER} AS $fn$
  DECLARE
    d hotline_team.desks := hotline_team.lock_my_desk();
    m hotline_team.meta;
    v_now bigint := ${NOW_MS};
    v_bad record;
    v_max bigint;
    -- The records stored by this push, side by side: number, seq, after sign-off, the pushed element.
    v_nos text[];
    v_seqs bigint[];
    v_afters boolean[];
    v_elements jsonb[];
    -- Of those, the ones the server had before: only they can have children to replace.
    v_updated text[];
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

    SELECT e.n, e.r -> 'call' AS call, ${MALFORMED} AS malformed INTO v_bad
      FROM jsonb_array_elements(p_records) WITH ORDINALITY AS e(r, n)
     WHERE ${MALFORMED} OR (e.r -> 'call' ? 'desk_code' AND e.r -> 'call' ->> 'desk_code' IS DISTINCT FROM d.desk_code)
     ORDER BY e.n LIMIT 1;
    IF FOUND AND v_bad.malformed THEN
      RAISE EXCEPTION 'each pushed record needs a seq and a call with its record_no' USING ERRCODE = 'HT006';
    ELSIF FOUND THEN
      RAISE EXCEPTION 'record % names desk %, but this login is desk %', v_bad.call ->> 'record_no', v_bad.call ->> 'desk_code', d.desk_code USING ERRCODE = 'HT004';
    END IF;

    WITH elements AS (
      SELECT e.r, e.n, e.r -> 'call' ->> 'record_no' AS no, (e.r ->> 'seq')::bigint AS seq
        FROM jsonb_array_elements(p_records) WITH ORDINALITY AS e(r, n)
    ), batch AS (
      SELECT DISTINCT ON (x.no) x.no, x.seq, x.r,
             EXISTS (SELECT 1 FROM hotline_team.signoffs s
                      WHERE s.desk_code = d.desk_code AND s.local_date = x.r -> 'call' ->> 'local_date'
                        AND (s.covered_epoch, s.covered_seq) < (p_epoch, x.seq)) AS after
        FROM elements x ORDER BY x.no, x.seq DESC, x.n
    ), stored AS (
      INSERT INTO hotline_team.calls AS c (desk_code, record_no, ${names.join(', ')}, change_epoch, change_seq, received_at, changed_after_signoff)
      SELECT d.desk_code, p.record_no, ${names.map((n) => `p.${n}`).join(', ')}, p_epoch, b.seq, v_now, b.after
        FROM batch b CROSS JOIN LATERAL jsonb_populate_record(NULL::hotline_team.calls, b.r -> 'call') AS p
      ON CONFLICT (desk_code, record_no) DO UPDATE SET
        ${names.map((n) => `${n} = EXCLUDED.${n}`).join(',\n        ')},
        change_epoch = EXCLUDED.change_epoch,
        change_seq = EXCLUDED.change_seq,
        received_at = EXCLUDED.received_at,
        changed_after_signoff = c.changed_after_signoff OR EXCLUDED.changed_after_signoff
      WHERE (c.change_epoch, c.change_seq) < (EXCLUDED.change_epoch, EXCLUDED.change_seq)
      -- xmax is 0 on a row this statement inserted, and set on one it updated.
      RETURNING c.record_no, c.xmax = 0 AS inserted
    )
    SELECT (SELECT max(x.seq) FROM elements x), array_agg(b.no), array_agg(b.seq), array_agg(b.after), array_agg(b.r),
           array_agg(b.no) FILTER (WHERE NOT s.inserted)
      INTO v_max, v_nos, v_seqs, v_afters, v_elements, v_updated
      FROM stored s JOIN batch b ON b.no = s.record_no;

    -- Only the records stored: an older or equal snapshot (a re-sent batch) changes nothing, its children and audit included.
    IF v_nos IS NOT NULL THEN
      -- The children are replaced as a set, so deletions and corrections arrive too. A call new
      -- to the server has none yet (they reference it, and no call is ever deleted): nothing to delete.
      DELETE FROM hotline_team.transfers WHERE desk_code = d.desk_code AND record_no = ANY (v_updated);
      INSERT INTO hotline_team.transfers (desk_code, record_no, seq, to_owner, transferred_at, answered_at, due_at)
      SELECT d.desk_code, a.no, t.seq, t.to_owner, t.transferred_at, t.answered_at, t.due_at
        FROM unnest(v_nos, v_elements) AS a(no, r) CROSS JOIN LATERAL jsonb_to_recordset(coalesce(a.r -> 'transfers', '[]')) AS t(seq integer, to_owner text, transferred_at bigint, answered_at bigint, due_at bigint);
      DELETE FROM hotline_team.steps WHERE desk_code = d.desk_code AND record_no = ANY (v_updated);
      INSERT INTO hotline_team.steps (desk_code, record_no, n, at, author, text)
      SELECT d.desk_code, a.no, s.n, s.at, s.author, s.text
        FROM unnest(v_nos, v_elements) AS a(no, r) CROSS JOIN LATERAL jsonb_to_recordset(coalesce(a.r -> 'steps', '[]')) AS s(n integer, at bigint, author text, text text);
      DELETE FROM hotline_team.miss_reasons WHERE desk_code = d.desk_code AND record_no = ANY (v_updated);
      INSERT INTO hotline_team.miss_reasons (desk_code, record_no, kind, idx, code, text, author, at)
      SELECT d.desk_code, a.no, x.kind, coalesce(x.idx, 0), x.code, x.text, x.author, x.at
        FROM unnest(v_nos, v_elements) AS a(no, r) CROSS JOIN LATERAL jsonb_to_recordset(coalesce(a.r -> 'missReasons', '[]')) AS x(kind text, idx integer, code text, text text, author text, at bigint);
      -- Audit is insert-only: rows the server has keep their first arrival.
      INSERT INTO hotline_team.audit (desk_code, audit_id, record_no, field, old_value, new_value, actor, actor_id, at, reason, change_epoch, change_seq, after_signoff, received_at)
      SELECT d.desk_code, (x ->> 'id')::bigint, a.no, x ->> 'field', x ->> 'old_value', x ->> 'new_value', x ->> 'actor', (x ->> 'actor_id')::bigint,
             (x ->> 'at')::bigint, x ->> 'reason', p_epoch, a.seq, a.after, v_now
        FROM unnest(v_nos, v_seqs, v_afters, v_elements) AS a(no, seq, after, r) CROSS JOIN LATERAL jsonb_array_elements(coalesce(a.r -> 'audit', '[]')) x
      ON CONFLICT (desk_code, audit_id) DO NOTHING;
    END IF;

    UPDATE hotline_team.desks AS k
       SET high_water = greatest(k.high_water, coalesce(v_max, 0)),
           last_seen_at = v_now,
           desk_clock_offset_ms = p_desk_clock - v_now,
           app_version = p_app_version,
           lease_instance = p_instance,
           lease_until = CASE WHEN k.lease_instance = p_instance AND k.lease_until > v_now THEN k.lease_until ELSE v_now + ${LEASE_MS} END
     WHERE k.desk_code = d.desk_code
     RETURNING k.high_water INTO v_high;
    -- LISTEN/NOTIFY has no privileges: the payload names the desk and its mark, never record content.
    IF v_nos IS NOT NULL THEN
      PERFORM pg_notify('hotline_team', json_build_object('desk', d.desk_code, 'epoch', p_epoch, 'seq', v_high)::text);
    END IF;
    RETURN v_high;
  END
  $fn$`,
];
