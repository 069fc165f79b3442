import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { UserView } from '../../../../shared/api/records';
import type { ApiError } from '../../../../shared/api/result';
import type { MessageKey } from '../../../../shared/i18n';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';

/** Who is at the desk: pick a profile, and type its PIN when it has one. */
export function SignInScreen({ onSignedIn }: { onSignedIn: (user: UserView) => void }) {
  const { t, errorText } = useI18n();
  const [users, setUsers] = useState<UserView[]>([]);
  const [userId, setUserId] = useState<number | null>(null);
  const [pin, setPin] = useState('');
  // Kept as data, so that it follows a change of language.
  const [refusal, setRefusal] = useState<ApiError | undefined>();
  const error = refusal && errorText(refusal);
  useEffect(() => {
    // A lock-out's refusal goes once the lock has ended. It does not count down: the field's
    // error is an alert, and a screen reader would read it out again every second.
    const seconds = refusal?.code === 'pin_locked' ? Number(refusal.problems?.[0]) : NaN;
    if (!(seconds > 0)) return;
    const timer = window.setTimeout(() => setRefusal(undefined), seconds * 1000);
    return () => window.clearTimeout(timer);
  }, [refusal]);
  useEffect(() => {
    void api.listUsers({}).then((r) => {
      if (!r.ok) return;
      const active = r.value.filter((u) => u.active);
      setUsers(active);
      setUserId(active[0]?.id ?? null);
    });
  }, []);
  const chosen = users.find((u) => u.id === userId);
  const formRef = useRef<HTMLFormElement>(null);
  const listRef = useRef<HTMLSelectElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);
  // Focus on the profile list once it is filled: the first thing to do here is to say who you are.
  const loaded = users.length > 0;
  useEffect(() => {
    if (loaded) listRef.current?.focus();
  }, [loaded]);
  /** A select does not submit its form on Enter: here it does, or goes to the PIN when one is needed and not typed. */
  const onListKey = (event: KeyboardEvent<HTMLSelectElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (chosen?.hasPin && pin === '') pinRef.current?.focus();
    else formRef.current?.requestSubmit();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (userId === null) return;
    const r = await api.signIn({ userId, ...(pin ? { pin } : {}) });
    if (r.ok) onSignedIn(r.value);
    else setRefusal(r.error);
  };
  return (
    <form ref={formRef} className="setup card" onSubmit={(e) => void submit(e)}>
      <h2>{t('session.title')}</h2>
      <Field id="signin-user" label={t('session.profile')}>
        <select
          ref={listRef}
          id="signin-user"
          value={userId ?? ''}
          onKeyDown={onListKey}
          onChange={(e) => {
            // Another profile: the last one's refusal (a lock-out's wait) is not about it.
            setUserId(Number(e.target.value));
            setRefusal(undefined);
          }}
        >
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} · {t(`role.${u.role}` as MessageKey)}
            </option>
          ))}
        </select>
      </Field>
      {chosen?.hasPin && (
        <Field id="signin-pin" label={t('session.pin')} error={error}>
          <input id="signin-pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} ref={pinRef} />
        </Field>
      )}
      {!chosen?.hasPin && error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        {t('session.signIn')}
      </button>
    </form>
  );
}
