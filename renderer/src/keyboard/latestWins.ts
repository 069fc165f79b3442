/**
 * Saves that go one at a time, the latest value waiting sent next and the ones it replaced
 * never (a pick-list stepped through by ArrowDown: only where the keys stopped matters).
 * `onIdle` runs once nothing is waiting any more, with whether the last save was accepted.
 */
export function latestWins<T>(save: (value: T) => Promise<boolean>, onIdle: (accepted: boolean) => void): { push(value: T): void; readonly running: boolean } {
  let waiting: { value: T } | null = null;
  let running = false;
  const drain = async () => {
    running = true;
    let accepted = true;
    while (waiting) {
      const next = waiting;
      waiting = null;
      accepted = await save(next.value).catch(() => false);
    }
    running = false;
    onIdle(accepted);
  };
  return {
    push(value: T) {
      waiting = { value };
      if (!running) void drain();
    },
    get running() {
      return running;
    },
  };
}
