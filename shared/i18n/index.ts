import { en, type MessageKey } from './en';
import { zh } from './zh';

export type Lang = 'zh' | 'en';
export type { MessageKey };
export const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { en, zh };

/**
 * Looks up a message and fills its {placeholders}.
 * @example translate('en', 'desk.minutes', { n: 2 }) === '2 min'
 */
export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = DICTIONARIES[lang][key] ?? DICTIONARIES.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Chinese where the OS or browser locale is Chinese, English otherwise. */
export function langFromLocale(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
