import { useEffect, useRef, useState } from 'react';
import { latestWins } from './latestWins';

/**
 * A pick-list's shown value while its save runs. A controlled <select> that shows only the
 * stored value snaps back to it on every key until the save returns, so two fast ArrowDowns
 * landed on the wrong option (issue 12). Here the select shows what was picked at once; saves
 * go one at a time, only the latest pick waiting is sent (latestWins). Once none is waiting the
 * stored value shows again: the one just saved, or after a refusal the one kept, beside its error.
 *
 * `save` resolves to whether the store took the value.
 */
export function useOptimisticChoice<T>(stored: T, save: (value: T) => Promise<boolean>): [T, (value: T) => void] {
  const [shown, setShown] = useState<{ value: T } | null>(null);
  const latestSave = useRef(save);
  latestSave.current = save;
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const [queue] = useState(() =>
    latestWins<T>(
      (value) => latestSave.current(value),
      () => {
        if (mounted.current) setShown(null);
      },
    ),
  );
  const pick = (value: T) => {
    setShown({ value });
    queue.push(value);
  };
  return [shown ? shown.value : stored, pick];
}
