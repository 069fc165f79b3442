import { useEffect, useMemo, useState } from 'react';
import { Drawer } from '../../components/Drawer';
import { CallerHistory } from '../missedCalls/CallerHistory';
import { MissedOnDesk } from './MissedOnDesk';
import { RecordPanel } from '../review/RecordPanel';
import { useI18n } from '../../i18n';
import { AlertStack } from '../compliance/AlertStack';
import { MissReasons } from '../compliance/MissReasons';
import { TargetList } from '../compliance/TargetList';
import { useTargetAlerts } from '../compliance/useTargetAlerts';
import { usePolicies } from '../policy/usePolicies';
import { ActionBar } from './ActionBar';
import { CallFields } from './CallFields';
import { CallHeader } from './CallHeader';
import { CallProgress } from './CallProgress';
import { ChangeReason } from './ChangeReason';
import { FeedbackFields } from './FeedbackFields';
import { ResultFields } from './ResultFields';
import { TodayList } from './TodayList';
import { useDesk } from './useDesk';
import { phoneClosedText, phoneVoidOf } from './phoneVoid';
import { usePhoneNews } from './usePhoneNews';
import { VoidMark } from './VoidMark';
import { VoidRecord } from './VoidRecord';

/** The screen an agent keeps open all shift: the open call on the left, today's calls on the right. */
export function DeskScreen({ openRequest }: { openRequest: { id: number; fromPhone?: boolean } | null }) {
  const { t } = useI18n();
  const desk = useDesk();
  const { record, open } = desk;
  const { policyFor } = usePolicies();
  // A voided record has no targets left to alert on.
  const counted = useMemo(() => (desk.day?.records ?? []).filter((r) => r.voidedAt === null), [desk.day]);
  const { alerts, dismiss } = useTargetAlerts(counted, policyFor);
  const policy = record && !record.voided ? policyFor(record.policyVersion) : null;
  const phoneNews = usePhoneNews(desk);
  /** The phone voided the record on screen while something typed for it was unsaved: it stays, and says why. */
  const keptForTyping = record?.voided != null && phoneVoidOf(record.voided) !== null && desk.drafts.has(record.id);

  /** The record the phone opened, while its repeat-caller pop-up shows; an earlier record of the caller opened beside it. */
  const [phoneOpened, setPhoneOpened] = useState<number | null>(null);
  const [earlier, setEarlier] = useState<number | null>(null);
  useEffect(() => {
    if (!openRequest) return;
    void open(openRequest.id);
    setPhoneOpened(openRequest.fromPhone ? openRequest.id : null);
  }, [openRequest, open]);

  return (
    <>
      <AlertStack alerts={alerts} onOpen={(id) => void open(id)} onDismiss={dismiss} />
      <main className="desk">
        <div className="call-column">
          {/* The buttons, the timer and the targets stay at the top while the agent scrolls down to the result. */}
          <div className="desk-sticky" data-testid="desk-sticky">
            <ActionBar desk={desk} />
            {record !== null && (
              <section className="card call-summary" key={record.id} aria-label={record.recordNo}>
                <CallHeader record={record} saveState={desk.saveState} unsaved={desk.unsaved} />
                {policy && <TargetList timing={record.timing} policy={policy} zone={record.timeZone} />}
              </section>
            )}
          </div>
          {record !== null && record.id === phoneOpened && (
            <>
              <p className="muted phone-opened">{t('desk.phoneOpened')}</p>
              <CallerHistory recordId={record.id} zone={record.timeZone} onOpen={setEarlier} onClose={() => setPhoneOpened(null)} />
            </>
          )}
          {record === null && phoneNews.closed !== null && (
            <p className="card alert phone-closed" role="status" data-testid="phone-closed">
              <strong>{phoneNews.closed.recordNo}</strong> {phoneClosedText(phoneNews.closed.why, t)}
            </p>
          )}
          {record === null ? (
            <p className="card muted empty-call">{t('desk.noCall')}</p>
          ) : (
            // Keyed by record: opening another record starts its fields fresh.
            <article className="card call" key={record.id} aria-label={record.recordNo}>
              {record.voided && (
                <>
                  <VoidMark voided={record.voided} zone={record.timeZone} />
                  <p className={keptForTyping ? 'alert phone-voided-kept' : 'muted'} role={keptForTyping ? 'alert' : undefined}>
                    {t(keptForTyping ? 'desk.phoneVoidedKept' : 'void.readOnly')}
                  </p>
                </>
              )}
              <ChangeReason desk={desk} />
              {policy && <MissReasons record={record} policy={policy} desk={desk} />}
              {/* A voided record is shown as it was voided, read-only. */}
              <fieldset className="plain" disabled={record.voided !== null}>
                <CallFields record={record} desk={desk} policy={policyFor(record.policyVersion)} />
                <CallProgress record={record} />
                <ResultFields record={record} desk={desk} />
                <FeedbackFields record={record} desk={desk} />
              </fieldset>
              {!record.voided && <VoidRecord record={record} desk={desk} />}
            </article>
          )}
        </div>
        <TodayList day={desk.day} openId={record?.id ?? null} onOpen={(id) => void open(id)}>
          <MissedOnDesk />
        </TodayList>
      </main>
      {earlier !== null && (
        <Drawer label={t('history.record')} onClose={() => setEarlier(null)}>
          <RecordPanel
            key={earlier}
            id={earlier}
            onEdit={(id) => {
              setEarlier(null);
              void open(id);
            }}
          />
        </Drawer>
      )}
    </>
  );
}
