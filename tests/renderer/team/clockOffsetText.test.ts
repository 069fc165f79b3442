import { describe, expect, it } from 'vitest';
import { clockOffsetText } from '../../../renderer/src/features/team/clockOffsetText';
import { en } from '../../../shared/i18n/en';
import { zh } from '../../../shared/i18n/zh';
import { fillParams, type MessageKey } from '../../../shared/i18n';

const tOf = (dict: Record<MessageKey, string>) => (key: MessageKey, params?: Record<string, string | number>) => fillParams(dict[key], params ?? {});

describe('the PBX clock offset on the Telephony card', () => {
  it('says which way and in the largest unit that fits (desk minus PBX)', () => {
    const t = tOf(en);
    expect(clockOffsetText(3_200, t)).toBe("The PBX clock is 3.2 s behind this computer's");
    expect(clockOffsetText(-125_000, t)).toBe("The PBX clock is 2 min ahead of this computer's");
    expect(clockOffsetText(7_560_000, t)).toBe("The PBX clock is 2.1 h behind this computer's");
    // A transcript replayed a year later: not 31,562,853.5 seconds.
    expect(clockOffsetText(31_562_853_500, t)).toBe("The PBX clock is 365 days behind this computer's");
    expect(clockOffsetText(31_562_853_500, tOf(zh))).toBe('交换机时钟比本机慢 365 天');
    expect(clockOffsetText(-4_000, tOf(zh))).toBe('交换机时钟比本机快 4.0 秒');
  });
});
