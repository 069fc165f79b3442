import type { PhoneFacts } from '../../../../shared/api/records';
import type { MessageKey } from '../../../../shared/i18n';
import { localClock } from '../../../../shared/timing/localTime';
import { useI18n } from '../../i18n';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A talk time as people say it: "1 min 35 s" / "1 分 35 秒"; under a minute, seconds alone. */
export function talkDurationText(sec: number, t: T): string {
  const total = Math.max(0, Math.round(sec));
  const m = Math.floor(total / 60);
  return m === 0 ? t('desk.durationSec', { s: total }) : t('desk.durationMinSec', { m, s: total % 60 });
}

/**
 * The phone system's hang-up, which the record has no moment of its own for:
 * "Call ended 14:32 (phone system) · talk 1 min 35 s". Shown once the phone
 * reported the end of a record's call; nothing for a record logged by hand.
 */
export function PhoneEnded({ phone, zone }: { phone: PhoneFacts | null | undefined; zone: string }) {
  const { t } = useI18n();
  if (!phone || phone.endedAt === null) return null;
  const talk = phone.talkSec !== null && phone.answeredAt !== null ? ` · ${t('desk.phoneTalk', { duration: talkDurationText(phone.talkSec, t) })}` : '';
  return (
    <p className="muted phone-ended" data-testid="phone-ended">
      {t('desk.phoneEnded', { time: localClock(phone.endedAt, zone) })}
      {talk}
    </p>
  );
}
