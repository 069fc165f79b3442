import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A pick-list's shown value while its save runs. A controlled <select> that shows only the
 * stored value snaps back to it on every key until the save returns, so two fast ArrowDowns
 * landed on the wrong option (issue 12). Here the select shows what was picked at once; saves
 * go one at a time, and only the latest pick waiting is sent (the ones in between were passed
 * over by the keys). A refused save lets the stored value show again, beside its error.
 *
 * `save` resolves to whether the store took the value.
 */
export function useOptimisticChoice<T>(stored: T, save: (value: T) => Promise<boolean>): [T, (value: T) => void] {
  const [shown, setShown] = useState<{ value: T } | null>(null);
  const queued = useRef<{ value: T } | null>(null);
  const running = useRef(false);
  const latestSave = useRef(save);
  latestSave.current = save;
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const drain = useCallback(async () => {
    running.current = true;
    let accepted = true;
    while (queued.current) {
      const next = queued.current;
      queued.current = null;
      accepted = await latestSave.current(next.value);
    }
    running.current = false;
    // The stored value (now the last one saved, or the one kept after a refusal) shows again.
    if (mounted.current) setShown(null);
    return accepted;
  }, []);

  const pick = useCallback(
    (value: T) => {
      setShown({ value });
      queued.current = { value };
      if (!running.current) void drain();
    },
    [drain],
  );
  return [shown ? shown.value : stored, pick];
}
