import { connectTeam } from '../teamStore/connect';
import { leadInbox, type InboxEntry } from '../teamStore/inboxApi';
import { requestSchemas } from '../../shared/api/contract';
import { UsageError } from './args';
import { withTeamLogin } from './teamUrl';

/**
 * A lead's side of the team inbox on the CLI: `hotline team reason` gives a
 * missed target of another desk's record its reason (the change the desk must
 * apply before its day can be signed off), `hotline team inbox` lists what
 * was sent and whether each desk has applied it ("pending at desk B").
 */

/** The lead's name as the inbox records it: --by, else the login's own name (hotline_lead_<NAME>). */
export async function leadName(conn: ReturnType<typeof connectTeam>, by: unknown): Promise<string> {
  if (typeof by === 'string' && by.trim() !== '') return by.trim();
  const { rows } = await conn.query<{ me: string }>('SELECT current_user AS me');
  return rows[0]!.me.replace(/^hotline_(lead|admin)_/, '');
}

export async function reasonCommand(values: Record<string, string | boolean | undefined>, [desk, recordNo, ...extra]: string[]): Promise<number> {
  if (!desk || !recordNo || extra.length > 0) throw new UsageError('team reason needs the DESK and the RECORD number');
  if (typeof values.target !== 'string' || typeof values.code !== 'string') throw new UsageError('team reason needs --target KIND and --code CODE');
  const payload: Record<string, unknown> = { kind: values.target, index: typeof values.index === 'string' ? Number(values.index) : 0, code: values.code };
  if (typeof values.text === 'string') payload.text = values.text;
  if (typeof values.reason === 'string') payload.changeReason = values.reason;
  // The desk checks it again with the same schema; a typo is refused here, where it was typed.
  const checked = requestSchemas.addMissReason.safeParse({ id: 1, ...payload });
  if (!checked.success) throw new UsageError(checked.error.issues.map((i) => `--${i.path[0] === 'kind' ? 'target' : String(i.path[0])}: ${i.message}`).join('; '));
  return withTeamLogin(values, 'reason', async (conn) => {
    const id = await leadInbox(conn).send({ deskCode: desk, recordNo, method: 'addMissReason', payload, createdBy: await leadName(conn, values.by) });
    process.stdout.write(`Sent to desk ${desk} (inbox entry ${id}): pending at desk ${desk} until it applies it.\n`);
    return 0;
  });
}

/** One entry as the lead reads it. */
export function entryLine(e: InboxEntry): string {
  const state = e.refusal !== null ? `refused at desk ${e.desk_code}: ${e.refusal}` : e.applied_at !== null ? `applied at desk ${e.desk_code}` : `pending at desk ${e.desk_code}`;
  return `#${e.id} ${e.desk_code} ${e.record_no} ${e.kind} by ${e.created_by}: ${state}`;
}

export async function inboxCommand(values: Record<string, string | boolean | undefined>): Promise<number> {
  return withTeamLogin(values, 'inbox', async (conn) => {
    const entries = await leadInbox(conn).list(typeof values.desk === 'string' ? values.desk : undefined);
    process.stdout.write(values.json ? `${JSON.stringify(entries, null, 2)}\n` : entries.length === 0 ? 'The team inbox is empty.\n' : `${entries.map(entryLine).join('\n')}\n`);
    return 0;
  });
}
