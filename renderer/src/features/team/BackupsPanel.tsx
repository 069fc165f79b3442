import { useCallback, useEffect, useState } from 'react';
import type { BackupsView } from '../../../../shared/api/backups';
import type { ApiResult } from '../../../../shared/api/result';
import type { MessageKey } from '../../../../shared/i18n';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';

type Busy = null | 'save' | 'default' | 'now';

/**
 * The admin's Backups card: where the automatic backups go and why, another
 * folder (used at once, with a backup there), back to the default, a backup
 * now, the newest backups and how the last one went. A refused folder gets
 * its reason next to the field and what was typed stays.
 */
export function BackupsPanel() {
  const { t, errorText, lang } = useI18n();
  const [view, setView] = useState<BackupsView | null>(null);
  const [typed, setTyped] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  /** The desk's zone: a backup's time reads as every other time of the desk does, not in the browser's zone. */
  const [zone, setZone] = useState<string | undefined>(undefined);
  useEffect(() => {
    void api.getDesk({}).then((r) => {
      if (r.ok && r.value) setZone(r.value.timeZone);
    });
  }, []);

  const load = useCallback(async () => {
    const r = await api.getBackups({});
    if (r.ok) setView(r.value);
    else setError(errorText(r.error));
  }, [errorText]);
  useEffect(() => {
    void load();
  }, [load]);

  const run = async (kind: Busy, request: () => Promise<ApiResult<BackupsView>>) => {
    setBusy(kind);
    setError(null);
    try {
      const r = await request();
      if (!r.ok) {
        // A folder refused (or fixed by the start-up settings) belongs next to the folder field.
        if (kind === 'now') setError(errorText(r.error));
        else setFieldError(errorText(r.error));
        return;
      }
      setView(r.value);
      if (kind !== 'now') {
        setFieldError(null);
        setTyped('');
      }
    } finally {
      setBusy(null);
    }
  };

  const locked = view?.source === 'flag' || view?.source === 'env';
  const when = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium', ...(zone ? { timeZone: zone } : {}) });
  const mib = (bytes: number) => t('backups.mib', { n: (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 2 : 1) });
  const last = view?.lastOutcome;
  return (
    <section className="card backups" aria-labelledby="backups-title" data-testid="backups-panel">
      <h2 id="backups-title">{t('backups.title')}</h2>
      {view && (
        <p>
          {t('backups.folder')}: <code data-testid="backup-dir">{view.dir}</code> ({t(`backups.source.${view.source}` as MessageKey)})
        </p>
      )}
      {locked && <p className="muted">{t('backups.fixed')}</p>}
      <div className="inline">
        <Field id="backup-dir" label={t('backups.newFolder')} error={fieldError ?? undefined}>
          <input
            id="backup-dir"
            value={typed}
            placeholder={t('backups.newFolderHint')}
            disabled={locked}
            spellCheck={false}
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && busy === null) void run('save', () => api.setBackupDir({ dir: typed }));
            }}
          />
        </Field>
        <button type="button" className="primary" disabled={busy !== null || locked} onClick={() => void run('save', () => api.setBackupDir({ dir: typed }))}>
          {t('backups.save')}
        </button>
        <button type="button" disabled={busy !== null || locked || view?.source === 'default'} onClick={() => void run('default', () => api.setBackupDir({ dir: null }))}>
          {t('backups.useDefault')}
        </button>
        <button type="button" disabled={busy !== null} onClick={() => void run('now', () => api.backupNow({}))}>
          {t('backups.now')}
        </button>
      </div>
      <p className="muted">{t('backups.keepOld')}</p>
      {busy !== null && (
        <p className="archive-progress" aria-live="polite">
          <progress aria-label={t('backups.working')} /> {t('backups.working')}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {view && (
        <p className={last && !last.ok ? 'field-error' : 'muted'} data-testid="backup-last">
          {!last
            ? t('backups.noneYet')
            : last.ok
              ? t('backups.lastOk', { at: when.format(last.at), file: last.message })
              : t('backups.lastFailed', { at: when.format(last.at), message: last.message })}
        </p>
      )}
      {view && (
        <>
          <h3>{t('backups.list')}</h3>
          {view.backups.length === 0 ? (
            <p className="muted">{t('backups.none')}</p>
          ) : (
            <table className="import-problems" data-testid="backup-list">
              <thead>
                <tr>
                  <th>{t('backups.when')}</th>
                  <th>{t('backups.size')}</th>
                  <th>{t('backups.file')}</th>
                </tr>
              </thead>
              <tbody>
                {view.backups.map((b) => (
                  <tr key={b.name}>
                    <td>{when.format(b.at)}</td>
                    <td>{mib(b.bytes)}</td>
                    <td>
                      <code>{b.name}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
