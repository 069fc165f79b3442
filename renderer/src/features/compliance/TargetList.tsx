import type { Policy } from '../../../../shared/policy/schema';
import { evaluateTargets, type TimingInput } from '../../../../shared/timing/compliance';
import { localClock, localDate, localDateTime } from '../../../../shared/timing/localTime';
import { useNow } from '../../components/useNow';
import { useI18n } from '../../i18n';
import { byUrgency, dueSpanText, stateKey, targetKey } from './targetText';

/**
 * Every applicable target of a record with its state in colour and in words
 * (never colour alone) and a live countdown, computed by the same core the
 * main process uses.
 */
export function TargetList({ timing, policy, zone }: { timing: TimingInput; policy: Policy; zone: string }) {
  const { t, lang } = useI18n();
  const now = useNow();
  const targets = evaluateTargets(timing, policy, now)
    .filter((s) => s.state !== 'na')
    .sort(byUrgency);
  // An imported record whose sheet could not record some targets says so, rather than leave them unexplained.
  const untracked =
    timing.untracked.length === 0 ? null : (
      <p className="muted" data-testid="targets-untracked">
        {t('target.untracked', { targets: timing.untracked.map((k) => t(`target.${k}`)).join(lang === 'zh' ? '、' : ', ') })}
      </p>
    );
  if (targets.length === 0) return untracked;
  return (
    <>
      <ul className="targets" data-testid="targets" aria-label={t('target.title')}>
        {targets.map((s) => (
          <li key={`${s.kind}-${s.index}`} className={`target target-${s.state}`} data-kind={s.kind} data-state={s.state}>
            <span className="target-name">
              {t(targetKey(s))}
              {s.kind === 'secondResponse' ? ` #${s.index + 1}` : ''}
            </span>
            <strong className="target-state">{t(stateKey(s))}</strong>
            <span className="target-time">
              {s.state === 'met' || s.dueAt === null ? '' : dueSpanText({ dueAt: s.dueAt, endAt: s.endAt }, now, lang)}
              {/* Met targets show their due time too: a re-judged due time is visible without the audit trail. */}
              {s.dueAt !== null && `${s.state === 'met' ? '' : ' · '}${t('target.due', { time: dueText(s.dueAt, zone, now) })}`}
            </span>
          </li>
        ))}
      </ul>
      {untracked}
    </>
  );
}

/** Today's due times as HH:MM, other days with their date. */
function dueText(due: number, zone: string, now: number): string {
  return localDate(due, zone) === localDate(now, zone) ? localClock(due, zone) : localDateTime(due, zone);
}
