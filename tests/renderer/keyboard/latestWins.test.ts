import { describe, expect, it } from 'vitest';
import { latestWins } from '../../../renderer/src/keyboard/latestWins';

/** A save that waits until the test lets it answer. */
function pendingSaves() {
  const calls: Array<{ value: string; answer: (accepted: boolean) => void }> = [];
  const save = (value: string) => new Promise<boolean>((answer) => calls.push({ value, answer }));
  return { calls, save };
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('pick-list saves under fast keys (issue 12)', () => {
  it('sends one at a time, and only the latest of the picks made while one runs', async () => {
    const { calls, save } = pendingSaves();
    const idle: boolean[] = [];
    const queue = latestWins(save, (accepted) => idle.push(accepted));
    queue.push('vip');
    queue.push('regular');
    queue.push('enterprise');
    await tick();
    expect(calls.map((c) => c.value)).toEqual(['vip']);
    calls[0]!.answer(true);
    await tick();
    // 'regular' was passed over by the keys: never sent.
    expect(calls.map((c) => c.value)).toEqual(['vip', 'enterprise']);
    expect(idle).toEqual([]);
    calls[1]!.answer(true);
    await tick();
    expect(idle).toEqual([true]);
    expect(queue.running).toBe(false);
  });

  it('says when the last save was refused, so the stored value shows again beside the error', async () => {
    const { calls, save } = pendingSaves();
    const idle: boolean[] = [];
    const queue = latestWins(save, (accepted) => idle.push(accepted));
    queue.push('complaint');
    await tick();
    calls[0]!.answer(false);
    await tick();
    expect(idle).toEqual([false]);
    // A save that throws counts as refused, and the queue takes the next pick.
    const failing = latestWins<string>(() => Promise.reject(new Error('gone')), (accepted) => idle.push(accepted));
    failing.push('x');
    await tick();
    await tick();
    expect(idle).toEqual([false, false]);
  });
});
