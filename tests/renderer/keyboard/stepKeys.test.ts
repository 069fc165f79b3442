import { describe, expect, it } from 'vitest';
import { stepKey } from '../../../renderer/src/keyboard/stepKeys';

const key = (name: string, mods: { ctrl?: boolean; shift?: boolean; meta?: boolean; composing?: boolean } = {}) =>
  stepKey({
    key: name,
    ctrlKey: mods.ctrl ?? false,
    metaKey: mods.meta ?? false,
    shiftKey: mods.shift ?? false,
    altKey: false,
    nativeEvent: { isComposing: mods.composing ?? false } as KeyboardEvent,
  });

describe('keys in the step box', () => {
  it('Enter adds the step, Ctrl+Enter (⌘+Enter) adds it and closes the call', () => {
    expect(key('Enter')).toBe('add');
    expect(key('Enter', { ctrl: true })).toBe('addAndClose');
    expect(key('Enter', { meta: true })).toBe('addAndClose');
  });

  it('Shift+Enter is a new line, and Enter that ends an IME composition only ends it', () => {
    expect(key('Enter', { shift: true })).toBe('newline');
    expect(key('Enter', { composing: true })).toBe('newline');
    expect(key('Enter', { ctrl: true, composing: true })).toBe('newline');
    expect(key('a')).toBe('newline');
  });
});
