import type { Policy } from '../../shared/policy/schema';
import { isLowSatisfaction, needsCallback, REASON_REQUIRED } from '../../shared/timing/compliance';
import type { JudgedTarget } from './dueColumns';
import { timingOf } from '../records/callView';
import { MIN, type CallColumns, type DemoCall, type Outcome, type Person } from './callStory';
import { Weighted, type Rng } from './random';
import { FOLLOW_UP_OUTCOMES, MISS_REASONS_BY_KIND, OTHER_MISS_TEXTS } from './vocabulary';
import { followUpStepText } from '../../shared/domain/followUpStep';

/**
 * What happens to a call after it closed, as the Follow-ups view would have
 * logged it: later resolutions, progress updates, results told, callbacks,
 * team-lead follow-ups, and reasons for missed targets. Nothing happens after
 * `now`: the last days keep their open work, as a real desk's would.
 */


const REASON_TABLES = Object.fromEntries(Object.entries(MISS_REASONS_BY_KIND).map(([kind, codes]) => [kind, new Weighted(codes)])) as {
  [K in keyof typeof MISS_REASONS_BY_KIND]: Weighted<(typeof MISS_REASONS_BY_KIND)[K][number][0]>;
};

export interface AfterContext {
  rng: Rng;
  policy: Policy;
  now: number;
  agent: Person;
  lead: Person;
}

/** Follow-ups, callbacks and team-lead follow-ups after closing, each only if it happened before `now`. */
export function afterClosing(ctx: AfterContext, call: DemoCall, outcome: Outcome): void {
  const { rng, now, agent, lead } = ctx;
  const row = call.row;
  const closedAt = row.closed_at!;
  const step = (at: number, author: string, text: string) => call.steps.push({ n: 0, at, author, text });
  // Typed, unlike a bare Object.assign: a misspelt column fails to compile.
  const set = (changes: Partial<CallColumns>) => Object.assign(row, changes);

  if (row.result === 'in_progress') {
    const leadTime = row.follow_up_due_at! - closedAt;
    if (rng.chance(0.5)) {
      const at = closedAt + Math.round(leadTime * rng.between(0.3, 0.7));
      if (at <= now) step(at, agent.name, followUpStepText('progressUpdate', rng.pick(FOLLOW_UP_OUTCOMES.progress)));
    }
    const resolvedAt = closedAt + Math.round(leadTime * rng.between(0.4, 1.3));
    if (outcome === 'resolvedLater' && resolvedAt <= now) {
      const text = rng.pick(FOLLOW_UP_OUTCOMES.resolved);
      if (rng.chance(0.5)) {
        // Completed on the Follow-ups view: resolved and told in the same breath.
        set({ result: 'resolved', resolved_at: resolvedAt, result_told_at: resolvedAt, follow_up_due_at: null });
        step(resolvedAt, agent.name, followUpStepText('resolution', text));
      } else {
        // The result set to resolved on a closed record: telling the customer is a follow-up of its own.
        set({ result: 'resolved', resolved_at: resolvedAt, follow_up_due_at: null, follow_up_owner: null });
        step(resolvedAt, agent.name, text);
        const toldAt = resolvedAt + (rng.chance(0.75) ? rng.int(5, 25) : rng.int(31, 180)) * MIN;
        if (toldAt <= now) {
          row.result_told_at = toldAt;
          step(toldAt, agent.name, followUpStepText('resultTold', rng.pick(FOLLOW_UP_OUTCOMES.told)));
        }
      }
    }
  }

  const timing = timingOf({ id: 0, ...row }, [], null);
  if (needsCallback(timing)) {
    const at = laterContact(rng, closedAt);
    if (at !== null && at <= now) {
      const outcomeText = rng.pick(FOLLOW_UP_OUTCOMES.callback);
      set({ callback_done_at: at, callback_by: agent.name, callback_outcome: outcomeText });
      step(at, agent.name, followUpStepText('callback', outcomeText));
    }
  }
  if (isLowSatisfaction(timing, ctx.policy)) {
    const at = laterContact(rng, closedAt);
    if (at !== null && at <= now) {
      const outcomeText = rng.pick(FOLLOW_UP_OUTCOMES.lead);
      set({ lead_follow_up_done_at: at, lead_follow_up_by: lead.name, lead_follow_up_outcome: outcomeText });
      step(at, lead.name, followUpStepText('leadFollowUp', outcomeText));
    }
  }

  call.steps.sort((a, b) => a.at - b.at);
  call.steps.forEach((s, i) => {
    s.n = i + 1;
  });
  row.updated_at = Math.max(row.updated_at, ...call.steps.map((s) => s.at));
}

/** Callbacks and team-lead follow-ups: most within their 24 h, some late, about one in eight never. */
function laterContact(rng: Rng, closedAt: number): number | null {
  const x = rng.next();
  if (x < 0.7) return closedAt + rng.int(60, 22 * 60) * MIN;
  if (x < 0.88) return closedAt + rng.int(25 * 60, 48 * 60) * MIN;
  return null;
}

/**
 * Reasons for missed targets. A target already missed when the call closed
 * always has one (closeCall refuses to close without it); a later miss has one
 * four times in five, written some minutes after it became known.
 */
export function missReasons(ctx: AfterContext, call: DemoCall, targets: readonly JudgedTarget[]): void {
  const { rng, now } = ctx;
  const closedAt = call.row.closed_at!;
  for (const t of targets) {
    if (t.state !== 'breached' || !REASON_REQUIRED.has(t.kind)) continue;
    const byClose = t.dueAt! < closedAt;
    if (!byClose && !rng.chance(0.8)) continue;
    const at = byClose ? closedAt : (t.endAt ?? t.dueAt!) + rng.int(5, 120) * MIN;
    if (at > now) continue;
    const code = REASON_TABLES[t.kind].draw(rng);
    const author = t.kind === 'leadFollowUp' ? ctx.lead.name : ctx.agent.name;
    call.reasons.push({ kind: t.kind, idx: t.index, code, text: code === 'other' ? rng.pick(OTHER_MISS_TEXTS) : null, author, at });
    if (at > call.row.updated_at) call.row.updated_at = at;
  }
}
