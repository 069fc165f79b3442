import { useEffect, useRef } from 'react';

/**
 * Alt+1…Alt+9 pick the n-th screen in the nav's order, also while typing in a
 * field. Matched on the physical key (Digit1…), so it works with an IME on and
 * on layouts where Alt changes the character.
 */
export function useScreenKeys<T>(screens: readonly T[], show: (screen: T) => void): void {
  const latest = useRef({ screens, show });
  latest.current = { screens, show };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
      if (digit === undefined) return;
      const screen = latest.current.screens[Number(digit) - 1];
      if (screen === undefined) return;
      event.preventDefault();
      // Leaving the field saves what was typed in it before the screen goes.
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
      latest.current.show(screen);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The shortcut of the n-th screen (0-based), as shown in its tooltip. */
export const screenShortcut = (index: number): string => `Alt+${index + 1}`;
