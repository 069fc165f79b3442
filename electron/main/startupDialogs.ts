import { dialog } from 'electron';
import type { Lang } from '../../shared/i18n';
import { startupText, type StartupKey } from '../../shared/i18n/startup';
import { detectNetworkShare, type NetworkShare } from '../durability/networkShare';
import { restoreAndReopen, type SafeOpen } from '../durability/openSafely';
import { movedAsideMessage, networkShareMessage } from '../durability/startupReport';
import { log } from '../log';
import type { OpenOptions, Store } from '../store/openDb';

/**
 * Says what start-up found, in the desk's language (startupLang). A damaged
 * database was already set aside (never overwritten); the person chooses
 * between the newest good backup and the new empty database. A database on a
 * network share gets a warning. The log says the same in English.
 */
export async function reportStartup(
  opened: SafeOpen,
  options: OpenOptions,
  lang: Lang,
  detectShare: (file: string) => NetworkShare | null = detectNetworkShare,
): Promise<{ store: Store; restored: boolean }> {
  let store = opened.store;
  let restored = false;
  const say = (key: StartupKey) => startupText(lang, key);
  const moved = movedAsideMessage(opened, lang);
  if (moved) {
    log.error(movedAsideMessage(opened, 'en') ?? moved);
    const buttons = opened.newestBackup ? [say('restoreButton'), say('emptyButton')] : [say('ok')];
    const choice = dialog.showMessageBoxSync({ type: 'warning', title: say('appName'), message: say('unusableTitle'), detail: moved, buttons, defaultId: 0, cancelId: buttons.length - 1 });
    if (opened.newestBackup && choice === 0) {
      const result = await restoreAndReopen(store, opened.newestBackup, options);
      store = result.store;
      restored = result.restored !== undefined;
      if (result.error) dialog.showErrorBox(say('notRestoredTitle'), result.error.message);
    }
  }
  const share = detectShare(store.file);
  if (share) {
    log.warn(networkShareMessage(store.file, share, 'en'));
    void dialog.showMessageBox({ type: 'warning', title: say('appName'), message: say('shareTitle'), detail: networkShareMessage(store.file, share, lang) });
  }
  return { store, restored };
}
