import { log } from '../log';
import type { Handler } from './context';

/**
 * The page reports its language at every load and switch; start-up's dialogs
 * (a damaged database, a network share) speak it next time, before any page.
 * Open to everyone, before set-up and sign-in too: the switch is on every
 * screen, and the only thing it can write is "zh" or "en". A failed write
 * costs only the dialogs' language, so it is logged, never shown as an error.
 */
export const rememberLanguage: Handler<'rememberLanguage'> = async (req, { settings }) => {
  try {
    settings?.rememberLang(req.lang);
  } catch (error) {
    log.warn(`The UI language could not be kept beside the database (${error instanceof Error ? error.message : String(error)})`);
  }
  return null;
};
