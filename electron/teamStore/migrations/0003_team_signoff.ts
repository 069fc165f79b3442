import { sql, type Kysely } from 'kysely';

/**
 * Sign-off on the server, per desk and day (issue 14). Frozen once released:
 * never import app code here; a change is a new migration. Only adds: three
 * nullable columns on desks and five functions, so desks of older versions
 * run on (they never report, and their days are signed off all the same).
 *
 * - desks.waiting / waiting_at: how many of its records the desk still has
 *   waiting to push, as it last said (the server cannot know), and when;
 *   desks.time_zone: the desk's zone, in which a day must be over before it is
 *   signed off. Reported by the desk through report_waiting, keyed on my_desk().
 * - day_blockers: what stands between a desk's day and its sign-off, from the
 *   server's rows, as the desk judges it (electron/handlers/signOff.ts) and
 *   with the stored due columns as electron/stats/breaches.ts missedTargets.
 * - sign_off_day: a lead signs a desk's day, holding the desk's row (so that
 *   no push of that desk runs meanwhile) and recording its mark as covered.
 * Refusals: HT007 the day is not over, HT008 blockers remain, HT009 already
 * signed off (by whom, when), HT010 no such desk.
 */
const HEADER = 'SECURITY DEFINER SET search_path = pg_catalog, hotline_team, pg_temp';
const NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';

/** A missed target of one record: its due column, and the moment that ended it (none: still running, judged at now). */
const ENDED_TARGETS: ReadonlyArray<readonly [kind: string, due: string, end: string]> = [
  ['response', 'response_due_at', 'answered_at'],
  ['resolution', 'resolution_due_at', 'resolved_at'],
  ['resultTold', 'told_due_at', 'result_told_at'],
  ['callback', 'callback_due_at', 'callback_done_at'],
  ['leadFollowUp', 'lead_due_at', 'lead_follow_up_done_at'],
];

const STATEMENTS: string[] = [
  'ALTER TABLE hotline_team.desks ADD COLUMN waiting integer, ADD COLUMN waiting_at bigint, ADD COLUMN time_zone text',

  // The desk says how many of its records wait, and its zone; a second PC holding no lease is refused.
  `CREATE FUNCTION hotline_team.report_waiting(p_instance uuid, p_waiting integer, p_time_zone text) RETURNS void LANGUAGE plpgsql ${HEADER} AS $fn$
  DECLARE d hotline_team.desks := hotline_team.lock_my_desk();
  BEGIN
    PERFORM hotline_team.refuse_held_lease(d, p_instance);
    IF p_waiting IS NULL OR p_waiting < 0 THEN
      RAISE EXCEPTION 'the count of waiting changes must be 0 or more' USING ERRCODE = 'HT006';
    END IF;
    IF p_time_zone IS NOT NULL THEN
      BEGIN
        PERFORM clock_timestamp() AT TIME ZONE p_time_zone;
      EXCEPTION WHEN invalid_parameter_value THEN
        RAISE EXCEPTION 'unknown time zone %', p_time_zone USING ERRCODE = 'HT006';
      END;
    END IF;
    UPDATE hotline_team.desks
       SET waiting = p_waiting, waiting_at = ${NOW_MS}, time_zone = coalesce(p_time_zone, time_zone), last_seen_at = ${NOW_MS}
     WHERE desk_code = d.desk_code;
  END
  $fn$`,

  // The desk's zone: as it reported it, else its newest record's (record numbers sort by date).
  `CREATE FUNCTION hotline_team.desk_zone(p_desk text) RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog, hotline_team, pg_temp AS $fn$
    SELECT coalesce(
      (SELECT k.time_zone FROM hotline_team.desks k WHERE k.desk_code = p_desk),
      (SELECT c.time_zone FROM hotline_team.calls c WHERE c.desk_code = p_desk ORDER BY c.record_no DESC LIMIT 1))
  $fn$`,

  // Over in the desk's zone, on the server's clock; a zone unknown (a desk that never reported nor pushed)
  // waits until the day is over everywhere (UTC-12, which POSIX spells Etc/GMT+12).
  `CREATE FUNCTION hotline_team.day_over(p_desk text, p_date text) RETURNS boolean LANGUAGE sql STABLE SET search_path = pg_catalog, hotline_team, pg_temp AS $fn$
    SELECT p_date < to_char(now() AT TIME ZONE coalesce(hotline_team.desk_zone(p_desk), 'Etc/GMT+12'), 'YYYY-MM-DD')
  $fn$`,

  // The day's blockers: a record (not voided) neither closed nor handed to a follow-up owner; a missed
  // target without a reason. Missed as missedTargets judges it: a due time stored, and the moment that
  // ended the target after it (a running target: now after it). Transfers count from 0 in seq order.
  `CREATE FUNCTION hotline_team.day_blockers(p_desk text, p_date text)
    RETURNS TABLE (record_no text, problem text, target text, target_index integer) LANGUAGE sql STABLE SET search_path = pg_catalog, hotline_team, pg_temp AS $fn$
    WITH day AS (
      SELECT c.* FROM hotline_team.calls c WHERE c.desk_code = p_desk AND c.local_date = p_date AND c.voided_at IS NULL
    ), now_ms AS (
      SELECT (extract(epoch FROM now()) * 1000)::bigint AS at
    ), handed AS (
      SELECT t.record_no, t.transferred_at, t.answered_at, t.due_at, (row_number() OVER (PARTITION BY t.record_no ORDER BY t.seq) - 1)::integer AS idx
        FROM hotline_team.transfers t JOIN day ON day.record_no = t.record_no WHERE t.desk_code = p_desk
    ), missed AS (
      ${ENDED_TARGETS.map(([kind, due, end], i) => `SELECT day.record_no, ${i === 0 ? 0 : i + 2} AS ord, '${kind}'::text AS kind, 0 AS idx FROM day, now_ms WHERE day.${due} IS NOT NULL AND coalesce(day.${end}, now_ms.at) > day.${due}`).join('\n      UNION ALL ')}
      UNION ALL SELECT h.record_no, 1, 'secondResponse', h.idx FROM handed h, now_ms WHERE h.due_at IS NOT NULL AND coalesce(h.answered_at, now_ms.at) > h.due_at
      UNION ALL SELECT day.record_no, 2, 'transferWithin', 0 FROM day JOIN handed h ON h.record_no = day.record_no AND h.idx = 0
        WHERE day.transfer_due_at IS NOT NULL AND h.transferred_at > day.transfer_due_at
    )
    SELECT b.record_no, b.problem, b.kind, b.idx FROM (
      SELECT day.record_no, 'open' AS problem, NULL::text AS kind, NULL::integer AS idx, -1 AS ord FROM day
       WHERE day.closed_at IS NULL AND NOT (day.result IN ('in_progress', 'escalated') AND day.follow_up_owner IS NOT NULL)
      UNION ALL
      SELECT m.record_no, 'reason', m.kind, m.idx, m.ord FROM missed m
       WHERE NOT EXISTS (SELECT 1 FROM hotline_team.miss_reasons r
                          WHERE r.desk_code = p_desk AND r.record_no = m.record_no AND r.kind = m.kind AND r.idx = m.idx)
    ) b ORDER BY b.record_no, b.ord, b.idx
  $fn$`,

  // A lead signs a desk's day. The desk's row is held (FOR UPDATE, as every push holds it) from the checks
  // to the insert: a push either came before, and is checked and covered, or waits and then finds the
  // sign-off and flags what it brings. Two leads at once: the second waits, then finds the first's.
  `CREATE FUNCTION hotline_team.sign_off_day(p_desk text, p_date text, p_signed_by text) RETURNS hotline_team.signoffs LANGUAGE plpgsql ${HEADER} AS $fn$
  DECLARE
    d hotline_team.desks;
    s hotline_team.signoffs;
    v_blockers text;
  BEGIN
    IF p_date IS NULL OR p_date !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' OR coalesce(trim(p_signed_by), '') = '' THEN
      RAISE EXCEPTION 'a sign-off needs a date (YYYY-MM-DD) and who signs it' USING ERRCODE = 'HT006';
    END IF;
    SELECT * INTO d FROM hotline_team.desks WHERE desk_code = p_desk FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'there is no desk % on this team server', p_desk USING ERRCODE = 'HT010';
    END IF;
    PERFORM hotline_team.refuse_signed(p_desk, p_date);
    IF NOT hotline_team.day_over(p_desk, p_date) THEN
      RAISE EXCEPTION '% is not over yet in desk %''s zone (%): only a day that is over can be signed off', p_date, p_desk, coalesce(hotline_team.desk_zone(p_desk), 'unknown')
        USING ERRCODE = 'HT007';
    END IF;
    SELECT string_agg(b.record_no || ': ' || CASE WHEN b.problem = 'open' THEN 'not closed and no follow-up owner' ELSE b.target || ' missed without a reason' END, '; ')
      INTO v_blockers FROM hotline_team.day_blockers(p_desk, p_date) b;
    IF v_blockers IS NOT NULL THEN
      RAISE EXCEPTION '% of desk % cannot be signed off yet: %', p_date, p_desk, v_blockers USING ERRCODE = 'HT008';
    END IF;
    BEGIN
      INSERT INTO hotline_team.signoffs (desk_code, local_date, signed_by, signed_at, covered_epoch, covered_seq)
      VALUES (p_desk, p_date, trim(p_signed_by), ${NOW_MS}, d.epoch, d.high_water)
      RETURNING * INTO s;
    EXCEPTION WHEN unique_violation THEN
      -- Signed directly (the lead's INSERT grant of 0001) meanwhile: the key refuses, and says by whom.
      PERFORM hotline_team.refuse_signed(p_desk, p_date);
      RAISE;
    END;
    RETURN s;
  END
  $fn$`,

  `CREATE FUNCTION hotline_team.refuse_signed(p_desk text, p_date text) RETURNS void LANGUAGE plpgsql ${HEADER} AS $fn$
  DECLARE s hotline_team.signoffs;
  BEGIN
    SELECT * INTO s FROM hotline_team.signoffs WHERE desk_code = p_desk AND local_date = p_date;
    IF FOUND THEN
      RAISE EXCEPTION '% of desk % is already signed off by % at %', p_date, p_desk, s.signed_by,
        to_char(to_timestamp(s.signed_at / 1000.0) AT TIME ZONE coalesce(hotline_team.desk_zone(p_desk), 'UTC'), 'YYYY-MM-DD HH24:MI')
          || ' (' || coalesce(hotline_team.desk_zone(p_desk), 'UTC') || ')'
        USING ERRCODE = 'HT009';
    END IF;
  END
  $fn$`,

  'REVOKE ALL ON FUNCTION hotline_team.report_waiting(uuid, integer, text), hotline_team.desk_zone(text), hotline_team.day_over(text, text), hotline_team.day_blockers(text, text), hotline_team.sign_off_day(text, text, text), hotline_team.refuse_signed(text, text) FROM PUBLIC',
  'GRANT EXECUTE ON FUNCTION hotline_team.report_waiting(uuid, integer, text) TO hotline_desk',
  'GRANT EXECUTE ON FUNCTION hotline_team.desk_zone(text), hotline_team.day_over(text, text), hotline_team.day_blockers(text, text), hotline_team.sign_off_day(text, text, text) TO hotline_lead',
  // The version is this migration's number, not a count: a gap in the numbers (a migration another branch adds) changes nothing.
  'UPDATE hotline_team.meta SET schema_version = greatest(schema_version, 3) WHERE id = 1',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  // Created by, and so owned by, the owner role (forced row-level security holds it to its policies).
  await sql.raw('SET LOCAL ROLE hotline_team_owner').execute(db);
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  await sql.raw('RESET ROLE').execute(db);
}
