import { CALL_COLUMNS } from '../0001/tables';

/**
 * Migration 0005's push_records_v2, as SQL text. Frozen once released.
 *
 * The same guarantees as 0002's push_records (with 0004's audit key), which
 * stays for desks of older versions; only the batch's form differs: one array
 * of rows per table (0005/pushTypes.ts) instead of one jsonb of whole
 * snapshots. 0002 spent about a third of a 500-record batch parsing the jsonb
 * and picking each call's 51 columns out of it by name (docs/benchmarks.md,
 * Team server); these arrays are read by the columns' input functions.
 * Kept, as in 0002:
 * - the first call that is malformed (no seq or record_no: HT006) or names
 *   another desk (HT004), in batch order, refuses the batch; so does a child
 *   naming no call of the batch (HT006);
 * - a record is stored only if its (epoch, seq) is above the stored one, and
 *   a record named twice counts once, at its highest seq (first of equals),
 *   with that element's children only;
 * - a stored record's transfers, steps and miss reasons are replaced as a set
 *   (a call new to the server has none to delete); audit rows are insert-only,
 *   keyed on their id and content; changed-after-sign-off from the covered
 *   marks; the desk's mark, last-seen time, clock offset, app version and
 *   lease in the same transaction; NOTIFY with the desk and its mark only.
 * Nine bind parameters whatever the batch's size.
 */
const HEADER = 'LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hotline_team, pg_temp';
const NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';
const LEASE_MS = 60_000;
const names = CALL_COLUMNS.map(([name]) => name);
const AUDIT_IDENTITY = "(desk_code, audit_id, record_no, field, at, (md5(coalesce(old_value, E'\\x02') || E'\\x1f' || coalesce(new_value, E'\\x02'))))";

export const PUSH_V2_SIGNATURE =
  'hotline_team.push_records_v2(integer, uuid, uuid, text, bigint, hotline_team.push_call_v2[], hotline_team.push_transfer_v2[], hotline_team.push_step_v2[], hotline_team.push_miss_reason_v2[], hotline_team.push_audit_v2[])';

/** A child whose call_index is no call of the batch: the batch is malformed. */
const orphan = (array: string) => `EXISTS (SELECT 1 FROM unnest(${array}) x WHERE x.call_index IS NULL OR x.call_index < 1 OR x.call_index > v_count)`;

export const PUSH_V2_STATEMENTS: string[] = [
  `CREATE FUNCTION hotline_team.push_records_v2(p_epoch integer, p_incarnation uuid, p_instance uuid, p_app_version text, p_desk_clock bigint,
      p_calls hotline_team.push_call_v2[], p_transfers hotline_team.push_transfer_v2[], p_steps hotline_team.push_step_v2[],
      p_miss_reasons hotline_team.push_miss_reason_v2[], p_audit hotline_team.push_audit_v2[])
    RETURNS bigint ${HEADER} AS $fn$
  DECLARE
    d hotline_team.desks := hotline_team.lock_my_desk();
    m hotline_team.meta;
    v_now bigint := ${NOW_MS};
    v_count integer := coalesce(cardinality(p_calls), 0);
    v_bad record;
    v_max bigint;
    -- The elements stored by this push, side by side: place in the batch, number, seq, after sign-off.
    v_places integer[];
    v_nos text[];
    v_seqs bigint[];
    v_afters boolean[];
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
    IF p_calls IS NULL OR array_ndims(p_calls) > 1 THEN
      RAISE EXCEPTION 'the calls of a push must be an array' USING ERRCODE = 'HT006';
    END IF;

    SELECT e.record_no, e.desk_code, (e.seq IS NULL OR e.record_no IS NULL) AS malformed INTO v_bad
      FROM unnest(p_calls) WITH ORDINALITY AS e
     WHERE e.seq IS NULL OR e.record_no IS NULL OR (e.desk_code IS NOT NULL AND e.desk_code <> d.desk_code)
     ORDER BY e.ordinality LIMIT 1;
    IF FOUND AND v_bad.malformed THEN
      RAISE EXCEPTION 'each pushed record needs a seq and a call with its record_no' USING ERRCODE = 'HT006';
    ELSIF FOUND THEN
      RAISE EXCEPTION 'record % names desk %, but this login is desk %', v_bad.record_no, v_bad.desk_code, d.desk_code USING ERRCODE = 'HT004';
    END IF;
    IF ${orphan('p_transfers')} OR ${orphan('p_steps')} OR ${orphan('p_miss_reasons')} OR ${orphan('p_audit')} THEN
      RAISE EXCEPTION 'each pushed child needs the place of its call in the batch (1 to %)', v_count USING ERRCODE = 'HT006';
    END IF;

    WITH elements AS (
      SELECT e.*, e.ordinality AS place FROM unnest(p_calls) WITH ORDINALITY AS e
    ), batch AS (
      SELECT DISTINCT ON (x.record_no) x.*,
             EXISTS (SELECT 1 FROM hotline_team.signoffs s
                      WHERE s.desk_code = d.desk_code AND s.local_date = x.local_date
                        AND (s.covered_epoch, s.covered_seq) < (p_epoch, x.seq)) AS after
        FROM elements x ORDER BY x.record_no, x.seq DESC, x.place
    ), stored AS (
      INSERT INTO hotline_team.calls AS c (desk_code, record_no, ${names.join(', ')}, change_epoch, change_seq, received_at, changed_after_signoff)
      SELECT d.desk_code, b.record_no, ${names.map((n) => `b.${n}`).join(', ')}, p_epoch, b.seq, v_now, b.after
        FROM batch b
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
    SELECT (SELECT max(x.seq) FROM elements x), array_agg(b.place::integer), array_agg(b.record_no), array_agg(b.seq), array_agg(b.after),
           array_agg(b.record_no) FILTER (WHERE NOT s.inserted)
      INTO v_max, v_places, v_nos, v_seqs, v_afters, v_updated
      FROM stored s JOIN batch b ON b.record_no = s.record_no;

    -- Only the elements stored: an older or equal snapshot (a re-sent batch) changes nothing, its children and audit included.
    IF v_nos IS NOT NULL THEN
      -- The children are replaced as a set, so deletions and corrections arrive too. A call new
      -- to the server has none yet (they reference it, and no call is ever deleted): nothing to delete.
      IF v_updated IS NOT NULL THEN
        DELETE FROM hotline_team.transfers WHERE desk_code = d.desk_code AND record_no = ANY (v_updated);
        DELETE FROM hotline_team.steps WHERE desk_code = d.desk_code AND record_no = ANY (v_updated);
        DELETE FROM hotline_team.miss_reasons WHERE desk_code = d.desk_code AND record_no = ANY (v_updated);
      END IF;
      INSERT INTO hotline_team.transfers (desk_code, record_no, seq, to_owner, transferred_at, answered_at, due_at)
      SELECT d.desk_code, a.no, t.seq, t.to_owner, t.transferred_at, t.answered_at, t.due_at
        FROM unnest(p_transfers) t JOIN unnest(v_places, v_nos) AS a(place, no) ON a.place = t.call_index;
      INSERT INTO hotline_team.steps (desk_code, record_no, n, at, author, text)
      SELECT d.desk_code, a.no, s.n, s.at, s.author, s.text
        FROM unnest(p_steps) s JOIN unnest(v_places, v_nos) AS a(place, no) ON a.place = s.call_index;
      INSERT INTO hotline_team.miss_reasons (desk_code, record_no, kind, idx, code, text, author, at)
      SELECT d.desk_code, a.no, x.kind, coalesce(x.idx, 0), x.code, x.text, x.author, x.at
        FROM unnest(p_miss_reasons) x JOIN unnest(v_places, v_nos) AS a(place, no) ON a.place = x.call_index;
      -- Audit is insert-only: rows the server has keep their first arrival.
      INSERT INTO hotline_team.audit (desk_code, audit_id, record_no, field, old_value, new_value, actor, actor_id, at, reason, change_epoch, change_seq, after_signoff, received_at)
      SELECT d.desk_code, x.id, a.no, x.field, x.old_value, x.new_value, x.actor, x.actor_id, x.at, x.reason, p_epoch, a.seq, a.after, v_now
        FROM unnest(p_audit) x JOIN unnest(v_places, v_nos, v_seqs, v_afters) AS a(place, no, seq, after) ON a.place = x.call_index
      ON CONFLICT ${AUDIT_IDENTITY} DO NOTHING;
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
  `REVOKE ALL ON FUNCTION ${PUSH_V2_SIGNATURE} FROM PUBLIC`,
  `GRANT EXECUTE ON FUNCTION ${PUSH_V2_SIGNATURE} TO hotline_desk`,
];
