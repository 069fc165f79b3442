import { useState, type FormEvent } from 'react';
import type { DeskInfo, UserView } from '../../../../shared/api/records';
import type { ApiError } from '../../../../shared/api/result';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import { ZonePicker } from './ZonePicker';

/** First run: the desk code that goes on every record, the agent's name, and the desk's time zone. */
export function SetupScreen({ onDone }: { onDone: (desk: DeskInfo, user: UserView | null) => void }) {
  const { t, errorText } = useI18n();
  const [code, setCode] = useState('');
  const [agentName, setAgentName] = useState('');
  const [timeZone, setTimeZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [pin, setPin] = useState('');
  // Kept as data, so that a refusal follows a change of language.
  const [refusals, setRefusals] = useState<Record<string, ApiError>>({});
  const errors = Object.fromEntries(Object.entries(refusals).map(([field, e]) => [field, errorText(e)])) as Partial<Record<string, string>>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await api.setupDesk({ code, agentName, timeZone, ...(pin ? { pin } : {}) });
    if (result.ok) {
      const user = await api.whoAmI({});
      onDone(result.value, user.ok ? user.value : null);
    }
    else setRefusals({ [result.error.field ?? 'form']: result.error });
  };

  return (
    <form className="setup card" onSubmit={(e) => void submit(e)}>
      <h2>{t('setup.title')}</h2>
      <p className="muted">{t('setup.intro')}</p>
      <Field id="setup-code" label={t('setup.code')} error={errors.code}>
        <input id="setup-code" value={code} placeholder={t('setup.codeHint')} onChange={(e) => setCode(e.target.value)} autoFocus />
      </Field>
      <Field id="setup-agent" label={t('setup.agentName')} error={errors.agentName}>
        <input id="setup-agent" value={agentName} onChange={(e) => setAgentName(e.target.value)} />
      </Field>
      <Field id="setup-pin" label={t('setup.pin')} error={errors.pin}>
        <input id="setup-pin" type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} />
      </Field>
      <Field id="setup-zone" label={t('setup.timeZone')} error={errors.timeZone}>
        <ZonePicker
          id="setup-zone"
          value={timeZone}
          onChange={(zone) => {
            setTimeZone(zone);
            // Another zone: the refusal of the last one no longer applies.
            setRefusals(({ timeZone: _refused, ...rest }) => rest);
          }}
          invalid={errors.timeZone !== undefined}
        />
      </Field>
      {errors.form && <p className="error" role="alert">{errors.form}</p>}
      <button type="submit" className="primary">
        {t('setup.save')}
      </button>
    </form>
  );
}
