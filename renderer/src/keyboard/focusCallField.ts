/**
 * Where the keyboard goes once a call moment is logged: after New call to the
 * call's first field, after Answer to the first one still empty, so the agent
 * types at once instead of tabbing down from the page's top (issue 12: 8 Tabs
 * to the salutation).
 */
export type FieldFocus = 'first' | 'firstEmpty';

const CALL_FIELDS = '.call .fields-grid input:not([disabled]), .call .fields-grid select:not([disabled]), .call .fields-grid textarea:not([disabled])';

export function focusCallField(mode: FieldFocus, root: ParentNode = document): boolean {
  const fields = Array.from(root.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(CALL_FIELDS));
  const target = mode === 'first' ? fields[0] : (fields.find((f) => f.value === '') ?? fields[0]);
  if (!target) return false;
  target.focus();
  return true;
}
