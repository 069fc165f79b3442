import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DICTIONARIES, langFromLocale, translate, type Lang, type MessageKey } from '../../shared/i18n';
import type { ApiError } from '../../shared/api/result';
import { errorParams } from '../../shared/i18n/errorParams';
import { importReasonText } from '../../shared/i18n/importReasons';
import { api } from './api';

const LANG_KEY = 'hotline.lang';

/**
 * The language a page opens in: ?lang= (browser mode's --lang, else the desk's
 * kept language, which the desktop window passes too), then the last choice,
 * then the OS locale. The parameter is taken out of the address once read, so
 * a switch followed by a reload keeps the switch.
 */
function initialLang(): Lang {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('lang');
  if (fromUrl !== null) {
    url.searchParams.delete('lang');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  if (fromUrl === 'en' || fromUrl === 'zh') return fromUrl;
  const saved = localStorage.getItem(LANG_KEY);
  if (saved === 'en' || saved === 'zh') return saved;
  return langFromLocale(navigator.language);
}

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** The translated text of an error from the API. */
  errorText(error: ApiError): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(LANG_KEY, next);
    document.documentElement.lang = next;
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
    return {
      lang,
      setLang,
      t,
      errorText: (error) => t(`error.${error.code}` as MessageKey, { message: errorDetail(error, lang, t), ...errorParams(error) }),
    };
  }, [lang, setLang]);
  document.documentElement.lang = lang;
  // Kept beside the database too: start-up's dialogs speak it before any page (and when the database is damaged).
  useEffect(() => {
    void api.rememberLanguage({ lang });
  }, [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

const PARAM_CODES = new Set<ApiError['code']>(['day_not_over', 'already_signed_off', 'team_signs_off', 'unknown_time_zone']);

/** The variable part of an error in the reader's language where the API gives it as data (missed targets by kind). */
function errorDetail(error: ApiError, lang: Lang, t: (key: MessageKey, params?: Record<string, string | number>) => string): string {
  // What exactly was refused, as a code and its data: said in the page's language, never the main process's English.
  if (error.refusal) return t(`refusal.${error.refusal.code}` as MessageKey, error.refusal.params);
  // An import file that cannot be read says why through the import's reason table (no known header row, …);
  // the English message already is that reason as a whole sentence, with the file's name.
  if (error.reason && lang !== 'en') return importReasonText(lang, error.reason);
  if (error.code === 'miss_reason_required' && error.problems) {
    return error.problems.map((p) => {
      const [kind, number] = p.split(' ');
      return `${t(`target.${kind}` as MessageKey)}${number ? ` ${number}` : ''}`;
    }).join(', ');
  }
  if (error.code === 'pin_locked' && error.problems?.[0]) {
    // The wait in whole seconds; a minute or more is said in minutes, rounded up.
    const seconds = Number(error.problems[0]);
    return seconds < 60 ? t('lockout.seconds', { n: seconds }) : t('lockout.minutes', { n: Math.ceil(seconds / 60) });
  }
  if (error.code === 'backup_dir_unusable' && error.problems?.[0]) {
    // 'notWritable:EACCES': why the folder was refused, and the system's code.
    const [why, detail] = error.problems[0].split(':');
    if (`backupDir.problem.${why}` in DICTIONARIES.en) return t(`backupDir.problem.${why}` as MessageKey, { detail: detail ?? '' });
  }
  // A role's refusal names the roles that may, in the reader's language.
  if (error.code === 'forbidden' && error.problems?.length && error.problems.every((r) => `role.${r}` in DICTIONARIES.en)) {
    const roles = error.problems.map((r) => t(`role.${r}` as MessageKey)).join(lang === 'zh' ? '或' : ' or ');
    return t('forbidden.only', { roles });
  }
  // Refusals whose one parameter is data (a date, the zone typed): said around it in the page's language.
  if (PARAM_CODES.has(error.code) && error.problems?.[0] !== undefined) return error.problems[0];
  const [kind, limit] = error.code === 'invalid_request' ? (error.problems?.[0]?.split(':') ?? []) : [];
  if (kind && `invalid.${kind}` in DICTIONARIES.en) return t(`invalid.${kind}` as MessageKey, { n: limit ?? '' });
  return error.message;
}
