import { useCallback, useEffect, useState } from 'react';
import { MEASURE_METRICS, type MeasureMetric, type MeasureView } from '../../../../shared/api/stats';
import type { MessageKey } from '../../../../shared/i18n';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import { useSession } from '../session/useSession';
import { measureImproved, showMeasureValue as show } from './measureEffect';


/** 优化措施表: problem, root cause, measure, owner, deadline, and its effect measured from the records. */
export function MeasuresPanel() {
  const { t, errorText } = useI18n();
  const { isLead } = useSession();
  const [measures, setMeasures] = useState<MeasureView[]>([]);
  const blank = { problem: '', rootCause: '', measure: '', owner: '', deadline: '', startDate: '', metric: 'responseCompliance' as MeasureMetric };
  const [draft, setDraft] = useState(blank);
  const [error, setError] = useState<{ field: string; text: string } | null>(null);
  const refresh = useCallback(async () => {
    const r = await api.listMeasures({});
    if (r.ok) setMeasures(r.value);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const save = async () => {
    const r = await api.saveMeasure(draft);
    if (!r.ok) return setError({ field: r.error.field ?? 'problem', text: errorText(r.error) });
    setMeasures(r.value);
    setDraft(blank);
    setError(null);
  };
  const input = (key: keyof typeof draft, label: MessageKey, type = 'text') => (
    <Field id={`m-${key}`} label={t(label)} error={error?.field === key ? error.text : undefined}>
      <input id={`m-${key}`} type={type} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
    </Field>
  );
  return (
    <section className="card measures" aria-labelledby="measures-title">
      <h3 id="measures-title">{t('measures.title')}</h3>
      <table className="follow-up-table" data-testid="measures">
        <thead>
          <tr>
            <th>{t('measures.problem')}</th>
            <th>{t('measures.rootCause')}</th>
            <th>{t('measures.measure')}</th>
            <th>{t('measures.owner')}</th>
            <th>{t('measures.deadline')}</th>
            <th>{t('measures.effect')}</th>
          </tr>
        </thead>
        <tbody>
          {measures.map((m) => {
            const { before, after } = m.effect;
            const better = measureImproved(m);
            return (
              <tr key={m.id}>
                <td>{m.problem}</td>
                <td>{m.rootCause}</td>
                <td>{m.measure}</td>
                <td>{m.owner}</td>
                <td>{m.deadline}</td>
                <td>
                  {t(`measures.metric.${m.metric}` as MessageKey)}: {show(m.metric, before)} → {show(m.metric, after)}{' '}
                  {better !== null && <strong className={better ? 'better' : 'worse'}>{better ? t('measures.better') : t('measures.notBetter')}</strong>}
                  <br />
                  <small className="muted">
                    {m.effect.beforeRange.join('–')} / {m.effect.afterRange.join('–')}
                  </small>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {isLead && (
        <div className="measure-form">
          {input('problem', 'measures.problem')}
          {input('rootCause', 'measures.rootCause')}
          {input('measure', 'measures.measure')}
          {input('owner', 'measures.owner')}
          {input('startDate', 'measures.startDate', 'date')}
          {input('deadline', 'measures.deadline', 'date')}
          <Field id="m-metric" label={t('measures.metric')}>
            <select id="m-metric" value={draft.metric} onChange={(e) => setDraft({ ...draft, metric: e.target.value as MeasureMetric })}>
              {MEASURE_METRICS.map((m) => (
                <option key={m} value={m}>
                  {t(`measures.metric.${m}` as MessageKey)}
                </option>
              ))}
            </select>
          </Field>
          <button type="button" className="primary" onClick={() => void save()}>
            {t('measures.add')}
          </button>
        </div>
      )}
    </section>
  );
}
