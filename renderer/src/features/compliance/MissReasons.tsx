import { useState } from 'react';
import type { CallRecord } from '../../../../shared/api/records';
import type { MissReasonCode } from '../../../../shared/domain/fields';
import type { Policy } from '../../../../shared/policy/schema';
import { evaluateTargets, REASON_REQUIRED, type TargetStatus } from '../../../../shared/timing/compliance';
import { api } from '../../api';
import { useNow } from '../../components/useNow';
import { useI18n } from '../../i18n';
import { MissReasonSelect } from '../../components/MissReasonSelect';
import type { Desk } from '../desk/useDesk';
import { targetKey } from './targetText';

/**
 * Reasons for missed targets (未达标原因), one per target: a pick-list of common
 * reasons plus free text. A record cannot close until each miss has one.
 */
export function MissReasons({ record, policy, desk }: { record: CallRecord; policy: Policy; desk: Desk }) {
  const { t } = useI18n();
  const now = useNow(5000);
  const missed = evaluateTargets(record.timing, policy, now).filter((s) => s.state === 'breached' && REASON_REQUIRED.has(s.kind));
  if (missed.length === 0) return null;
  return (
    <section className="miss-reasons" aria-labelledby="miss-title">
      <h3 id="miss-title">{t('miss.title')}</h3>
      {desk.errors.missReasons && (
        <p className="field-error" role="alert" id="miss-reasons-error">
          {desk.errors.missReasons}
        </p>
      )}
      {missed.map((target) => (
        <MissReasonRow key={`${target.kind}-${target.index}`} record={record} target={target} desk={desk} />
      ))}
    </section>
  );
}

function MissReasonRow({ record, target, desk }: { record: CallRecord; target: TargetStatus; desk: Desk }) {
  const { t } = useI18n();
  const given = record.missReasons.find((r) => r.kind === target.kind && r.index === target.index);
  const [code, setCode] = useState<MissReasonCode>(given?.code ?? 'overload');
  const errorKey = `missReason-${target.kind}-${target.index}`;
  // The text typed stays with this call when another is opened (useCallDrafts).
  const [text, setTextState] = useState(desk.drafts.get(record.id, `${errorKey}-text`) ?? given?.text ?? '');
  const setText = (value: string) => {
    setTextState(value);
    desk.drafts.set(record.id, `${errorKey}-text`, value);
  };
  const name = `${t(targetKey(target))}${target.kind === 'secondResponse' ? ` #${target.index + 1}` : ''}`;
  const save = async () => {
    const saved = await desk.perform([errorKey, 'missReasons', 'actions'], errorKey, (changeReason) =>
      api.addMissReason({ id: record.id, kind: target.kind, index: target.index, code, text, changeReason }),
    );
    if (saved) desk.drafts.set(record.id, `${errorKey}-text`, undefined);
  };
  return (
    <div className={`miss-row${given ? ' miss-given' : ''}`} data-testid={`miss-${target.kind}-${target.index}`}>
      <span className="miss-target">
        {name}: <strong>{given ? t('miss.given') : t('miss.needed')}</strong>
      </span>
      <MissReasonSelect targetName={name} value={code} onChange={setCode} />
      <input
        aria-label={t('miss.textFor', { target: name })}
        value={text}
        placeholder={t('miss.textHint')}
        onChange={(e) => {
          setText(e.target.value);
          // The reason is being given: "describe it" gives way at once.
          desk.clearError(errorKey);
        }}
        // Enter saves the reason, as its button does: typed and left unsaved, it would not count at close.
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void save();
          }
        }}
      />
      <button type="button" onClick={() => void save()}>
        {t('miss.save')}
      </button>
      {desk.errors[errorKey] && (
        <p className="field-error" role="alert">
          {desk.errors[errorKey]}
        </p>
      )}
    </div>
  );
}
