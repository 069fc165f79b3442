import { DateTime } from 'luxon';
import { useEffect, useState } from 'react';
import type { ReviewSort, ReviewState } from '../../../../shared/api/review';
import { useTeamScope } from '../teamLink/useTeamScope';
import { CATEGORIES, CUSTOMER_TYPES, REQUEST_TYPES, RESULTS } from '../../../../shared/domain/fields';
import type { MessageKey } from '../../../../shared/i18n';
import { api } from '../../api';
import { Drawer } from '../../components/Drawer';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import { usePolicies } from '../policy/usePolicies';
import { useSession } from '../session/useSession';
import { DaySignOff } from './DaySignOff';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { MissedCallsReview } from './MissedCallsReview';
import { RecordPanel } from './RecordPanel';
import { TeamRecordPanel } from './TeamRecordPanel';
import { ReviewTable } from './ReviewTable';
import { useReviewPages, type ReviewQuery } from './useReviewPages';

type Filters = Omit<ReviewQuery, 'from' | 'to' | 'sort' | 'dir'>;
const STATES: Array<ReviewState | undefined> = [undefined, 'breached', 'open', 'met', 'clock', 'voided'];

/**
 * The team lead's Review: a day or a range, filtered by agent, priority,
 * category, request type, customer type, result and target state, searched,
 * sorted; one record opened beside the list; the day's sign-off above it.
 */
export function ReviewScreen({ zone, onEdit }: { zone: string; onEdit: (id: number) => void }) {
  const { t, lang } = useI18n();
  const { current } = usePolicies();
  const today = DateTime.now().setZone(zone).toISODate() as string;
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [filters, setFilters] = useState<Filters>({});
  const [text, setText] = useState('');
  const [sort, setSort] = useState<ReviewSort>('callAt');
  const [dir, setDir] = useState<'asc' | 'desc'>('desc');
  const [openId, setOpenId] = useState<number | null>(null);
  /** A team row: another desk's record, opened as the team server holds it. */
  const [openTeam, setOpenTeam] = useState<{ deskCode: string; recordNo: string } | null>(null);
  const [agents, setAgents] = useState<string[]>([]);
  const { isLead } = useSession();
  /** Team scope (a lead's or admin's, on a desk that keeps a lead's URL): every desk's records, read-only. */
  const teamScope = useTeamScope(isLead);
  const [team, setTeam] = useState(false);
  const query: ReviewQuery = { from, to: to < from ? from : to, ...filters, ...(text.trim() ? { text: text.trim() } : {}), sort, dir, ...(team ? { scope: 'team' as const } : {}) };
  const pages = useReviewPages(query);
  const { sort: _sort, dir: _dir, ...exportFilter } = query;

  useEffect(() => {
    void api.reviewAgents({ from, to: to < from ? from : to, ...(team ? { scope: 'team' as const, ...(filters.deskCode ? { deskCode: filters.deskCode } : {}) } : {}) }).then((r) => r.ok && setAgents(r.value));
  }, [from, to, team, filters.deskCode]);

  const setFilter = <K extends keyof Filters>(key: K, value: string) =>
    setFilters((prev) => {
      const next = { ...prev };
      if (value === '') delete next[key];
      else next[key] = value as Filters[K];
      return next;
    });
  const range = (a: string, b: string) => {
    setFrom(a);
    setTo(b);
  };
  const shift = (days: number) => DateTime.fromISO(today).plus({ days }).toISODate() as string;
  const select = (key: keyof Filters, label: MessageKey, options: ReadonlyArray<{ value: string; label: string }>) => (
    <Field id={`rv-${key}`} label={t(label)}>
      <select id={`rv-${key}`} value={(filters[key] as string | undefined) ?? ''} onChange={(e) => setFilter(key, e.target.value)}>
        <option value="">{t('review.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
  const vocab = (prefix: string, values: readonly string[]) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as MessageKey) }));

  return (
    <main className="review">
      <section className="card review-filters">
        <div className="inline">
          <Field id="rv-from" label={t('review.from')}>
            <input id="rv-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </Field>
          <Field id="rv-to" label={t('review.to')}>
            <input id="rv-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
          <button type="button" onClick={() => range(today, today)}>
            {t('review.today')}
          </button>
          <button type="button" onClick={() => range(shift(-1), shift(-1))}>
            {t('review.yesterday')}
          </button>
          <button type="button" onClick={() => range(DateTime.fromISO(today).startOf('month').toISODate() as string, today)}>
            {t('review.thisMonth')}
          </button>
          {teamScope.available && (
            <span className="stats-scope" role="group" aria-label={t('stats.scope')}>
              <button type="button" className="preset" aria-pressed={!team} onClick={() => (setTeam(false), setOpenTeam(null), setFilter('deskCode', ''))}>
                {t('stats.scope.desk')}
              </button>
              <button type="button" className="preset" aria-pressed={team} onClick={() => (setTeam(true), setOpenId(null))}>
                {t('stats.scope.team')}
              </button>
              {team && select('deskCode', 'stats.scope.deskFilter', teamScope.desks.map((d) => ({ value: d, label: d })))}
            </span>
          )}
          <div className="state-filter" role="group" aria-label={t('review.state')}>
            {STATES.map((s) => (
              <button key={s ?? 'all'} type="button" aria-pressed={filters.state === s} className={filters.state === s ? 'tab active' : 'tab'} onClick={() => setFilter('state', s ?? '')}>
                {s ? t(`review.state.${s}` as MessageKey) : t('review.all')}
              </button>
            ))}
          </div>
        </div>
        <div className="inline">
          {select('agent', 'app.agent', agents.filter((a) => a !== '').map((a) => ({ value: a, label: a })))}
          {select('priority', 'field.priority', (current?.policy.priorities ?? []).map((l) => ({ value: l.key, label: l.label[lang] })))}
          {select('category', 'field.category', vocab('category', CATEGORIES))}
          {select('requestType', 'field.requestType', vocab('requestType', REQUEST_TYPES))}
          {select('customerType', 'field.customerType', vocab('customerType', CUSTOMER_TYPES))}
          {select('result', 'field.result', vocab('result', RESULTS))}
          <Field id="rv-text" label={t('review.search')}>
            <input id="rv-text" type="search" value={text} placeholder={t('review.searchHint')} onChange={(e) => setText(e.target.value)} />
          </Field>
        </div>
        <div className="review-summary">
          <p className="muted" aria-live="polite" data-testid="review-count">
            {pages.total === null ? t('app.loading') : t('review.count', { n: pages.total.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') })}
          </p>
          {team && <p className="muted">{t('review.teamReadOnly')}</p>}
          {/* In team scope the same button exports the team's records of the filter, from the team server. */}
          <ExportPanel filter={exportFilter} />
        </div>
      </section>
      {/* Above the list, which has a fixed height: the day's sign-off stays in sight without scrolling past it. */}
      {from === to && !team && <DaySignOff key={from} date={from} zone={zone} onOpen={setOpenId} />}
      <div className="review-main">
        <ReviewTable
          team={team}
          total={pages.total ?? 0}
          rowAt={pages.rowAt}
          ensure={pages.ensure}
          sort={sort}
          dir={dir}
          onSort={(key) => {
            if (key === sort) setDir(dir === 'asc' ? 'desc' : 'asc');
            else {
              setSort(key);
              setDir('asc');
            }
          }}
          selectedId={openId}
          // A team row is another desk's record: it opens read-only, as the team server holds it.
          onOpen={(row) => (team ? setOpenTeam({ deskCode: row.deskCode, recordNo: row.recordNo }) : setOpenId(row.id))}
          showMissReasons={filters.state === 'breached'}
        />
      </div>
      {/* The period's missed calls: not records, so apart from the list and its figures. */}
      {!team && <MissedCallsReview from={from} to={to < from ? from : to} />}
      {/* Over the list, not beside it: the list keeps its columns while a record is open. */}
      {openId !== null && (
        <Drawer label={t('review.record')} onClose={() => setOpenId(null)}>
          <RecordPanel key={openId} id={openId} onEdit={onEdit} />
        </Drawer>
      )}
      {team && openTeam !== null && (
        <Drawer label={t('review.record')} onClose={() => setOpenTeam(null)}>
          <TeamRecordPanel key={`${openTeam.deskCode}/${openTeam.recordNo}`} deskCode={openTeam.deskCode} recordNo={openTeam.recordNo} />
        </Drawer>
      )}
      {isLead && (
        <section className="card archive" aria-labelledby="archive-title">
          <h3 id="archive-title">{t('archive.importTitle')}</h3>
          <ImportPanel deskZone={zone} onImported={pages.reload} />
        </section>
      )}
    </main>
  );
}
