import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestOf } from '../../../../shared/api/contract';
import type { ReviewRow } from '../../../../shared/api/review';
import { api } from '../../api';

export type ReviewQuery = Omit<RequestOf<'reviewRecords'>, 'offset' | 'limit'>;
const PAGE = 200;

/**
 * The rows of a review query, fetched a page at a time as the virtual list
 * scrolls to them: 100,000 rows in view never means 100,000 rows in memory at once.
 */
export function useReviewPages(query: ReviewQuery) {
  const key = JSON.stringify(query);
  const [total, setTotal] = useState<number | null>(null);
  const [rows, setRows] = useState<Map<number, ReviewRow>>(new Map());
  const asked = useRef<Set<number>>(new Set());
  const [version, setVersion] = useState(0);

  const fetchPage = useCallback(
    async (page: number) => {
      if (asked.current.has(page)) return;
      asked.current.add(page);
      const r = await api.reviewRecords({ ...(JSON.parse(key) as ReviewQuery), offset: page * PAGE, limit: PAGE });
      if (!r.ok) return;
      setTotal(r.value.total);
      setRows((prev) => {
        const next = new Map(prev);
        r.value.rows.forEach((row, i) => next.set(r.value.offset + i, row));
        return next;
      });
    },
    [key],
  );

  useEffect(() => {
    asked.current = new Set();
    setRows(new Map());
    setTotal(null);
    void fetchPage(0);
  }, [key, fetchPage, version]);

  /** Asks for the pages covering rows [first, last]. */
  const ensure = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page++) void fetchPage(page);
    },
    [fetchPage],
  );
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { total, rowAt: (i: number) => rows.get(i), ensure, reload };
}
