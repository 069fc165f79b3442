/** Durations as the record sheet shows them: minutes, to one decimal. */

/**
 * Minutes between two instants, one decimal; null while the later one is missing.
 * Never negative: a clock that stepped backwards yields 0, not a negative wait.
 * @example minutesBetween(0, 125_000) === 2.1
 */
export function minutesBetween(from: number | null, to: number | null): number | null {
  if (from === null || to === null) return null;
  return Math.round(Math.max(0, to - from) / 6_000) / 10;
}

/**
 * 'm:ss' (or 'h:mm:ss') for a running timer.
 * @example formatElapsed(3_725_000) === '1:02:05'
 */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Mean of the scores given, one decimal (SPEC: overall = their mean); null when none was given. */
export function overallScore(scores: ReadonlyArray<number | null>): number | null {
  const given = scores.filter((s): s is number => s !== null);
  if (given.length === 0) return null;
  return Math.round((given.reduce((a, b) => a + b, 0) / given.length) * 10) / 10;
}
