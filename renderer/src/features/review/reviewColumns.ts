import type { ReviewSort } from '../../../../shared/api/review';
import type { MessageKey } from '../../../../shared/i18n';

export type ReviewColumnId = 'recordNo' | 'callAt' | 'agent' | 'priority' | 'category' | 'salutation' | 'reason' | 'missReasons' | 'response' | 'result' | 'state';

export interface ReviewColumn {
  id: ReviewColumnId;
  sort: ReviewSort | null;
  label: MessageKey;
  /** The narrowest it reads at (px); a column with `grow` takes a share of the room left over. */
  min: number;
  grow?: number;
  /** 1 stays longest; higher numbers give way first when the list is narrow. */
  rank: number;
}

/** Left to right. The miss reasons show on the breached list only. */
export const REVIEW_COLUMNS: readonly ReviewColumn[] = [
  { id: 'recordNo', sort: 'recordNo', label: 'field.recordNo', min: 140, rank: 1 },
  { id: 'callAt', sort: 'callAt', label: 'field.callTime', min: 96, rank: 1 },
  { id: 'agent', sort: 'agent', label: 'app.agent', min: 76, rank: 2 },
  { id: 'priority', sort: 'priority', label: 'field.priority', min: 64, rank: 4 },
  { id: 'category', sort: 'category', label: 'field.category', min: 76, rank: 5 },
  { id: 'salutation', sort: null, label: 'field.salutation', min: 76, rank: 3 },
  { id: 'reason', sort: null, label: 'field.reason', min: 120, grow: 1, rank: 2 },
  { id: 'missReasons', sort: null, label: 'review.missReasons', min: 180, grow: 1.4, rank: 1 },
  { id: 'response', sort: 'response', label: 'field.response', min: 64, rank: 5 },
  { id: 'result', sort: 'result', label: 'field.result', min: 96, rank: 2 },
  { id: 'state', sort: 'state', label: 'review.state', min: 80, rank: 1 },
];

/** Team scope: the record's cell also names its desk ("D02 · CS20261202001"), so it is wider (desk codes run to 12 characters). */
export const TEAM_REVIEW_COLUMNS: readonly ReviewColumn[] = REVIEW_COLUMNS.map((c) => (c.id === 'recordNo' ? { ...c, min: 240 } : c));

/** The grid's gap and side padding (styles.css .review-row). */
const GAP = 6;
const PADDING = 16;

/**
 * The columns that fit `width` px without scrolling sideways: while the narrowest
 * widths overflow, the highest-ranked column (rightmost among equals) gives way.
 * Ranks 1 always stay, so a very narrow window still shows which record and its state.
 * @example fitColumns(REVIEW_COLUMNS, 700, false).map((c) => c.id) // ['recordNo', 'callAt', 'agent', 'reason', 'result', 'state']
 */
export function fitColumns(columns: readonly ReviewColumn[], width: number, withMissReasons: boolean): ReviewColumn[] {
  let shown = columns.filter((c) => c.id !== 'missReasons' || withMissReasons);
  const needed = (cs: readonly ReviewColumn[]) => cs.reduce((sum, c) => sum + c.min, 0) + GAP * (cs.length - 1) + PADDING;
  while (needed(shown) > width) {
    const worst = shown.reduce<ReviewColumn | null>((w, c) => (c.rank > 1 && (w === null || c.rank >= w.rank) ? c : w), null);
    if (worst === null) break;
    shown = shown.filter((c) => c !== worst);
  }
  return shown;
}

/** The CSS grid template of the columns shown: fixed ones at their width, growing ones sharing the rest. */
export function gridTemplate(columns: readonly ReviewColumn[]): string {
  return columns.map((c) => (c.grow ? `minmax(${c.min}px, ${c.grow}fr)` : `${c.min}px`)).join(' ');
}
