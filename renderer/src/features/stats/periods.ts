import { DateTime } from 'luxon';

export interface Period {
  from: string;
  to: string;
}

export const PRESETS = ['today', 'week', 'month', 'last30'] as const;
export type Preset = (typeof PRESETS)[number];

/** A preset period ending today in the desk's zone. */
export function presetPeriod(preset: Preset, zone: string): Period {
  const today = DateTime.now().setZone(zone).startOf('day');
  const iso = (d: DateTime) => d.toISODate() as string;
  switch (preset) {
    case 'today':
      return { from: iso(today), to: iso(today) };
    case 'week':
      return { from: iso(today.startOf('week')), to: iso(today) };
    case 'month':
      return { from: iso(today.startOf('month')), to: iso(today) };
    case 'last30':
      return { from: iso(today.minus({ days: 29 })), to: iso(today) };
  }
}

/** The period of the same length just before: the default to compare with. */
export function previousPeriod(p: Period): Period {
  const from = DateTime.fromISO(p.from);
  const days = DateTime.fromISO(p.to).diff(from, 'days').days + 1;
  return { from: from.minus({ days }).toISODate() as string, to: from.minus({ days: 1 }).toISODate() as string };
}

/**
 * What a preset is compared with: the same stretch of the period before, so that a week or a
 * month under way is set against as many days of the last one (Monday–Wednesday against
 * last Monday–Wednesday), not against a whole week. A day against the day before; the last
 * 30 days against the 30 before.
 * @example presetCompare('week', { from: '2026-11-30', to: '2026-12-02' }) → { from: '2026-11-23', to: '2026-11-25' }
 */
export function presetCompare(preset: Preset, p: Period): Period {
  const back = (unit: 'weeks' | 'months') => {
    const from = DateTime.fromISO(p.from).minus({ [unit]: 1 });
    // 31 March against the last day of February, not 3 March.
    const to = DateTime.fromISO(p.to).minus({ [unit]: 1 });
    return { from: from.toISODate() as string, to: to.toISODate() as string };
  };
  if (preset === 'week') return back('weeks');
  if (preset === 'month') return back('months');
  return previousPeriod(p);
}
