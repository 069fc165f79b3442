import { readSettings, updateSettings } from './settings';

/**
 * What the Telephony card sets (issue 15), kept in the settings file beside
 * the database (mode 0600, never in the database or its backups: the AMI URL
 * holds the manager user's secret). The environment wins over the card, for
 * scripts and tests: HOTLINE_AMI_URL, HOTLINE_EXTENSION, HOTLINE_AMI_QUEUES
 * (comma-separated) and HOTLINE_CTI (on/off). Without either, nothing changes:
 * no AMI connection, no CTI endpoint.
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

export function readTelephony(dbFile: string, env: NodeJS.ProcessEnv = process.env): TelephonySettings {
  const s = readSettings(dbFile);
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
    amiUrl: pick('amiUrl', env.HOTLINE_AMI_URL, text, s.amiUrl),
    extension: pick('extension', env.HOTLINE_EXTENSION, text, s.amiExtension),
    queues: pick('queues', env.HOTLINE_AMI_QUEUES, list, s.amiQueues),
    ctiEnabled: pick('ctiEnabled', env.HOTLINE_CTI, cti, s.ctiEnabled),
    fromEnv,
  };
}

/** What the card saves; a value left undefined stays as it was. */
export function keepTelephony(dbFile: string, changes: { amiUrl?: string | null; extension?: string | null; queues?: string[]; ctiEnabled?: boolean }): void {
  const next: Record<string, unknown> = {};
  if (changes.amiUrl !== undefined) next.amiUrl = changes.amiUrl;
  if (changes.extension !== undefined) next.amiExtension = changes.extension;
  if (changes.queues !== undefined) next.amiQueues = changes.queues;
  if (changes.ctiEnabled !== undefined) next.ctiEnabled = changes.ctiEnabled;
  updateSettings(dbFile, next);
}
