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
