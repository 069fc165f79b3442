export type { StatsRange } from '../store/statsQueries';

export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
export const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 6_000) / 10);
