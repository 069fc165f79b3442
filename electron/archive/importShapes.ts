import type { ImportMoment, ImportReasonCode, ImportReasonParams } from '../../shared/api/archive';
import type { Policy } from '../../shared/policy/schema';
import type { CallRow } from '../store/schema';
import type { RowKey } from './columns';
import type { ReasonInput } from './importCells';
import type { RawCell } from './rawCells';

/**
 * The shapes of one imported row, kept apart from importRow.ts (which builds
 * them) so that the helpers it calls (importMoments.ts, importTransfers.ts)
 * need not import it back.
 */

export interface RowCells {
  /** undefined when the file has no such column. */
  get(key: RowKey): RawCell | undefined;
  has(key: RowKey): boolean;
  /** The column's header as the file writes it. */
  header(key: RowKey): string;
  /** A seed layout's work once the call is built (its priority, checks against it); returns notes. */
  finish?(call: CallColumns, policy: Policy): RowIssue[];
}

/** Every column of an imported call but its id and the due times (worked out at insert, see dueTimes.ts). */
export type CallColumns = Omit<CallRow, 'id' | 'response_due_at' | 'resolution_due_at' | 'transfer_due_at' | 'told_due_at' | 'callback_due_at' | 'lead_due_at' | 'ended_breach' | 'next_due_at'>;

export interface ParsedCall {
  sheet?: string;
  row: number;
  /** The serial of the record number the file gives; null: the record takes the desk's next serial of its date (seed sheets). */
  serial: number | null;
  /** The serial was given here (assignSerials), not by the file: a later assignment may change it. */
  serialAssigned?: true;
  call: CallColumns;
  transfers: Array<{ to_owner: string; transferred_at: number; answered_at: number | null }>;
  /** Steps read from the 处理步骤 cell (used when the file has no steps sheet), with the time and author they get. */
  cellSteps: { texts: string[]; at: number; author: string };
  reasons: ReasonInput[];
  /** A miss-reason text that names no target (seed 000's 备注(未达标原因)): given to the targets found missed, else kept as remarks. */
  reasonText: string | null;
  /** Moments worked out from others, not read. */
  inferred: ImportMoment[];
}

/** A problem or a note of one row: the column's header ('' for the row), a reason code and its params. */
export interface RowIssue {
  column: string;
  code: ImportReasonCode;
  params: ImportReasonParams;
}

export type Fail = (key: RowKey | '', code: ImportReasonCode, params?: ImportReasonParams) => void;
