import { useI18n } from '../../i18n';
import { MissedCallsTable } from '../missedCalls/MissedCallsTable';
import { useOpenMissedCalls } from '../missedCalls/useOpenMissedCalls';

/** The desk's open missed calls under today's list, shown while there are any (a desk without telephony never has one). */
export function MissedOnDesk() {
  const { t } = useI18n();
  const { calls, reload } = useOpenMissedCalls();
  if (!calls || calls.length === 0) return null;
  return (
    <section className="missed-on-desk" aria-labelledby="missed-title">
      <h2 id="missed-title">
        {t('missed.title')} <span className="muted">{calls.length}</span>
      </h2>
      <p className="muted">{t('missed.hint')}</p>
      <MissedCallsTable calls={calls} onChanged={reload} testId="desk-missed" />
    </section>
  );
}
