import { useEffect, useState } from 'react';
import type { CallerHistory as History } from '../../../../shared/api/telephony';
import type { MessageKey } from '../../../../shared/i18n';
import { localDateTime } from '../../../../shared/timing/localTime';
import { api } from '../../api';
import { useI18n } from '../../i18n';

/**
 * The repeat-caller pop-up beside a call the phone opened: the earlier records
 * and missed calls with the same last four digits. Four digits are all the
 * desk keeps, so it is a likely match and says so, never a certain one. Each
 * earlier record opens its panel (`onOpen`).
 */
export function CallerHistory({ recordId, zone, onOpen, onClose }: { recordId: number; zone: string; onOpen: (id: number) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [history, setHistory] = useState<History | null | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    void api.callerHistory({ recordId }).then((r) => alive && setHistory(r.ok ? r.value : null));
    return () => {
      alive = false;
    };
  }, [recordId]);
  // No number (a withheld caller), or not read: nothing to pop up.
  if (!history) return null;
  const empty = history.records.length === 0 && history.missed.length === 0;
  return (
    <section className="card caller-history" role="dialog" aria-modal="false" aria-labelledby="caller-history-title" data-testid="caller-history">
      <div className="caller-history-head">
        <h3 id="caller-history-title">{t('history.title', { last4: history.numberLast4 })}</h3>
        <button type="button" className="link" onClick={onClose}>
          {t('history.close')}
        </button>
      </div>
      <p className="muted">{t('history.hint')}</p>
      {empty && <p className="muted">{t('history.none')}</p>}
      {history.records.length > 0 && (
        <>
          <h4>{t('history.records')}</h4>
          <ul className="caller-history-list">
            {history.records.map((r) => (
              <li key={r.id}>
                <button type="button" className="link" aria-label={t('history.open', { no: r.recordNo })} onClick={() => onOpen(r.id)}>
                  {r.recordNo}
                </button>{' '}
                <span className="muted">{localDateTime(r.callAt, zone)}</span> · {r.agent}
                {r.reason && <> · {r.reason}</>}
                {r.result && <> · {t(`result.${r.result}` as MessageKey)}</>}
              </li>
            ))}
          </ul>
        </>
      )}
      {history.missed.length > 0 && (
        <>
          <h4>{t('history.missed')}</h4>
          <ul className="caller-history-list">
            {history.missed.map((m) => (
              <li key={m.id}>
                {m.missedNo} <span className="muted">{localDateTime(m.callAt, zone)}</span> · {m.calledBackAt === null ? t('history.notCalledBack') : t('history.calledBack')}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
