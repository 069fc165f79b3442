import type { MessageKey } from '../../../../shared/i18n';

/**
 * The PBX clock's offset in words a person reads at a glance: which way, and in
 * the largest unit that fits ("the PBX is 3.2 s behind", "… 2 h 5 min ahead",
 * "… 365 days behind"). The offset is desk minus PBX.
 */
export function clockOffsetText(offsetMs: number, t: (key: MessageKey, params?: Record<string, string | number>) => string): string {
  const abs = Math.abs(offsetMs) / 1000;
  const amount =
    abs < 60
      ? t('telephony.offset.sec', { n: abs.toFixed(1) })
      : abs < 3600
        ? t('telephony.offset.min', { n: Math.round(abs / 60) })
        : abs < 86_400
          ? t('telephony.offset.hour', { n: (abs / 3600).toFixed(1) })
          : t('telephony.offset.day', { n: Math.round(abs / 86_400) });
  return t(offsetMs > 0 ? 'telephony.clockBehind' : 'telephony.clockAhead', { amount });
}
