import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ReviewRow, ReviewSort } from '../../../../shared/api/review';
import type { MessageKey } from '../../../../shared/i18n';
import { localClock } from '../../../../shared/timing/localTime';
import { useI18n } from '../../i18n';
import { targetKey } from '../compliance/targetText';
import { usePolicies } from '../policy/usePolicies';
import { fitColumns, gridTemplate, REVIEW_COLUMNS, TEAM_REVIEW_COLUMNS, type ReviewColumnId } from './reviewColumns';

const ROW_HEIGHT = 34;

/** A sortable, virtualised table: only the rows in view are in the page. */
export function ReviewTable(props: {
  /** The team's records (team scope): read-only rows, each with its desk. */
  team?: boolean;
  total: number;
  rowAt: (i: number) => ReviewRow | undefined;
  ensure: (first: number, last: number) => void;
  sort: ReviewSort;
  dir: 'asc' | 'desc';
  onSort: (key: ReviewSort) => void;
  selectedId: number | null;
  onOpen: (row: ReviewRow) => void;
  /** The breached list: a column says why each call missed. */
  showMissReasons: boolean;
}) {
  const { t, lang } = useI18n();
  const { current } = usePolicies();
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: props.total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 20 });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensure } = props;
  useEffect(() => {
    if (props.total > 0) ensure(first, last);
  }, [first, last, props.total, ensure]);
  const levelName = (key: string | null) => current?.policy.priorities.find((l) => l.key === key)?.label[lang] ?? key ?? '';
  const table = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1600);
  useEffect(() => {
    const el = table.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);
  // Columns give way by rank instead of the list scrolling sideways; each cut cell has its whole text as a tooltip.
  const columns = fitColumns(props.team ? TEAM_REVIEW_COLUMNS : REVIEW_COLUMNS, width, props.showMissReasons);
  const template = gridTemplate(columns);
  const missText = (row: ReviewRow) =>
    row.missReasons
      .map((m) => `${t(targetKey(m))}${m.kind === 'secondResponse' ? ` #${m.index + 1}` : ''}: ${t(`missReason.${m.code}` as MessageKey)}${m.text ? ` — ${m.text}` : ''}`)
      .join(lang === 'zh' ? '；' : '; ');
  const cell = (id: ReviewColumnId, row: ReviewRow): ReactNode => {
    const text = (value: string, className?: string) => (
      <div key={id} role="cell" className={className} title={value || undefined}>
        {value}
      </div>
    );
    switch (id) {
      case 'recordNo':
        // In team scope a row is another desk's record: its desk is named, and it opens read-only, as the server holds it.
        return (
          <div key={id} role="cell">
            <button type="button" className="link" onClick={() => props.onOpen(row)}>
              {props.team ? `${row.deskCode} · ${row.recordNo}` : row.recordNo}
            </button>
          </div>
        );
      case 'callAt':
        return text(`${row.localDate.slice(5)} ${localClock(row.callAt, row.timeZone)}`);
      case 'agent':
        return text(row.agent || t('app.noAgent'));
      case 'priority':
        return text(levelName(row.priority));
      case 'category':
        return text(row.category ? t(`category.${row.category}` as MessageKey) : '');
      case 'salutation':
        return text(row.salutation ?? '');
      case 'reason':
        return text(row.reason ?? '', 'reason-cell');
      case 'missReasons':
        return text(missText(row), 'miss-cell');
      case 'response':
        return text(row.responseMinutes === null ? '—' : String(row.responseMinutes), 'num');
      case 'result':
        return text(row.result ? t(`result.${row.result}` as MessageKey) : '');
      case 'state':
        return (
          <div key={id} role="cell">
            <span className={`status status-${row.voided ? 'voided' : row.state}`}>{t(`review.state.${row.voided ? 'voided' : row.state}` as MessageKey)}</span>
          </div>
        );
    }
  };

  return (
    <div className="review-table" ref={table} role="table" aria-rowcount={props.total} aria-label={t('review.title')} data-testid="review-table">
      <div className="review-row review-head" role="row" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <div key={c.id} role="columnheader" title={t(c.label)} aria-sort={c.sort && c.sort === props.sort ? (props.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
            {c.sort ? (
              <button type="button" className="link sort" onClick={() => props.onSort(c.sort!)}>
                {t(c.label)} {c.sort === props.sort ? (props.dir === 'asc' ? '▲' : '▼') : ''}
              </button>
            ) : (
              t(c.label)
            )}
          </div>
        ))}
      </div>
      <div ref={scroller} className="review-body" data-testid="review-body">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = props.rowAt(item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 1}
                className={`review-row${row && row.id === props.selectedId ? ' selected' : ''}`}
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                {row ? (
                  columns.map((c) => cell(c.id, row))
                ) : (
                  <div role="cell" className="muted">
                    …
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
