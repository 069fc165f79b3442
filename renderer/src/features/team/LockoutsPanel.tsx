import { useCallback, useEffect, useState } from 'react';
import type { LockoutEvent, LockoutsView } from '../../../../shared/api/lockout';
import type { MessageKey } from '../../../../shared/i18n';
import { api } from '../../api';
import { useI18n } from '../../i18n';

/** Locks end by themselves; the card follows without a reload. */
const REFRESH_MS = 10_000;

/**
 * The admin's PIN lock-outs card (issue 11): who is locked out and until when,
 * a button to clear each lock, and the lock-out trail, newest first.
 */
export function LockoutsPanel() {
  const { t, errorText, lang } = useI18n();
  const [view, setView] = useState<LockoutsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await api.getLockouts({});
    if (r.ok) setView(r.value);
    else setError(errorText(r.error));
  }, [errorText]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  const clear = async (userId: number) => {
    const r = await api.clearLockout({ userId });
    if (r.ok) {
      setView(r.value);
      setError(null);
    } else setError(errorText(r.error));
  };
  const when = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
  const what = (e: LockoutEvent) =>
    e.event === 'locked'
      ? t('lockout.event.locked', { n: e.failures, until: e.lockedUntil === null ? '—' : when.format(e.lockedUntil) })
      : t('lockout.event.unlocked', { n: e.failures, actor: e.actor ?? '—' });
  return (
    <section className="card" aria-labelledby="lockouts-title" data-testid="lockouts-panel">
      <h2 id="lockouts-title">{t('lockout.title')}</h2>
      <p className="muted">{t('lockout.rules')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {view && view.locked.length === 0 && <p data-testid="lockouts-none">{t('lockout.none')}</p>}
      {view && view.locked.length > 0 && (
        <table className="follow-up-table" data-testid="lockouts-locked">
          <thead>
            <tr>
              <th>{t('lockout.profile')}</th>
              <th>{t('lockout.until')}</th>
              <th>{t('lockout.failures')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {view.locked.map((p) => (
              <tr key={p.userId}>
                <td>
                  {p.name} · {t(`role.${p.role}` as MessageKey)}
                </td>
                <td>{when.format(p.lockedUntil)}</td>
                <td>{p.failures}</td>
                <td>
                  <button type="button" onClick={() => void clear(p.userId)}>
                    {t('lockout.clear')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('lockout.trail')}</h3>
      {view && view.trail.length === 0 && <p className="muted">{t('lockout.trailNone')}</p>}
      {view && view.trail.length > 0 && (
        <table className="follow-up-table" data-testid="lockouts-trail">
          <thead>
            <tr>
              <th>{t('lockout.when')}</th>
              <th>{t('lockout.profile')}</th>
              <th>{t('lockout.what')}</th>
            </tr>
          </thead>
          <tbody>
            {view.trail.map((e, i) => (
              <tr key={`${e.at}-${i}`}>
                <td>{when.format(e.at)}</td>
                <td>{e.userName}</td>
                <td>{what(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
