import type { TelephonyView } from '../../../../shared/api/telephony';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';

/** "This computer only": the endpoint's default, reachable by programs on this computer alone. */
export const LOOPBACK = '127.0.0.1';

/** What the admin types: the listen address, the allow-list as typed (lines or commas), the port as typed. */
export interface CtiListenDraft {
  host: string;
  allowFrom: string;
  port: string;
}

export function draftOf(view: TelephonyView): CtiListenDraft {
  return { host: view.ctiHost, allowFrom: view.ctiAllowFrom.join('\n'), port: view.ctiPort === null ? '' : String(view.ctiPort) };
}

/** The allow-list's entries: one per line or comma-separated, as an admin pastes them from the PBX's settings. */
export function entriesOf(allowFrom: string): string[] {
  return allowFrom
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/**
 * Where the CTI endpoint listens and whom it accepts (issue 15): this computer
 * only, or one of its LAN addresses for a PBX on another host — then only the
 * listed addresses or networks may push. The port stays the kept one unless
 * changed. Each entry is checked by the request with the endpoint's own reader;
 * a refusal shows beside its field.
 */
export function CtiListenFields(props: { view: TelephonyView; draft: CtiListenDraft; onChange: (draft: CtiListenDraft) => void; errors: Record<string, string> }) {
  const { t } = useI18n();
  const { view, draft, onChange, errors } = props;
  const set = (change: Partial<CtiListenDraft>) => onChange({ ...draft, ...change });
  // The kept address stays offered when the computer no longer has it (a new DHCP lease), marked as such.
  const gone = draft.host !== LOOPBACK && !view.lanAddresses.includes(draft.host) ? draft.host : null;
  return (
    <div className="inline cti-listen">
      <Field id="tel-cti-host" label={t('telephony.listenOn')} error={errors.ctiHost}>
        <select id="tel-cti-host" value={draft.host} onChange={(e) => set({ host: e.target.value })}>
          <option value={LOOPBACK}>{t('telephony.listenLoopback')}</option>
          {view.lanAddresses.map((address) => (
            <option key={address} value={address}>
              {t('telephony.listenLan', { address })}
            </option>
          ))}
          {gone && <option value={gone}>{t('telephony.listenGone', { address: gone })}</option>}
        </select>
      </Field>
      {draft.host === LOOPBACK ? (
        <p className="muted cti-listen-note">{t('telephony.allowFromLoopback')}</p>
      ) : (
        <Field id="tel-cti-allow" label={t('telephony.allowFrom')} error={errors.ctiAllowFrom}>
          <textarea id="tel-cti-allow" rows={3} value={draft.allowFrom} placeholder={'192.168.1.2\n10.8.0.0/16'} aria-describedby="tel-cti-allow-hint" onChange={(e) => set({ allowFrom: e.target.value })} />
          <small className="muted" id="tel-cti-allow-hint">
            {t('telephony.allowFromHint')}
          </small>
        </Field>
      )}
      <Field id="tel-cti-port" label={t('telephony.ctiPort')} error={errors.ctiPort}>
        <input id="tel-cti-port" inputMode="numeric" value={draft.port} placeholder="1024–65535" aria-describedby="tel-cti-port-hint" onChange={(e) => set({ port: e.target.value })} />
        <small className="muted" id="tel-cti-port-hint">
          {t('telephony.ctiPortHint')}
        </small>
      </Field>
    </div>
  );
}
