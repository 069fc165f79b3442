import { describe, expect, it } from 'vitest';
import { bulkWriteEnded, enterRequest, holdingWriteAsync, requestsAnswered } from '../../../electron/store/requestGate';

/** The request gate both ways: bulk work waits for the requests being answered, a request waits for the bulk transaction running. */
describe('the request gate', () => {
  it('lets a request start at once when no bulk transaction runs, and only after the one running has ended otherwise', async () => {
    const order: string[] = [];
    await bulkWriteEnded().then(() => order.push('no bulk write: at once'));
    let release!: () => void;
    const held = holdingWriteAsync(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      order.push('bulk transaction ended');
    });
    const request = bulkWriteEnded().then(() => order.push('request starts'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['no bulk write: at once']);
    release();
    await Promise.all([held, request]);
    expect(order).toEqual(['no bulk write: at once', 'bulk transaction ended', 'request starts']);
  });

  it('holds bulk work back while a request is being answered, and lets it on once answered', async () => {
    const answered = enterRequest();
    let waited = false;
    const bulk = requestsAnswered(5_000).then(() => (waited = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(waited).toBe(false);
    answered();
    await bulk;
    expect(waited).toBe(true);
  });

  it('does not let a long request (an import it waits for, a file dialog) hold back the very bulk work it waits for', async () => {
    const answered = enterRequest();
    // Never released while the bulk work runs: a request awaiting that work. The wait ends all the same, long before its cap.
    await requestsAnswered(60_000);
    answered();
  });
});
