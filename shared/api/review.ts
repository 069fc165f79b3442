import type { CallResult, Category, CustomerType, MissReasonCode, RequestType } from '../domain/fields';
import type { TargetKind } from '../timing/compliance';

/** The Review screen's rows and filters. */

/** A record's state against its targets, as a review row shows it. */
export const RECORD_STATES = ['met', 'breached', 'open'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

/**
 * What the Review screen filters on: a target state, or "clock": records the system clock was found
 * behind (docs/durability.md), or "voided": records voided as logged by mistake, which no other filter lists.
 */
export const REVIEW_STATES = [...RECORD_STATES, 'clock', 'voided'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_SORTS = ['callAt', 'recordNo', 'agent', 'priority', 'category', 'result', 'response', 'state'] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

export interface ReviewRow {
  id: number;
  deskCode: string;
  recordNo: string;
  localDate: string;
  timeZone: string;
  callAt: number;
  agent: string;
  priority: string | null;
  category: Category | null;
  requestType: RequestType | null;
  customerType: CustomerType | null;
  salutation: string | null;
  reason: string | null;
  responseMinutes: number | null;
  result: CallResult | null;
  closedAt: number | null;
  /** breached: a target was missed (or is overdue); open: targets still running; met: all met. */
  state: RecordState;
  /** Why each missed target was missed, as given on the desk: the breached list reads them without opening each record. */
  missReasons: ReviewMissReason[];
  /** Voided as logged by mistake (listed under the Voided filter only): it has no state that counts. */
  voided: boolean;
}

export interface ReviewMissReason {
  kind: TargetKind;
  /** Which transfer, for second responses; 0 otherwise. */
  index: number;
  code: MissReasonCode;
  text: string | null;
}

export interface ReviewPage {
  total: number;
  offset: number;
  rows: ReviewRow[];
}
