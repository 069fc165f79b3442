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
  return fillParams(text, params);
}

/**
 * Fills {name} from params, and {name|one|other} with the singular or plural form
 * by the number (# stands for it), so English reads "1 problem", "2 problems".
 * @example fillParams('{n|# step|# steps}', { n: 1 }) === '1 step'
 */
export function fillParams(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g, (whole, name: string, one?: string, other?: string) => {
    if (!(name in params)) return whole;
    const value = params[name]!;
    if (one === undefined || other === undefined) return String(value);
    return (Number(value) === 1 ? one : other).replace(/#/g, String(value));
  });
}

/** Chinese where the OS or browser locale is Chinese, English otherwise. */
export function langFromLocale(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
