import type { KeyboardEvent } from 'react';

/**
 * What a key in the step box means: Enter adds the step, Ctrl+Enter adds it and closes
 * the call, Shift+Enter (and anything else) stays typing. Enter that ends an IME's
 * composition (choosing the Chinese characters) only ends it: it must not add a half-typed step.
 */
export type StepKey = 'add' | 'addAndClose' | 'newline';

export function stepKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'nativeEvent'>): StepKey {
  if (event.key !== 'Enter' || event.nativeEvent.isComposing || event.shiftKey || event.altKey) return 'newline';
  return event.ctrlKey || event.metaKey ? 'addAndClose' : 'add';
}
