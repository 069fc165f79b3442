import type { MessageKey } from '../../../../shared/i18n';

/**
 * Where each of the desk's error keys lives on the page: the input a refusal
 * focuses, and the label "Not saved: …" names. Keys are the ones `useDesk`
 * files errors under (the store's `field`, or the action's own).
 */
const PLACES: Record<string, { selector: string; label: MessageKey }> = {
  salutation: { selector: '#f-salutation', label: 'field.salutation' },
  phone: { selector: '#f-phone', label: 'field.phone' },
  customerType: { selector: '#f-customer-type', label: 'field.customerType' },
  requestType: { selector: '#f-request-type', label: 'field.requestType' },
  category: { selector: '#f-category', label: 'field.category' },
  priority: { selector: '#f-priority', label: 'field.priority' },
  reason: { selector: '#f-reason', label: 'field.reason' },
  handler: { selector: '#f-handler', label: 'field.handler' },
  result: { selector: '#f-result', label: 'field.result' },
  followUpDue: { selector: '#f-follow-up-due', label: 'field.followUpDue' },
  followUpOwner: { selector: '#f-follow-up-owner', label: 'field.followUpOwner' },
  resultNote: { selector: '#f-result-note', label: 'field.resultNote' },
  feedback: { selector: '#f-feedback', label: 'field.feedback' },
  feedbackReason: { selector: '#f-feedback-reason', label: 'field.feedbackReason' },
  scoreSpeed: { selector: '#f-scoreSpeed', label: 'field.scoreSpeed' },
  scoreProfessionalism: { selector: '#f-scoreProfessionalism', label: 'field.scoreProfessionalism' },
  scoreResolution: { selector: '#f-scoreResolution', label: 'field.scoreResolution' },
  remarks: { selector: '#f-remarks', label: 'field.remarks' },
  missReasons: { selector: '.miss-reasons select', label: 'miss.title' },
  changeReason: { selector: '#change-reason', label: 'desk.changeReason' },
  at: { selector: '#action-at', label: 'desk.at' },
  transferTo: { selector: '#action-transfer-to', label: 'desk.transferTo' },
  step: { selector: '#action-step', label: 'desk.stepText' },
  voidReason: { selector: '#void-reason', label: 'void.reason' },
};

/** A miss reason's row files its errors as `missReason-<kind>-<index>`. */
const MISS_ROW = /^missReason-(\w+)-(\d+)$/;

export function fieldSelector(key: string): string | null {
  const miss = MISS_ROW.exec(key);
  if (miss) return `[data-testid="miss-${miss[1]}-${miss[2]}"] select`;
  return PLACES[key]?.selector ?? null;
}

export function fieldLabel(key: string): MessageKey | null {
  if (MISS_ROW.test(key)) return 'miss.title';
  return PLACES[key]?.label ?? null;
}

/**
 * The labels of the fields whose last save failed, each once, in the order they failed:
 * what "Not saved: …" lists.
 */
export function unsavedLabels(keys: readonly string[], t: (key: MessageKey) => string): string[] {
  // A key with no label is not shown raw (an internal name would reach the page): the header then just says "Not saved".
  const labels = keys.flatMap((k) => {
    const label = fieldLabel(k);
    return label ? [t(label)] : [];
  });
  return [...new Set(labels)];
}

/** The result group is saved in one request: the store names the first of its fields it refuses. */
export const RESULT_FIELDS = ['result', 'followUpDue', 'followUpOwner', 'resultNote'] as const;

/** Scrolls the field an error belongs to into the middle of the window (clear of the sticky action bar) and focuses it. */
export function bringFieldIntoView(key: string): boolean {
  const selector = fieldSelector(key);
  const input = selector ? document.querySelector<HTMLElement>(selector) : null;
  if (!input) return false;
  input.scrollIntoView({ block: 'center' });
  input.focus({ preventScroll: true });
  return true;
}
