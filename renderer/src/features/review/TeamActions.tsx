import { useState } from 'react';
import type { RequestOf } from '../../../../shared/api/contract';
import type { FollowUpKind } from '../../../../shared/api/records';
import type { TeamRecordView } from '../../../../shared/api/team';
import type { MissReasonCode } from '../../../../shared/domain/fields';
import type { MessageKey } from '../../../../shared/i18n';
import { evaluateTargets, missingReasons, type TargetStatus } from '../../../../shared/timing/compliance';
import { followUpsOf } from '../../../../shared/timing/followUps';
import { api } from '../../api';
import { useNow } from '../../components/useNow';
import { useI18n } from '../../i18n';
import { MissReasonSelect } from '../../components/MissReasonSelect';
import { targetKey } from '../compliance/targetText';
import { usePolicies } from '../policy/usePolicies';

type Change = RequestOf<'sendToDesk'>['change'];

/**
 * What a lead may send another desk for its record through the team inbox: a
 * reason for each missed target still without one, and each open follow-up
 * done, with its outcome. Nothing already sent and still pending is offered
 * twice. A change the server's copy shows is wrong is refused here, next to its
 * field; the desk checks it again when it applies it.
 */
export function TeamActions({ view, deskCode, onSent }: { view: TeamRecordView; deskCode: string; onSent: (view: TeamRecordView) => void }) {
  const { t, errorText } = useI18n();
  const { current } = usePolicies();
  const now = useNow(5000);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { record, inbox } = view;
  if (!current || record.voided) return null;
  const waiting = inbox.filter((e) => e.state === 'pending');
  const targets = evaluateTargets(record.timing, current.policy, now);
  const missed = missingReasons(targets, record.missReasons).filter((m) => !waiting.some((e) => e.method === 'addMissReason' && e.kind === m.kind && e.index === m.index));
  // A follow-up is work owed after the call: none is offered while the desk is still taking it.
  const afterTheCall = record.closedAt !== null || record.result === 'in_progress';
  const owed = afterTheCall
    ? followUpsOf({ callId: 0, recordNo: record.recordNo, salutation: null, reason: null, promisedAt: record.followUpDueAt, owner: null }, targets, now).filter(
        (f) => !waiting.some((e) => e.method === 'completeFollowUp' && e.kind === f.kind),
      )
    : [];
  const send = async (field: string, change: Change): Promise<boolean> => {
    const r = await api.sendToDesk({ deskCode, recordNo: record.recordNo, change });
    if (!r.ok) {
      // Beside the row that sent it: the server names that row's field, or none (the server unreachable).
      setErrors({ [field]: errorText(r.error) });
      return false;
    }
    setErrors({});
    onSent(r.value);
    return true;
  };
  return (
    <section className="team-actions" aria-labelledby="team-actions-title">
      <h3 id="team-actions-title">{t('teamRecord.send', { desk: deskCode })}</h3>
      <p className="muted">{missed.length + owed.length === 0 ? t('teamRecord.nothingToSend') : t('teamRecord.sendHint', { desk: deskCode })}</p>
      {missed.map((target) => {
        const field = `missReason-${target.kind}-${target.index}`;
        return <ReasonRow key={field} target={target} error={errors[field]} onSend={(code, text) => send(field, { method: 'addMissReason', kind: target.kind, index: target.index, code, ...(text ? { text } : {}) })} />;
      })}
      {owed.map((f) => {
        const field = `outcome-${f.kind}`;
        return <OutcomeRow key={field} kind={f.kind} error={errors[field]} onSend={(outcome) => send(field, { method: 'completeFollowUp', kind: f.kind, outcome })} />;
      })}
    </section>
  );
}

function ReasonRow({ target, error, onSend }: { target: TargetStatus; error: string | undefined; onSend: (code: MissReasonCode, text: string) => Promise<boolean> }) {
  const { t } = useI18n();
  const [code, setCode] = useState<MissReasonCode>('overload');
  const [text, setText] = useState('');
  const name = `${t(targetKey(target))}${target.kind === 'secondResponse' ? ` #${target.index + 1}` : ''}`;
  const id = `team-miss-${target.kind}-${target.index}`;
  return (
    <div className="miss-row" data-testid={id}>
      <span className="miss-target">
        {name}: <strong>{t('miss.needed')}</strong>
      </span>
      <MissReasonSelect targetName={name} value={code} onChange={setCode} />
      <input aria-label={t('miss.textFor', { target: name })} value={text} placeholder={t('miss.textHint')} onChange={(e) => setText(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      <button type="button" onClick={() => void onSend(code, text.trim())}>
        {t('teamRecord.sendReason')}
      </button>
      {error && (
        <p className="field-error" role="alert" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function OutcomeRow({ kind, error, onSend }: { kind: FollowUpKind; error: string | undefined; onSend: (outcome: string) => Promise<boolean> }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState('');
  const label = t(`followUps.kind.${kind}` as MessageKey);
  const id = `team-outcome-${kind}`;
  return (
    <div className="miss-row" data-testid={id}>
      <span className="miss-target">{label}</span>
      <input aria-label={t('teamRecord.outcomeFor', { kind: label })} value={outcome} placeholder={t('followUps.outcomeHint')} onChange={(e) => setOutcome(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      <button type="button" onClick={() => void onSend(outcome).then((sent) => sent && setOutcome(''))}>
        {t('teamRecord.complete')}
      </button>
      {error && (
        <p className="field-error" role="alert" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
