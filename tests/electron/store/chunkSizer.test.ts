import { describe, expect, it } from 'vitest';
import { ChunkSizer } from '../../../electron/store/rhythm';

describe('the staged import’s chunk size', () => {
  it('grows towards what fits in the target time, at most doubling, and shrinks when a chunk took too long', () => {
    const sizer = new ChunkSizer(100, 15);
    // 100 rows in 3 ms: 500 would fit; it goes half way, and never more than doubles.
    sizer.took(100, 3);
    expect(sizer.size).toBe(200);
    for (let i = 0; i < 10; i++) sizer.took(sizer.size, (sizer.size / 500) * 15);
    expect(sizer.size).toBeGreaterThan(480);
    expect(sizer.size).toBeLessThanOrEqual(500);
    // A slow disk: the same rows now take 60 ms; the next chunk is well under half.
    const before = sizer.size;
    sizer.took(before, 60);
    expect(sizer.size).toBeLessThan(before * 0.7);
  });

  it('stays within its bounds, whatever the times', () => {
    const sizer = new ChunkSizer(100, 15, [10, 1000]);
    for (let i = 0; i < 20; i++) sizer.took(sizer.size, 0);
    expect(sizer.size).toBe(1000);
    for (let i = 0; i < 20; i++) sizer.took(sizer.size, 10_000);
    expect(sizer.size).toBe(10);
  });
});
