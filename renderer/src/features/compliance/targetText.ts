import type { MessageKey } from '../../../../shared/i18n';
import type { TargetStatus } from '../../../../shared/timing/compliance';

/** 'h:mm' or 'm min' for a countdown, from milliseconds. */
export function formatSpan(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** The dictionary key naming a target, e.g. 'target.response'. */
export const targetKey = (t: Pick<TargetStatus, 'kind'>): MessageKey => `target.${t.kind}` as MessageKey;
export const stateKey = (t: Pick<TargetStatus, 'state'>): MessageKey => `state.${t.state}` as MessageKey;

/** Worst first: what needs attention leads. */
const RANK = { breached: 0, near: 1, running: 2, met: 3, na: 4 } as const;
export function byUrgency(a: TargetStatus, b: TargetStatus): number {
  return RANK[a.state] - RANK[b.state] || (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity);
}
