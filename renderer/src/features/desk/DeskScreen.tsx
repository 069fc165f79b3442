import { useI18n } from '../../i18n';
import { ActionBar } from './ActionBar';
import { CallFields } from './CallFields';
import { CallHeader } from './CallHeader';
import { CallProgress } from './CallProgress';
import { FeedbackFields } from './FeedbackFields';
import { ResultFields } from './ResultFields';
import { TodayList } from './TodayList';
import { useDesk } from './useDesk';

/** The screen an agent keeps open all shift: the open call on the left, today's calls on the right. */
export function DeskScreen() {
  const { t } = useI18n();
  const desk = useDesk();
  const { record } = desk;
  return (
    <main className="desk">
      <div className="call-column">
        <ActionBar desk={desk} />
        {record === null ? (
          <p className="card muted empty-call">{t('desk.noCall')}</p>
        ) : (
          // Keyed by record: opening another record starts its fields fresh.
          <article className="card call" key={record.id} aria-label={record.recordNo}>
            <CallHeader record={record} saveState={desk.saveState} />
            <CallFields record={record} desk={desk} />
            <CallProgress record={record} />
            <ResultFields record={record} desk={desk} />
            <FeedbackFields record={record} desk={desk} />
          </article>
        )}
      </div>
      <TodayList day={desk.day} openId={record?.id ?? null} onOpen={(id) => void desk.open(id)} />
    </main>
  );
}
