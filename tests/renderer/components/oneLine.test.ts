import { describe, expect, it } from 'vitest';
import { oneLine } from '../../../renderer/src/components/oneLine';

describe('a value on one line', () => {
  it('joins lines and runs of spaces, and keeps a short value whole', () => {
    expect(oneLine('第一行\n\n  第二行', 20)).toEqual({ text: '第一行 第二行', cut: false });
  });

  it('cuts a long value to the limit, ending in …', () => {
    const cut = oneLine('已核对订单'.repeat(400), 10);
    expect(cut).toEqual({ text: '已核对订单已核对订…', cut: true });
    expect([...cut.text]).toHaveLength(10);
  });

  it('never splits a character outside the BMP', () => {
    expect(oneLine('𠀀𠀀𠀀𠀀', 3).text).toBe('𠀀𠀀…');
  });
});
