import { readSettings, updateSettings } from './settings';
import type { UrlSealer } from './teamUrl';

/**
 * What the Telephony card sets (issue 15), kept in the settings file beside
 * the database (mode 0600, never in the database or its backups: the AMI URL
 * holds the manager user's secret). The environment wins over the card, for
 * scripts and tests: HOTLINE_AMI_URL, HOTLINE_EXTENSION, HOTLINE_AMI_QUEUES
 * (comma-separated) and HOTLINE_CTI (on/off). Without either, nothing changes:
 * no AMI connection, no CTI endpoint. The desktop app seals the AMI URL with
 * safeStorage as it does the team URL (`amiUrlSealed`); a clear one a CLI or
 * browser mode left is sealed at the app's next read.
 */
export interface TelephonySettings {
  /** ami://user:secret@host:5038 (amis:// for TLS); null: no AMI connection. */
  amiUrl: string | null;
  /** The agent interface this desk follows, e.g. PJSIP/1001. */
  extension: string | null;
  /** Queues whose missed calls this desk logs. */
  queues: string[];
  /** Whether the Zammad-format CTI endpoint runs. */
  ctiEnabled: boolean;
  /** Where each value came from: the card, or the environment (the card cannot change those). */
  fromEnv: Array<'amiUrl' | 'extension' | 'queues' | 'ctiEnabled'>;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v.filter((q): q is string => typeof q === 'string') : typeof v === 'string' ? v.split(',') : []).map((q) => q.trim()).filter((q) => q !== '');

export function readTelephony(dbFile: string, env: NodeJS.ProcessEnv = process.env, sealer?: UrlSealer): TelephonySettings {
  const s = readSettings(dbFile);
  const keptUrl = sealer && typeof s.amiUrlSealed === 'string' ? sealer.unseal(s.amiUrlSealed) : s.amiUrl;
  if (sealer && typeof s.amiUrl === 'string' && s.amiUrl !== '') keepTelephony(dbFile, { amiUrl: s.amiUrl }, sealer);
  const fromEnv: TelephonySettings['fromEnv'] = [];
  const pick = <T>(key: TelephonySettings['fromEnv'][number], envValue: string | undefined, parse: (v: unknown) => T, kept: unknown): T => {
    if (envValue !== undefined && envValue.trim() !== '') {
      fromEnv.push(key);
      return parse(envValue);
    }
    return parse(kept);
  };
  const cti = (v: unknown) => v === true || (typeof v === 'string' && ['on', '1', 'true', 'yes'].includes(v.trim().toLowerCase()));
  return {
    amiUrl: pick('amiUrl', env.HOTLINE_AMI_URL, text, keptUrl),
    extension: pick('extension', env.HOTLINE_EXTENSION, text, s.amiExtension),
    queues: pick('queues', env.HOTLINE_AMI_QUEUES, list, s.amiQueues),
    ctiEnabled: pick('ctiEnabled', env.HOTLINE_CTI, cti, s.ctiEnabled),
    fromEnv,
  };
}

export type TelephonyChanges = { amiUrl?: string | null; extension?: string | null; queues?: string[]; ctiEnabled?: boolean };

/** What the card saves; a value left undefined stays as it was. With a sealer the AMI URL is kept sealed, and its clear copy removed. */
export function keepTelephony(dbFile: string, changes: TelephonyChanges, sealer?: UrlSealer): void {
  const next: Record<string, unknown> = {};
  if (changes.amiUrl !== undefined) {
    const url = changes.amiUrl === null || changes.amiUrl.trim() === '' ? undefined : changes.amiUrl.trim();
    Object.assign(next, sealer && url !== undefined ? { amiUrlSealed: sealer.seal(url), amiUrl: undefined } : { amiUrl: url, amiUrlSealed: undefined });
  }
  if (changes.extension !== undefined) next.amiExtension = changes.extension;
  if (changes.queues !== undefined) next.amiQueues = changes.queues;
  if (changes.ctiEnabled !== undefined) next.ctiEnabled = changes.ctiEnabled;
  updateSettings(dbFile, next);
}
