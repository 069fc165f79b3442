import type { VoidMark as Mark } from '../../../../shared/api/records';
import { localDateTime } from '../../../../shared/timing/localTime';
import { useI18n } from '../../i18n';
import { voidActorText, voidReasonText } from './phoneVoid';

/** The mark of a record voided as logged by mistake: who, when and why (the desk and the Review panel), the phone system's in the reader's words. */
export function VoidMark({ voided, zone }: { voided: Mark; zone: string }) {
  const { t } = useI18n();
  return (
    <p className="alert void-mark" role="note" data-testid="void-mark">
      <span>
        <strong className="status status-voided">{t('void.mark')}</strong>{' '}
        {t('void.markDetail', { by: voidActorText(voided, t), at: localDateTime(voided.at, zone), reason: voidReasonText(voided, t) })}
      </span>
    </p>
  );
}
