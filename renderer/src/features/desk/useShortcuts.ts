import { useEffect, useRef } from 'react';

/**
 * Alt+letter shortcuts that work even while typing in a field (an agent's hands
 * stay on the keyboard). Matched on the physical key, so Alt+N also works on
 * layouts and IMEs where Alt changes the character.
 */
export function useShortcuts(bindings: Record<string, () => void>): void {
  const latest = useRef(bindings);
  latest.current = bindings;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const letter = event.code.startsWith('Key') ? event.code.slice(3) : '';
      const action = latest.current[letter];
      if (!action) return;
      event.preventDefault();
      // Leaving the field saves what was typed in it; that request goes out before the action's.
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
      window.setTimeout(action, 0);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
