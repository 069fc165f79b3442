import { CATEGORIES, CUSTOMER_TYPES, FEEDBACKS, MISS_REASONS, REQUEST_TYPES, RESULTS } from '../../shared/domain/fields';
import { DICTIONARIES, type MessageKey } from '../../shared/i18n';
import type { Policy } from '../../shared/policy/schema';
import { TARGET_KINDS } from '../../shared/timing/compliance';
import { headerKey } from './columns';
import type { ArchiveLang } from './types';

/**
 * The closed vocabularies as people read them: stable keys out of the database,
 * labels from the i18n dictionaries into the file, and back on import from
 * either language, the key itself, or the label's short form before a bracket
 * (the paper sheet writes 处理中(需跟进) where the app says 处理中（需跟进）).
 */

export const VOCABULARIES = {
  customerType: CUSTOMER_TYPES,
  requestType: REQUEST_TYPES,
  category: CATEGORIES,
  result: RESULTS,
  feedback: FEEDBACKS,
  missReason: MISS_REASONS,
  target: TARGET_KINDS,
} as const;
export type Vocabulary = keyof typeof VOCABULARIES;

const LANGS: ArchiveLang[] = ['zh', 'en'];

/** The label of a stored key; an unknown key is shown as it is. */
export function labelOf(lang: ArchiveLang, vocabulary: Vocabulary, key: string): string {
  return DICTIONARIES[lang][`${vocabulary}.${key}` as MessageKey] ?? key;
}

/** How labels compare on import: NFKC, no spaces or trailing punctuation, lower case. */
const labelKey = (text: string): string => headerKey(text).replace(/[。.!！]+$/, '');
const shortForm = (label: string): string => label.replace(/[(（].*$/, '');

const readers = new Map<Vocabulary, Map<string, string>>();

function readerOf(vocabulary: Vocabulary): Map<string, string> {
  let reader = readers.get(vocabulary);
  if (reader) return reader;
  reader = new Map();
  for (const key of VOCABULARIES[vocabulary]) {
    for (const lang of LANGS) {
      const label = labelOf(lang, vocabulary, key);
      // The exact label too: what this exporter wrote is found without normalising it.
      reader.set(label, key);
      reader.set(labelKey(label), key);
      if (!reader.has(labelKey(shortForm(label)))) reader.set(labelKey(shortForm(label)), key);
    }
    reader.set(labelKey(key), key);
  }
  readers.set(vocabulary, reader);
  return reader;
}

/**
 * The stored key for a label typed in either language, or null when it is none of the vocabulary's.
 * @example readVocab('result', '处理中(需跟进)') === 'in_progress'
 */
export function readVocab(vocabulary: Vocabulary, text: string): string | null {
  const reader = readerOf(vocabulary);
  return reader.get(text) ?? reader.get(labelKey(text)) ?? null;
}

/** Every label of a vocabulary in one language, for error messages. */
export function labelsOf(lang: ArchiveLang, vocabulary: Vocabulary): string[] {
  return VOCABULARIES[vocabulary].map((key) => labelOf(lang, vocabulary, key));
}

/** A priority level's label in the record's own policy version; an unknown key as it is. */
export function priorityLabel(lang: ArchiveLang, policy: Policy | undefined, key: string): string {
  return policy?.priorities.find((l) => l.key === key)?.label[lang] ?? key;
}

/** A priority typed in either language (or its key), read against the policy the record will be judged by. */
export function readPriority(policy: Policy, text: string): string | null {
  const wanted = labelKey(text);
  const level = policy.priorities.find((l) => [l.key, l.label.zh, l.label.en].some((t) => labelKey(t) === wanted));
  return level?.key ?? null;
}

/** met / not met / open: whether a target was met, from the stored due times (seed 000's 是 / 否). */
export type Verdict = 'met' | 'notMet' | 'open';

export const VERDICT_LABELS: Record<ArchiveLang, Record<Verdict, string>> = {
  zh: { met: '是', notMet: '否', open: '进行中' },
  en: { met: 'met', notMet: 'not met', open: 'open' },
};
