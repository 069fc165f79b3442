import { useCallback, useEffect, useState } from 'react';
import type { TelephonyStatus, TelephonyView } from '../../../../shared/api/telephony';
import type { MessageKey } from '../../../../shared/i18n';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import { clockOffsetText } from './clockOffsetText';
import { CtiListenFields, draftOf, entriesOf, type CtiListenDraft } from './CtiListenFields';

const ENV_NAMES = { amiUrl: 'HOTLINE_AMI_URL', extension: 'HOTLINE_EXTENSION', queues: 'HOTLINE_AMI_QUEUES', ctiEnabled: 'HOTLINE_CTI' } as const;
/** The clock offset is shown above this (issue 15): smaller gaps are the network's. */
const OFFSET_SHOWN_MS = 2000;
/** How often the live status is read again while the card is open. */
const STATUS_EVERY_MS = 5000;

/**
 * The admin's Telephony card: the AMI URL (write-only: it holds the manager
 * secret, so the card says only whether one is set), the extension, the
 * watched queues, the CTI endpoint on or off with where it listens, whom it
 * accepts and the URL to give the PBX, and the live status. A value the environment sets shows as such, read-only.
 * Saving restarts the telephony inputs without restarting the app.
 */
export function TelephonyPanel() {
  const { t, errorText } = useI18n();
  const [view, setView] = useState<TelephonyView | null>(null);
  const [amiUrl, setAmiUrl] = useState('');
  const [extension, setExtension] = useState('');
  const [queues, setQueues] = useState('');
  const [cti, setCti] = useState(false);
  const [listen, setListen] = useState<CtiListenDraft>({ host: '127.0.0.1', allowFrom: '', port: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [unavailable, setUnavailable] = useState<string | null>(null);

  const take = useCallback((next: TelephonyView) => {
    setView(next);
    setExtension(next.extension ?? '');
    setQueues(next.queues.join(', '));
    setCti(next.ctiEnabled);
    setListen(draftOf(next));
  }, []);
  useEffect(() => {
    void api.getTelephony({}).then((r) => (r.ok ? take(r.value) : setUnavailable(errorText(r.error))));
    // errorText changes with the language; the card loads once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [take]);
  // The live status (AMI state, queues) moves on its own: read it again while the card is open.
  useEffect(() => {
    const timer = window.setInterval(() => void api.getTelephony({}).then((r) => r.ok && setView(r.value)), STATUS_EVERY_MS);
    return () => window.clearInterval(timer);
  }, []);

  if (unavailable) {
    return (
      <section className="card telephony" aria-labelledby="telephony-title">
        <h2 id="telephony-title">{t('telephony.title')}</h2>
        <p className="muted">{unavailable}</p>
      </section>
    );
  }
  if (!view) return null;
  const env = (key: keyof typeof ENV_NAMES) => view.fromEnv.includes(key);
  const envNote = (key: keyof typeof ENV_NAMES) => env(key) && <small className="muted">{t('telephony.fromEnv', { name: ENV_NAMES[key] })}</small>;
  const save = async (changes: Parameters<typeof api.saveTelephony>[0]) => {
    setSaved(false);
    const r = await api.saveTelephony(changes);
    if (!r.ok) return setErrors({ [r.error.field ?? 'form']: errorText(r.error) });
    setErrors({});
    setAmiUrl('');
    take(r.value);
    setSaved(true);
  };
  const saveAll = () => {
    // A port that is not a number never reaches the request: the same words as its refusal, beside the field.
    const port = listen.port.trim();
    if (cti && port !== '' && !/^\d{1,5}$/.test(port)) return setErrors({ ctiPort: t('refusal.cti_port_invalid', { port }) });
    return save({
      ...(!env('amiUrl') && amiUrl.trim() !== '' ? { amiUrl: amiUrl.trim() } : {}),
      ...(!env('extension') ? { extension: extension.trim() === '' ? null : extension.trim() } : {}),
      ...(!env('queues') ? { queues: queues.split(',').map((q) => q.trim()).filter((q) => q !== '') } : {}),
      ...(!env('ctiEnabled') ? { ctiEnabled: cti } : {}),
      // Sent only while the endpoint is on (the fields show then); the port only once one is typed.
      ...(cti ? { ctiHost: listen.host, ctiAllowFrom: entriesOf(listen.allowFrom), ...(port !== '' ? { ctiPort: Number(port) } : {}) } : {}),
    });
  };

  return (
    <section className="card telephony" aria-labelledby="telephony-title">
      <h2 id="telephony-title">{t('telephony.title')}</h2>
      <p className="muted">{t('telephony.hint')}</p>
      <div className="inline">
        <Field id="tel-ami" label={`${t('telephony.amiUrl')} · ${view.amiUrlSet ? t('telephony.amiUrlSet') : t('telephony.amiUrlNone')}`} error={errors.amiUrl}>
          {/* Write-only: what is kept is never put back into the field. */}
          <input id="tel-ami" type="password" autoComplete="off" value={amiUrl} disabled={env('amiUrl')} placeholder="ami://user:secret@pbx:5038" onChange={(e) => setAmiUrl(e.target.value)} />
          <small className="muted">{t('telephony.amiUrlHint')}</small>
          {envNote('amiUrl')}
        </Field>
        {view.amiUrlSet && !env('amiUrl') && (
          <button type="button" className="link" onClick={() => void save({ amiUrl: null })}>
            {t('telephony.amiUrlClear')}
          </button>
        )}
        <Field id="tel-extension" label={t('telephony.extension')} error={errors.extension}>
          <input id="tel-extension" value={extension} disabled={env('extension')} placeholder={t('telephony.extensionHint')} onChange={(e) => setExtension(e.target.value)} />
          {envNote('extension')}
        </Field>
        <Field id="tel-queues" label={t('telephony.queues')} error={errors.queues}>
          <input id="tel-queues" value={queues} disabled={env('queues')} placeholder={t('telephony.queuesHint')} onChange={(e) => setQueues(e.target.value)} />
          {envNote('queues')}
        </Field>
        <label className="check">
          <input type="checkbox" checked={cti} disabled={env('ctiEnabled')} onChange={(e) => setCti(e.target.checked)} />
          {t('telephony.cti')} {envNote('ctiEnabled')}
        </label>
      </div>
      {cti && <CtiListenFields view={view} draft={listen} onChange={setListen} errors={errors} />}
      <div className="inline">
        <button type="button" onClick={() => void saveAll()}>
          {t('telephony.save')}
        </button>
        <span role="status">{saved && <span className="saved-note">{t('telephony.saved')}</span>}</span>
        {errors.form && (
          <p className="field-error" role="alert">
            {errors.form}
          </p>
        )}
      </div>
      {view.ctiEnabled && (
        <p>
          {t('telephony.ctiUrl')}: {view.ctiUrl ? <code data-testid="cti-url">{view.ctiUrl}</code> : <span className="muted">{t('telephony.ctiUrlPending')}</span>}
        </p>
      )}
      <h3>{t('telephony.status')}</h3>
      <StatusLines status={view.status} />
    </section>
  );
}

function StatusLines({ status }: { status: TelephonyStatus | null }) {
  const { t } = useI18n();
  if (!status) return <p className="muted">{t('telephony.status.off')}</p>;
  const ami = status.ami;
  const amiLine = ami === null ? t('telephony.ami.none') : t(`telephony.ami.${ami.state}` as MessageKey, 'reason' in ami ? { reason: ami.reason } : {});
  return (
    <ul className="telephony-status" data-testid="telephony-status">
      <li className={ami?.state === 'connected' ? 'ok' : ami?.state === 'refused' ? 'error' : undefined}>{amiLine}</li>
      {status.clockOffsetMs !== null && Math.abs(status.clockOffsetMs) > OFFSET_SHOWN_MS && <li className="warn">{clockOffsetText(status.clockOffsetMs, t)}</li>}
      {status.queues.map((q) => (
        <li key={q.queue}>{t('telephony.queue', { queue: q.queue, waiting: q.waiting, wait: Math.round(q.longestWaitSec) })}</li>
      ))}
      {status.cti && <li>{t('telephony.ctiListening', { address: `${status.cti.host.includes(':') ? `[${status.cti.host}]` : status.cti.host}:${status.cti.port}` })}</li>}
      {status.ctiProblem && <li className="error">{t(`telephony.cti.${status.ctiProblem.reason}`, status.ctiProblem)}</li>}
    </ul>
  );
}
