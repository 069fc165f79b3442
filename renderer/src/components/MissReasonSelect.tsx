import { MISS_REASONS, type MissReasonCode } from '../../../shared/domain/fields';
import type { MessageKey } from '../../../shared/i18n';
import { useI18n } from '../i18n';

/** The miss-reason codes as one select, named for the target they explain: the desk's own record panel and a lead's team record panel. */
export function MissReasonSelect({ targetName, value, onChange }: { targetName: string; value: MissReasonCode; onChange: (code: MissReasonCode) => void }) {
  const { t } = useI18n();
  return (
    <select aria-label={t('miss.reasonFor', { target: targetName })} value={value} onChange={(e) => onChange(e.target.value as MissReasonCode)}>
      {MISS_REASONS.map((c) => (
        <option key={c} value={c}>
          {t(`missReason.${c}` as MessageKey)}
        </option>
      ))}
    </select>
  );
}
