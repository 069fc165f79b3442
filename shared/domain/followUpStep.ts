import type { FollowUpKind } from '../api/records';

/**
 * The step a completed follow-up leaves on its record, stored language-neutral: the kind as a
 * code in front of what came of it (`⟦followUp:progressUpdate⟧ 已联系客户`), labelled in the
 * reader's language when shown or exported. Before issue 12 the label was stored in both
 * languages ("进展同步 Progress update: …"); such text has no code and keeps showing as it is.
 */
const FOLLOW_UP_KINDS: readonly FollowUpKind[] = ['resolution', 'progressUpdate', 'resultTold', 'callback', 'leadFollowUp'];
const STORED = /^⟦followUp:(\w+)⟧ ?([\s\S]*)$/;

export function followUpStepText(kind: FollowUpKind, outcome: string): string {
  return `⟦followUp:${kind}⟧ ${outcome}`;
}

/** A stored step's kind (when a follow-up left it) and its own words. */
export function readStepText(stored: string): { followUp?: FollowUpKind; text: string } {
  const match = STORED.exec(stored);
  const kind = match?.[1] as FollowUpKind | undefined;
  if (!match || kind === undefined || !FOLLOW_UP_KINDS.includes(kind)) return { text: stored };
  return { followUp: kind, text: match[2] ?? '' };
}
