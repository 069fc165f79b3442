import type { StepView } from '../api/records';
import { readStepText } from '../domain/followUpStep';
import { translate, type Lang, type MessageKey } from './index';

/**
 * A step as a reader sees it: a completed follow-up's step with its kind's label in the
 * reader's language ("进展同步：已联系客户"), any other step as typed.
 */
export function stepText(lang: Lang, step: Pick<StepView, 'text' | 'followUp'>): string {
  if (step.followUp === undefined) return step.text;
  return translate(lang, 'step.followUp', { label: translate(lang, `step.followUp.${step.followUp}` as MessageKey), text: step.text });
}

/** The same for a step as stored (the export reads the table itself). */
export const storedStepText = (lang: Lang, stored: string): string => stepText(lang, readStepText(stored));
