import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ReviewRow, ReviewSort } from '../../../../shared/api/review';
import type { MessageKey } from '../../../../shared/i18n';
import { localClock } from '../../../../shared/timing/localTime';
import { useI18n } from '../../i18n';
import { usePolicies } from '../policy/usePolicies';

const COLUMNS: Array<{ key: ReviewSort | null; label: MessageKey; width: string }> = [
  { key: 'recordNo', label: 'field.recordNo', width: '150px' },
  { key: 'callAt', label: 'field.callTime', width: '120px' },
  { key: 'agent', label: 'app.agent', width: '90px' },
  { key: 'priority', label: 'field.priority', width: '80px' },
  { key: 'category', label: 'field.category', width: '80px' },
  { key: null, label: 'field.salutation', width: '90px' },
  { key: null, label: 'field.reason', width: '1fr' },
  { key: 'response', label: 'field.response', width: '120px' },
  { key: 'result', label: 'field.result', width: '110px' },
  { key: 'state', label: 'review.state', width: '90px' },
];
const TEMPLATE = COLUMNS.map((c) => c.width).join(' ');
const ROW_HEIGHT = 34;

/** A sortable, virtualised table: only the rows in view are in the page. */
export function ReviewTable(props: {
  total: number;
  rowAt: (i: number) => ReviewRow | undefined;
  ensure: (first: number, last: number) => void;
  sort: ReviewSort;
  dir: 'asc' | 'desc';
  onSort: (key: ReviewSort) => void;
  selectedId: number | null;
  onOpen: (row: ReviewRow) => void;
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

  return (
    <div className="review-table" role="table" aria-rowcount={props.total} aria-label={t('review.title')}>
      <div className="review-row review-head" role="row" style={{ gridTemplateColumns: TEMPLATE }}>
        {COLUMNS.map((c) => (
          <div key={c.label} role="columnheader" aria-sort={c.key && c.key === props.sort ? (props.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
            {c.key ? (
              <button type="button" className="link sort" onClick={() => props.onSort(c.key!)}>
                {t(c.label)} {c.key === props.sort ? (props.dir === 'asc' ? '▲' : '▼') : ''}
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
                style={{ gridTemplateColumns: TEMPLATE, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                {row ? (
                  <>
                    <div role="cell">
                      <button type="button" className="link" onClick={() => props.onOpen(row)}>
                        {row.recordNo}
                      </button>
                    </div>
                    <div role="cell">
                      {row.localDate.slice(5)} {localClock(row.callAt, row.timeZone)}
                    </div>
                    <div role="cell">{row.agent || t('app.noAgent')}</div>
                    <div role="cell">{levelName(row.priority)}</div>
                    <div role="cell">{row.category ? t(`category.${row.category}` as MessageKey) : ''}</div>
                    <div role="cell">{row.salutation ?? ''}</div>
                    <div role="cell" className="reason-cell">
                      {row.reason ?? ''}
                    </div>
                    <div role="cell" className="num">
                      {row.responseMinutes ?? '—'}
                    </div>
                    <div role="cell">{row.result ? t(`result.${row.result}` as MessageKey) : ''}</div>
                    <div role="cell">
                      <span className={`status status-${row.voided ? 'voided' : row.state}`}>{t(`review.state.${row.voided ? 'voided' : row.state}` as MessageKey)}</span>
                    </div>
                  </>
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
