import type { DefaultLegendContentProps } from 'recharts';
import { useI18n } from '../../i18n';

/**
 * The charts' legend, on screen and in the report. Recharts' own legend names
 * every swatch "… legend icon" in English, whatever the page's language; here
 * the swatch is decoration (hidden from screen readers), the series' name
 * beside it says what it is, and the list is named in the page's language.
 * Items keep the order the series are declared in (the Legend's itemSorter).
 */
export function ChartLegend({ payload, iconSize = 10 }: DefaultLegendContentProps) {
  const { t } = useI18n();
  if (!payload || payload.length === 0) return null;
  return (
    <ul className="chart-legend" aria-label={t('stats.legend')}>
      {payload.map((entry, i) => (
        <li key={`${entry.value ?? ''}-${i}`}>
          <svg width={iconSize} height={iconSize} viewBox="0 0 10 10" aria-hidden="true" focusable="false">
            {entry.type === 'line' ? <line x1="0" y1="5" x2="10" y2="5" stroke={entry.color} strokeWidth="2" /> : <rect width="10" height="10" fill={entry.color} />}
          </svg>
          <span style={{ color: entry.color }}>{entry.value}</span>
        </li>
      ))}
    </ul>
  );
}
